-- Records dead letters copied from the dead-letter topic; one already recorded (same source
-- position) is skipped. $1 a JSON array of objects with the fields below.
INSERT INTO failed_events (
  topic, source_partition, source_offset, message_key, payload, reason, attempts, sale_id, kind, replays
)
SELECT x.topic, x.source_partition, x.source_offset, x.message_key, x.payload, x.reason, x.attempts,
  x.sale_id, x.kind, x.replays
FROM jsonb_to_recordset($1::jsonb) AS x (
  topic text, source_partition integer, source_offset bigint, message_key text, payload jsonb,
  reason text, attempts integer, sale_id text, kind text, replays integer
)
ON CONFLICT (topic, source_partition, source_offset) DO NOTHING
