-- The latest verified callback of one order (a settled status wins over a pending one received later).
-- $1 order id
SELECT event_id, order_id, status, payment_key, amount::float8 AS amount, currency
FROM payment_notices
WHERE order_id = $1
ORDER BY (status = 'pending'), received_at DESC
LIMIT 1
