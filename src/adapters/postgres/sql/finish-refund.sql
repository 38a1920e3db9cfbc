-- Records what the provider answered for a due refund: 'refunded' (with its reference) or
-- 'nothing_charged'. A refund already settled keeps its first answer. Returns the refund when this
-- statement settled it (none when it already was), with its sale's currency, for its webhook event.
-- $1 reservation id, $2 status, $3 provider reference (null when nothing was charged)
UPDATE refunds
SET status = $2, provider_ref = $3, last_error = NULL, updated_at = now()
WHERE reservation_id = $1 AND status = 'due'
RETURNING reservation_id, sale_id, user_id, amount, status,
  (SELECT s.currency FROM sales s WHERE s.id = refunds.sale_id) AS currency
