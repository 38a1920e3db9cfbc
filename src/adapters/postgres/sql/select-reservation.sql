-- One reservation, for GET /v1/reservations/:id. $1 reservation id
SELECT id, sale_id, hold_id, seat_id, user_id, amount, status, failure_reason, created_at, updated_at
FROM reservations
WHERE id = $1
