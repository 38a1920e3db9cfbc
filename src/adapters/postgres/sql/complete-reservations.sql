-- Finishes a batch of reservations in one statement (one transaction): records the payments,
-- moves each reservation from pending to its outcome, and writes one outbox row per reservation
-- changed now, for the relay to publish. A reservation that was no longer pending (a replay)
-- gets neither a second payment row nor a second outbox row. Returns every requested
-- reservation's status after the statement.
-- $1 id[], $2 status[] ('confirmed' | 'failed'), $3 reason[] (null when confirmed),
-- $4 payment status[] (null = no payment made), $5 provider_ref[], $6 results topic, $7 at (ISO text)
WITH input AS (
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
    AS i (id, status, reason, payment_status, provider_ref)
),
pay AS (
  INSERT INTO payments (reservation_id, status, provider_ref, amount)
  SELECT i.id, i.payment_status, i.provider_ref, r.amount
  FROM input i JOIN reservations r ON r.id = i.id
  WHERE i.payment_status IS NOT NULL AND r.status = 'pending'
  ON CONFLICT (reservation_id) DO NOTHING
),
upd AS (
  UPDATE reservations r
  SET status = i.status, failure_reason = i.reason, updated_at = now()
  FROM input i
  WHERE r.id = i.id AND r.status = 'pending'
  RETURNING r.id, r.sale_id, r.user_id, r.status, r.failure_reason
),
outbox_rows AS (
  INSERT INTO outbox (topic, message_key, payload)
  SELECT $6::text, u.user_id, jsonb_strip_nulls(jsonb_build_object(
    'v', 1, 'type', 'reservation', 'id', u.id, 'saleId', u.sale_id, 'userId', u.user_id,
    'status', u.status, 'reason', u.failure_reason, 'at', $7::text))
  FROM upd u
)
SELECT id, status FROM upd
UNION ALL
SELECT r.id, r.status FROM reservations r
WHERE r.id = ANY ($1::text[]) AND r.id NOT IN (SELECT id FROM upd)
