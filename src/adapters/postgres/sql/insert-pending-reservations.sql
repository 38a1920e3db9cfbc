-- Records a batch of accepted bookings as pending; a replayed request (same id) changes nothing.
-- Returns every requested reservation with its status now: rows inserted here come from RETURNING,
-- rows that existed from the table (the statement's snapshot does not see its own inserts).
-- $1 id[], $2 sale_id[], $3 hold_id[], $4 seat_id[], $5 user_id[], $6 amount[]
WITH input AS (
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[])
    AS i (id, sale_id, hold_id, seat_id, user_id, amount)
),
ins AS (
  INSERT INTO reservations (id, sale_id, hold_id, seat_id, user_id, amount, status)
  SELECT id, sale_id, hold_id, seat_id, user_id, amount, 'pending' FROM input
  ON CONFLICT (id) DO NOTHING
  RETURNING id, status
)
SELECT id, status FROM ins
UNION ALL
SELECT r.id, r.status FROM reservations r
WHERE r.id = ANY ($1::text[]) AND r.id NOT IN (SELECT id FROM ins)
