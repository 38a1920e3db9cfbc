-- Records one verified callback of the payment provider; a callback recorded before (same event
-- id: delivered twice, or replayed) is kept once and returns no row.
-- $1 event id, $2 order id, $3 status, $4 payment key (null: none), $5 amount, $6 currency
INSERT INTO payment_notices (event_id, order_id, status, payment_key, amount, currency)
VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (event_id) DO NOTHING
RETURNING event_id
