-- Every dead letter of a sale, resolved ones too, oldest first.
-- $1 sale id, $2 limit
SELECT id, topic, kind, reason, attempts, replays, resolution, created_at, resolved_at
FROM failed_events
WHERE sale_id = $1
ORDER BY id
LIMIT $2
