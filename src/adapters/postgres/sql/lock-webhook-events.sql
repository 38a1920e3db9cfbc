-- Takes up to $1 webhook events not fanned out yet, oldest first, for one dispatcher's transaction
-- (rows another dispatcher holds are skipped), with the units each confirms (a coupon issued is
-- one, a booking as many as its seats, any other event none).
SELECT id, type, sale_id,
  CASE type
    WHEN 'claim.issued' THEN 1
    WHEN 'reservation.confirmed' THEN COALESCE(jsonb_array_length(data->'seatIds'), 1)
    ELSE 0
  END AS units
FROM webhook_events
WHERE fanned_out_at IS NULL
ORDER BY occurred_at
LIMIT $1
FOR UPDATE SKIP LOCKED
