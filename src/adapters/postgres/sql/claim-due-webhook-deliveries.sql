-- Takes up to $1 due deliveries, oldest first, for one dispatcher, keeping each endpoint under $2
-- requests in flight counting those this dispatcher already has ($3 endpoint ids[], $5 their
-- counts[]): each one's next attempt moves $4 ms ahead (its lease: other dispatchers skip it
-- meanwhile) and its attempts count goes up. Returns each with its event and its endpoint's url
-- and sealed secret. $1 limit, $2 per endpoint, $3 busy endpoint ids[], $4 lease ms, $5 counts[]
WITH busy AS (
  SELECT * FROM unnest($3::text[], $5::int[]) AS b (endpoint_id, n)
),
due AS (
  SELECT id, endpoint_id, next_attempt_at FROM webhook_deliveries
  WHERE status = 'pending' AND next_attempt_at <= now()
    AND endpoint_id NOT IN (SELECT endpoint_id FROM busy WHERE n >= $2)
  ORDER BY next_attempt_at
  LIMIT $1 * 4
  FOR UPDATE SKIP LOCKED
),
picked AS (
  SELECT x.id FROM (
    SELECT id, endpoint_id, next_attempt_at,
      row_number() OVER (PARTITION BY endpoint_id ORDER BY next_attempt_at) AS n
    FROM due
  ) x
  LEFT JOIN busy b ON b.endpoint_id = x.endpoint_id
  WHERE x.n <= $2 - COALESCE(b.n, 0)
  ORDER BY x.next_attempt_at
  LIMIT $1
),
taken AS (
  UPDATE webhook_deliveries d
  SET next_attempt_at = now() + make_interval(secs => $4::double precision / 1000),
    attempts = d.attempts + 1,
    updated_at = now()
  FROM picked p
  WHERE d.id = p.id
  RETURNING d.id, d.endpoint_id, d.event_id, d.attempts
)
SELECT t.id, t.endpoint_id, t.attempts, e.url, e.secret_enc, ev.type, ev.occurred_at, ev.data
FROM taken t
JOIN webhook_endpoints e ON e.id = t.endpoint_id
JOIN webhook_events ev ON ev.id = t.event_id
