-- The oldest unpublished outbox rows, locked for this relay until its transaction ends. SKIP LOCKED
-- lets several relays run at once: each takes rows no other live relay holds, so no row is
-- published twice while both are up (a relay that dies before committing leaves its rows to the
-- next one: at-least-once). $1 most rows
SELECT id, topic, message_key, payload
FROM outbox
WHERE published_at IS NULL
ORDER BY id
LIMIT $1
FOR UPDATE SKIP LOCKED
