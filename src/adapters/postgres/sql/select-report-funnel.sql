-- What a sale's bookings came to, from the rows of record: units handed out (holds, claims
-- included) by their last state, bookings (reservations and claims) by status, refunds owed.
-- $1 sale id
SELECT
  (SELECT count(*) FROM holds WHERE sale_id = $1)::int AS holds,
  (SELECT count(DISTINCT user_id) FROM holds WHERE sale_id = $1)::int AS holders,
  (SELECT count(*) FROM holds WHERE sale_id = $1 AND state = 'released')::int AS released,
  (SELECT count(*) FROM holds WHERE sale_id = $1 AND state = 'expired')::int AS expired,
  (SELECT count(*) FROM reservations WHERE sale_id = $1 AND status = 'confirmed')::int
    + (SELECT count(*) FROM claims WHERE sale_id = $1 AND status = 'confirmed')::int AS paid,
  (SELECT count(*) FROM reservations WHERE sale_id = $1 AND status IN ('failed', 'expired'))::int
    + (SELECT count(*) FROM claims WHERE sale_id = $1 AND status = 'failed')::int AS failed,
  (SELECT count(*) FROM reservations WHERE sale_id = $1 AND status = 'pending')::int
    + (SELECT count(*) FROM claims WHERE sale_id = $1 AND status = 'pending')::int AS in_flight,
  (SELECT count(*) FROM refunds WHERE sale_id = $1)::int AS refunds
