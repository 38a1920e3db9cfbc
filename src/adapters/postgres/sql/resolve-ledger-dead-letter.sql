-- Marks a refused ledger entry handled, once: a second resolver updates nothing.
-- $1 id, $2 resolution ('replayed' | 'dismissed')
UPDATE ledger_dead_letters SET resolved_at = now(), resolution = $2
WHERE id = $1 AND resolved_at IS NULL
RETURNING id
