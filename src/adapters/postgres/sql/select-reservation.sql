-- One reservation, for GET /v1/reservations/:id, with where its refund stands (null: none owed)
-- and the currency of its amount (its sale's). $1 reservation id
SELECT r.id, r.sale_id, r.hold_id, r.seat_id, r.user_id, r.amount, r.status, r.failure_reason,
  f.status AS refund, r.created_at, r.updated_at,
  (SELECT s.currency FROM sales s WHERE s.id = r.sale_id) AS currency
FROM reservations r
LEFT JOIN refunds f ON f.reservation_id = r.id
WHERE r.id = $1
