-- Refused ledger entries, oldest first: unresolved only unless $3, of one sale when $1 is not null.
-- $1 sale_id (nullable), $2 limit, $3 include resolved
SELECT id, sale_id, source_id, entry, reason, resolution, created_at, resolved_at
FROM ledger_dead_letters
WHERE ($1::text IS NULL OR sale_id = $1::text) AND ($3::boolean OR resolved_at IS NULL)
ORDER BY id
LIMIT $2
