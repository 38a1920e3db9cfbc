-- I4: the accepted ids whose booking is missing or not in a terminal status.
-- {{table}} reservations or claims; $1 accepted ids; $2 the terminal statuses
SELECT a.id FROM unnest($1::text[]) AS a(id)
WHERE NOT EXISTS (SELECT 1 FROM {{table}} r WHERE r.id = a.id AND r.status = ANY($2::text[]))
