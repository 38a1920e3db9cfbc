-- Waits for the session-level advisory lock $1 (bigint); released by advisory-unlock or when the
-- session ends, so a crashed holder never blocks the others for good.
SELECT pg_advisory_lock($1::bigint)
