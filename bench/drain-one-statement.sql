-- bench:drain's single-phase alternative: the same final rows as the consumer's two statements,
-- written idempotently in one statement per batch (a replayed booking inserts nothing: payments and
-- outbox rows hang off the reservations actually inserted). What a consumer could do if it charged
-- before writing anything (the provider being idempotent by reservation id).
-- $1 id[], $2 sale_id[], $3 hold_id[], $4 seat_id[], $5 user_id[], $6 amount[], $7 results topic
WITH r AS (
  INSERT INTO reservations (id, sale_id, hold_id, seat_id, user_id, amount, status)
  SELECT *, 'confirmed' FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[])
  ON CONFLICT DO NOTHING
  RETURNING id, sale_id, user_id, amount
),
p AS (
  INSERT INTO payments (reservation_id, status, provider_ref, amount)
  SELECT id, 'approved', 'bench', amount FROM r
  ON CONFLICT (reservation_id) DO NOTHING
)
INSERT INTO outbox (topic, message_key, payload)
SELECT $7, user_id, jsonb_build_object('v', 1, 'type', 'reservation', 'id', id, 'saleId', sale_id,
  'userId', user_id, 'status', 'confirmed', 'at', now()::text)
FROM r
