-- The latest change of the given bookings. {{table}} reservations or claims; $1 ids
SELECT max(updated_at) AS at FROM {{table}} WHERE id = ANY($1::text[])
