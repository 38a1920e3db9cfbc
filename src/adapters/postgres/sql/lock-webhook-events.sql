-- Takes up to $1 webhook events not fanned out yet, oldest first, for one dispatcher's transaction
-- (rows another dispatcher holds are skipped).
SELECT id, type, sale_id FROM webhook_events
WHERE fanned_out_at IS NULL
ORDER BY occurred_at
LIMIT $1
FOR UPDATE SKIP LOCKED
