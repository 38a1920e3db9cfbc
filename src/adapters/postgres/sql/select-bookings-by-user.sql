-- A buyer's reservations and claims, newest first, for GET /v1/me/reservations: the booking rows
-- the pipeline wrote, plus units the inventory core accepted that have no booking row yet (pending
-- holds mirrored from the ledger; a claim's unit id is its claim id, a seat hold's reservation id
-- is set when it went pending), with where a failed reservation's refund stands. $1 user id,
-- $2 most rows. A reservation's amount comes with its sale's currency.
SELECT 'reservation' AS type, r.id, r.sale_id, r.seat_id, r.status, r.failure_reason AS reason, r.amount,
  (SELECT s.currency FROM sales s WHERE s.id = r.sale_id) AS currency,
  NULL AS coupon_code, f.status AS refund, r.created_at, r.updated_at
FROM reservations r
LEFT JOIN refunds f ON f.reservation_id = r.id
WHERE r.user_id = $1
UNION ALL
SELECT 'claim', id, sale_id, NULL, status, failure_reason, NULL, NULL, coupon_code, NULL, created_at, updated_at
FROM claims
WHERE user_id = $1
UNION ALL
SELECT CASE WHEN h.seat_id IS NULL THEN 'claim' ELSE 'reservation' END, COALESCE(h.reservation_id, h.id),
  h.sale_id, h.seat_id, 'pending', NULL, NULL, NULL, NULL, NULL, h.updated_at, h.updated_at
FROM holds h
WHERE h.user_id = $1 AND h.state = 'pending'
  AND NOT EXISTS (SELECT 1 FROM reservations r WHERE r.hold_id = h.id)
  AND NOT EXISTS (SELECT 1 FROM claims c WHERE c.id = h.id)
ORDER BY created_at DESC, id
LIMIT $2
