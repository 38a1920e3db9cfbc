-- Dead letters the retry schedule may replay now, oldest first: unresolved, not poison (a message
-- no retry can make valid), replayed fewer than $1 times, and waited at least $2 seconds times
-- 2^replays since they were set aside (the back-off doubles with each replay).
-- $1 max replays, $2 base delay (seconds), $3 limit
SELECT id, topic, source_partition, source_offset, message_key, payload, reason, attempts, sale_id,
  kind, replays, resolution, created_at, resolved_at
FROM failed_events
WHERE resolved_at IS NULL
  AND reason NOT LIKE 'poison%'
  AND replays < $1
  AND created_at <= now() - make_interval(secs => $2::double precision * power(2, replays))
ORDER BY id
LIMIT $3
