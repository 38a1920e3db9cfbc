-- Why the given reservations ended failed or expired. $1 reservation ids
SELECT failure_reason AS reason, count(*)::int AS n FROM reservations
WHERE id = ANY($1) AND status IN ('failed', 'expired') GROUP BY failure_reason
