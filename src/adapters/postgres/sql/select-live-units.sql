-- Units that take stock (held, pending, sold), for warm-up. The predicate matches the partial
-- index holds_one_live_per_seat, which serves this scan.
-- $1 sale id
SELECT id, seat_id, user_id, state, expires_at, extensions, reservation_id
FROM holds
WHERE sale_id = $1 AND state IN ('held', 'pending', 'sold')
ORDER BY created_at, id
