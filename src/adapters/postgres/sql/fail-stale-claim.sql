-- Settles a stale pending coupon claim as failed, with its result for the buyer and its webhook
-- event (migration 0020), in one statement;
-- the insert fences a late claim request exactly as fail-stale-reservation.sql does.
-- $1 claim id, $2 sale id, $3 user id, $4 reason, $5 results topic, $6 time of the result (ISO text)
WITH fenced AS (
  INSERT INTO claims (id, sale_id, user_id, status, failure_reason)
  VALUES ($1, $2, $3, 'failed', $4)
  ON CONFLICT DO NOTHING
  RETURNING id, sale_id, user_id, failure_reason
),
webhook_row AS (
  INSERT INTO webhook_events (id, type, sale_id, data)
  SELECT 'claim.failed:' || f.id, 'claim.failed', f.sale_id,
    jsonb_build_object('saleId', f.sale_id, 'userId', f.user_id, 'claimId', f.id, 'reason', f.failure_reason)
  FROM fenced f
  ON CONFLICT (id) DO NOTHING
)
INSERT INTO outbox (topic, message_key, payload)
SELECT $5, f.user_id, jsonb_strip_nulls(jsonb_build_object('v', 1, 'type', 'claim', 'id', f.id, 'saleId', f.sale_id,
  'userId', f.user_id, 'status', 'failed', 'reason', f.failure_reason, 'at', $6::text))
FROM fenced f
RETURNING id
