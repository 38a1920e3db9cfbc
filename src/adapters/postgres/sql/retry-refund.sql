-- A refund the provider did not settle this time: asked again after $3 ms.
-- $1 reservation id, $2 error (no secret: the provider's status or the error's name), $3 delay ms
UPDATE refunds
SET last_error = $2, next_attempt_at = now() + make_interval(secs => $3::double precision / 1000), updated_at = now()
WHERE reservation_id = $1 AND status = 'due'
