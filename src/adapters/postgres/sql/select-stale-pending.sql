-- Units that went pending longer ago than the grace period and still have no booking row and no
-- booking attempt (the consumer claims a reservation id before it charges): the request never
-- reached the pipeline (a process died between hold->pending and the publish), so
-- nobody will finish them. updated_at is the ledger time of the move to pending.
-- $1 sale id, $2 grace period in ms
SELECT h.id, h.seat_id, h.user_id, h.reservation_id
FROM holds h
WHERE h.sale_id = $1 AND h.state = 'pending'
  AND h.updated_at < now() - make_interval(secs => $2::bigint / 1000.0)
  AND NOT EXISTS (SELECT 1 FROM reservations r WHERE r.hold_id = h.id)
  AND NOT EXISTS (SELECT 1 FROM booking_attempts a WHERE a.reservation_id = h.reservation_id)
  AND NOT EXISTS (SELECT 1 FROM claims c WHERE c.id = h.id)
ORDER BY h.updated_at
LIMIT 1000
