-- An operator sends a delivery again (given up, delivered or still pending): due now, with a fresh
-- count of attempts and the same webhook-id. $1 endpoint id, $2 delivery id
WITH d AS (
  UPDATE webhook_deliveries
  SET status = 'pending', attempts = 0, next_attempt_at = now(), delivered_at = NULL, updated_at = now()
  WHERE id = $2 AND endpoint_id = $1
  RETURNING id, endpoint_id, event_id, status, attempts, next_attempt_at, last_status_code, last_error,
    created_at, updated_at, delivered_at
)
SELECT d.*, e.type AS event_type FROM d JOIN webhook_events e ON e.id = d.event_id
