-- Cancels an issued coupon claim. $1 claim id, $2 reason
UPDATE claims
SET status = 'cancelled', failure_reason = $2, cancelled_at = now(), updated_at = now()
WHERE id = $1 AND status = 'confirmed'
RETURNING cancelled_at
