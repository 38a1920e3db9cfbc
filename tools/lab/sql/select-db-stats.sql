-- Cumulative counters of one database ($1, the lab's own); the runner takes deltas around each run.
-- Read from another database's session, so reading them adds nothing to them.
SELECT xact_commit::float8 AS "xactCommit", xact_rollback::float8 AS "xactRollback",
  tup_updated::float8 AS "tupUpdated", tup_inserted::float8 AS "tupInserted", deadlocks::float8 AS deadlocks
FROM pg_stat_database WHERE datname = $1
