-- A reservation with what deciding its cancellation needs, locked until the transaction ends, so
-- concurrent cancels of one reservation are decided one after the other. `confirmed_at` is when it
-- was written confirmed (its last change). $1 reservation id
SELECT r.id, r.sale_id, r.user_id, r.amount, r.status, r.updated_at AS confirmed_at, r.cancelled_at,
  s.cancel_window_sec, s.currency, now() AS now
FROM reservations r
JOIN sales s ON s.id = r.sale_id
WHERE r.id = $1
FOR UPDATE OF r
