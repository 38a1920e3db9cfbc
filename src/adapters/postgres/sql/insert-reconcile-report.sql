-- One reconciler report that found drift or settled stale units.
-- $1 sale id, $2 checked at (ISO), $3 drift (json), $4 repaired, $5 busy, $6 stale units,
-- $7 ledger dead letters (nullable)
INSERT INTO reconcile_reports (sale_id, checked_at, drift, repaired, busy, stale, ledger_dead_letters)
VALUES ($1, $2::timestamptz, $3::jsonb, $4, $5, $6, $7)
