-- Refunds by status, of one sale ($1) or of all ($1 null), for the stats and the metrics.
-- $1 sale id or null
SELECT status, count(*)::int AS n FROM refunds WHERE $1::text IS NULL OR sale_id = $1 GROUP BY status
