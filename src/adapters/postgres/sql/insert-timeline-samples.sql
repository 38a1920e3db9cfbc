-- One tick of the sale timeline: a row per sale, at the current second of the database's clock.
-- Another process that sampled the same sale in the same second already wrote it: DO NOTHING.
-- `confirmed` counts the sale's confirmed bookings and claims here (index-only on the
-- reservations' partial unique index).
-- $1 sale_id[], $2 waiting[], $3 active[], $4 admitted_total[], $5 abandoned[], $6 left_queue[],
-- $7 frontier[], $8 free[], $9 held[], $10 pending[], $11 sold[], $12 consumer lag
INSERT INTO sale_timeline (
  sale_id, at, waiting, active, admitted_total, abandoned, left_queue, frontier, free, held, pending,
  sold, confirmed, consumer_lag
)
SELECT s.sale_id, date_trunc('second', now()), s.waiting, s.active, s.admitted_total, s.abandoned,
  s.left_queue, s.frontier, s.free, s.held, s.pending, s.sold,
  (SELECT count(*) FROM reservations r WHERE r.sale_id = s.sale_id AND r.status = 'confirmed')::int
    + (SELECT count(*) FROM claims c WHERE c.sale_id = s.sale_id AND c.status = 'confirmed')::int,
  $12::int
FROM unnest(
  $1::text[], $2::int[], $3::int[], $4::int[], $5::int[], $6::int[], $7::int[], $8::int[], $9::int[],
  $10::int[], $11::int[]
) AS s (sale_id, waiting, active, admitted_total, abandoned, left_queue, frontier, free, held, pending, sold)
ON CONFLICT (sale_id, at) DO NOTHING
