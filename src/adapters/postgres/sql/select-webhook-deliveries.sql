-- An endpoint's most recent deliveries, newest first. $1 endpoint id, $2 limit
SELECT d.id, d.endpoint_id, d.event_id, e.type AS event_type, d.status, d.attempts, d.next_attempt_at,
  d.last_status_code, d.last_error, d.created_at, d.updated_at, d.delivered_at
FROM webhook_deliveries d
JOIN webhook_events e ON e.id = d.event_id
WHERE d.endpoint_id = $1
ORDER BY d.created_at DESC, d.id DESC
LIMIT $2
