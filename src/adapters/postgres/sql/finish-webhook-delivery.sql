-- Records one attempt's outcome: 'delivered' (a 2xx), 'pending' (retried after $5 ms) or 'failed'
-- (given up after the last attempt). A delivery no longer pending (delivered by another dispatcher
-- after this one's lease ran out, or removed) keeps what it has.
-- $1 delivery id, $2 status, $3 status code (null: no answer), $4 error (null when delivered; never
-- a secret), $5 delay ms before the next attempt (pending only)
UPDATE webhook_deliveries
SET status = $2,
  last_status_code = $3,
  last_error = $4,
  next_attempt_at = CASE WHEN $2 = 'pending' THEN now() + make_interval(secs => $5::double precision / 1000)
    ELSE next_attempt_at END,
  delivered_at = CASE WHEN $2 = 'delivered' THEN now() ELSE delivered_at END,
  updated_at = now()
WHERE id = $1 AND status = 'pending'
