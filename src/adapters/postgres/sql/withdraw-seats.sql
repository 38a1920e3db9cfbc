-- Withdraws seats: gone from the sale once no live unit has them (select-seats, warm-up).
-- $1 sale id, $2 seat_id[]
UPDATE seats
SET withdrawn_at = now()
WHERE sale_id = $1 AND seat_id = ANY ($2::text[]) AND withdrawn_at IS NULL
