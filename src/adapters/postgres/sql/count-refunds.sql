-- Refunds by status, for the stats and the metrics.
SELECT status, count(*)::int AS n FROM refunds GROUP BY status
