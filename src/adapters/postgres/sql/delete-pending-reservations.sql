-- Drops pending rows of requests the API refused after all (the publish was reported failed and
-- compensated in Redis, but the message reached the broker): nothing was accepted, nothing charged.
-- $1 id[]
DELETE FROM reservations WHERE id = ANY ($1::text[]) AND status = 'pending'
