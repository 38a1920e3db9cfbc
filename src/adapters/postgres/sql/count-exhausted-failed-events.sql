-- Unresolved dead letters the retry schedule will not replay any more (replayed $1 times or more,
-- or poison): they wait for an operator.
SELECT count(*)::int AS depth FROM failed_events
WHERE resolved_at IS NULL AND (replays >= $1 OR reason LIKE 'poison%')
