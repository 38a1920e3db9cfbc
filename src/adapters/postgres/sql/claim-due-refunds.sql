-- Takes up to $1 refunds that are due, oldest first, for one worker: each one's next attempt moves
-- $2 ms ahead (its lease), so another worker skips it meanwhile, and its attempts count goes up.
-- $1 limit, $2 lease ms
UPDATE refunds f
SET next_attempt_at = now() + make_interval(secs => $2::double precision / 1000),
  attempts = f.attempts + 1,
  updated_at = now()
WHERE f.reservation_id IN (
  SELECT reservation_id FROM refunds
  WHERE status = 'due' AND next_attempt_at <= now()
  ORDER BY next_attempt_at
  LIMIT $1
  FOR UPDATE SKIP LOCKED
)
RETURNING f.reservation_id, f.sale_id, f.user_id, f.amount, f.attempts,
  (SELECT p.provider_ref FROM payments p WHERE p.reservation_id = f.reservation_id AND p.status = 'approved')
    AS provider_ref
