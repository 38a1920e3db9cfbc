-- One refused ledger entry by id. $1 id
SELECT id, sale_id, source_id, entry, reason, resolution, created_at, resolved_at
FROM ledger_dead_letters
WHERE id = $1
