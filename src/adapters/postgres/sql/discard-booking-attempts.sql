-- Forgets the attempts of requests the API refused after all (the publish was reported failed
-- and compensated in Redis, but the message reached the broker): nothing was accepted, nothing
-- charged. Without its attempt row the unit is again one the reconciler may settle if it is ever
-- left pending. A pending row the two-phase consumer wrote before migration 0005 goes too; a
-- reservation in a final state is never touched, nor is its attempt row.
-- $1 id[]
WITH legacy AS (
  DELETE FROM reservations WHERE id = ANY ($1::text[]) AND status = 'pending'
  RETURNING id
)
DELETE FROM booking_attempts a
WHERE a.reservation_id = ANY ($1::text[])
  AND NOT EXISTS (
    SELECT 1 FROM reservations r
    WHERE r.id = a.reservation_id AND r.id NOT IN (SELECT id FROM legacy)
  )
