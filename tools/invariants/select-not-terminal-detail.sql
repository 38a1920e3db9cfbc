-- Where the first accepted reservations that are not terminal stand: row, hold mirror, booking attempt.
-- $1 reservation ids; $2 their hold ids, in the same order
SELECT x.id, r.status, h.state AS mirror,
       EXISTS (SELECT 1 FROM booking_attempts a WHERE a.reservation_id = x.id) AS attempted
FROM unnest($1::text[], $2::text[]) AS x(id, hold_id)
LEFT JOIN reservations r ON r.id = x.id
LEFT JOIN holds h ON h.id = x.hold_id
WHERE r.status IS NULL OR r.status NOT IN ('confirmed', 'failed', 'expired')
LIMIT 5
