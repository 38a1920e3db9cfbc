-- Sets a refused ledger entry aside; one already set aside (a replayed drain) is skipped.
-- $1 sale_id, $2 source_id, $3 entry (JSON), $4 reason
INSERT INTO ledger_dead_letters (sale_id, source_id, entry, reason)
VALUES ($1, $2, $3::jsonb, $4)
ON CONFLICT (sale_id, source_id) DO NOTHING
