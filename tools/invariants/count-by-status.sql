-- Bookings of one sale by status. {{table}} reservations or claims; $1 sale id
SELECT status, count(*)::int AS n FROM {{table}} WHERE sale_id = $1 GROUP BY status
