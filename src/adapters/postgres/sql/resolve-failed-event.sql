-- Marks a dead letter handled, once: a second resolver (a concurrent replay) updates nothing.
-- $1 id, $2 resolution ('replayed' | 'failed')
UPDATE failed_events SET resolved_at = now(), resolution = $2
WHERE id = $1 AND resolved_at IS NULL
RETURNING id
