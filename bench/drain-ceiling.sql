-- bench:drain's raw ceiling: the rows one confirmed booking leaves behind (a confirmed
-- reservation, its payment, its outbox row), written by one multi-row INSERT per chunk with no
-- read, no update and no idempotency check. $1 id[], $2 sale_id[], $3 hold_id[], $4 seat_id[],
-- $5 user_id[], $6 amount[], $7 results topic
WITH r AS (
  INSERT INTO reservations (id, sale_id, hold_id, seat_id, user_id, amount, status)
  SELECT * , 'confirmed' FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[])
  RETURNING id, sale_id, user_id, amount
),
p AS (
  INSERT INTO payments (reservation_id, status, provider_ref, amount)
  SELECT id, 'approved', 'bench', amount FROM r
)
INSERT INTO outbox (topic, message_key, payload)
SELECT $7, user_id, jsonb_build_object('v', 1, 'type', 'reservation', 'id', id, 'saleId', sale_id,
  'userId', user_id, 'status', 'confirmed', 'at', now()::text)
FROM r
