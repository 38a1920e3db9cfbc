-- A sale's timeline, oldest first (the primary key's order).
-- $1 sale id
SELECT extract(epoch FROM at)::bigint AS at, waiting, active, admitted_total, abandoned, left_queue,
  frontier, free, held, pending, sold, confirmed, consumer_lag
FROM sale_timeline
WHERE sale_id = $1
ORDER BY at
