-- A sale's stored reconciler reports, oldest first.
-- $1 sale id, $2 limit
SELECT checked_at, drift, repaired, busy, stale, ledger_dead_letters
FROM reconcile_reports
WHERE sale_id = $1
ORDER BY id
LIMIT $2
