-- A claim with what deciding its cancellation needs, locked until the transaction ends.
-- $1 claim id
SELECT c.id, c.sale_id, c.user_id, c.status, c.updated_at AS confirmed_at, c.cancelled_at,
  s.cancel_window_sec, now() AS now
FROM claims c
JOIN sales s ON s.id = c.sale_id
WHERE c.id = $1
FOR UPDATE OF c
