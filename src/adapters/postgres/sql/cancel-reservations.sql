-- Cancels the confirmed reservations of one hold (one row per seat), in the transaction that
-- decided it. Returns the rows cancelled now, with their seats.
-- $1 reservation id[], $2 reason
UPDATE reservations
SET status = 'cancelled', failure_reason = $2, cancelled_at = now(), updated_at = now()
WHERE id = ANY ($1::text[]) AND status = 'confirmed'
RETURNING id, seat_id, cancelled_at
