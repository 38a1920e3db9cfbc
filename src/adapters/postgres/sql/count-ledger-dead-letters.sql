-- Unresolved refused ledger entries, of one sale when $1 is not null. $1 sale_id (nullable)
SELECT count(*)::int AS depth FROM ledger_dead_letters
WHERE resolved_at IS NULL AND ($1::text IS NULL OR sale_id = $1::text)
