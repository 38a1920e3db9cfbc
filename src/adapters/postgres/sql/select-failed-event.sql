-- One dead letter by id. $1 id
SELECT id, topic, source_partition, source_offset, message_key, payload, reason, attempts, sale_id,
  kind, replays, resolution, created_at, resolved_at
FROM failed_events
WHERE id = $1
