-- Dead letters, oldest first: unresolved only unless $3, of one sale when $1 is not null.
-- $1 sale_id (nullable), $2 limit, $3 include resolved
SELECT id, topic, source_partition, source_offset, message_key, payload, reason, attempts, sale_id,
  kind, replays, resolution, created_at, resolved_at
FROM failed_events
WHERE ($1::text IS NULL OR sale_id = $1::text) AND ($3::boolean OR resolved_at IS NULL)
ORDER BY id
LIMIT $2
