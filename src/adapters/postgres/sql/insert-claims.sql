-- Issues (or, with status 'failed', refuses) a batch of coupon claims, with one outbox row and one
-- webhook event (migration 0020) per claim recorded now; a replayed claim (same id) changes nothing and announces nothing twice. Returns
-- every requested claim with its status after the statement.
-- $1 id[], $2 sale_id[], $3 user_id[], $4 status[], $5 coupon_code[] (null when failed),
-- $6 reason[], $7 results topic, $8 at (ISO text)
WITH input AS (
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
    AS i (id, sale_id, user_id, status, coupon_code, reason)
),
ins AS (
  INSERT INTO claims (id, sale_id, user_id, status, coupon_code, failure_reason)
  SELECT id, sale_id, user_id, status, coupon_code, reason FROM input
  ON CONFLICT DO NOTHING
  RETURNING id, sale_id, user_id, status, coupon_code, failure_reason
),
outbox_rows AS (
  INSERT INTO outbox (topic, message_key, payload)
  SELECT $7::text, c.user_id, jsonb_strip_nulls(jsonb_build_object(
    'v', 1, 'type', 'claim', 'id', c.id, 'saleId', c.sale_id, 'userId', c.user_id,
    'status', c.status, 'couponCode', c.coupon_code, 'reason', c.failure_reason, 'at', $8::text))
  FROM ins c
),
webhook_rows AS (
  -- The multi-row form of insert-webhook-event.sql: id `<type>:<claim id>`.
  INSERT INTO webhook_events (id, type, sale_id, data)
  SELECT t.type || ':' || c.id, t.type, c.sale_id,
    jsonb_build_object('saleId', c.sale_id, 'userId', c.user_id, 'claimId', c.id)
    || CASE WHEN c.failure_reason IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('reason', c.failure_reason) END
  FROM ins c
  CROSS JOIN LATERAL (SELECT CASE WHEN c.status = 'confirmed' THEN 'claim.issued' ELSE 'claim.failed' END AS type) t
  ON CONFLICT (id) DO NOTHING
)
-- Claims written now come from RETURNING; those recorded before (a replay) from the table, one
-- primary-key probe each, and only for them (the statement's snapshot does not see its own
-- inserts: probing every claim of the batch found each new one invisible, 500 probes a batch).
SELECT id, status FROM ins
UNION ALL
SELECT c.id, c.status
FROM input i
JOIN LATERAL (SELECT id, status FROM claims WHERE claims.id = i.id) c ON true
WHERE i.id NOT IN (SELECT id FROM ins)
