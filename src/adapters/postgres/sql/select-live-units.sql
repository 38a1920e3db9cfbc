-- Units that take stock (held, pending, sold), for warm-up and the reconciler: the holds table
-- (mirrored from the inventory core's ledger) merged with the booking rows, which are the source
-- of truth for how a unit ended. The mirror can lag: if Redis lost its data before the ledger
-- sink ran, a reservation or claim the pipeline already wrote may have a stale holds row or none.
--   booking failed/expired/cancelled -> not live, whatever the holds row says
--   booking confirmed               -> sold
--   booking pending                 -> pending (sold if the mirror already saw it sold)
--   no booking                      -> the holds row's live state
-- A seat keeps one live unit, the most advanced (sold, then pending, then held): the ledger never
-- gives one seat two live holders, so this only decides if a booking row contradicts the mirror.
-- $1 sale id
WITH h AS (
  SELECT id, seat_id, user_id, state, expires_at, extensions, reservation_id, created_at
  FROM holds
  WHERE sale_id = $1 AND state IN ('held', 'pending', 'sold')
),
b AS (
  SELECT hold_id AS unit_id, id AS booking_id, seat_id, user_id, status, created_at
  FROM reservations WHERE sale_id = $1
  UNION ALL
  SELECT id, id, NULL, user_id, status, created_at
  FROM claims WHERE sale_id = $1
),
merged AS (
  SELECT
    COALESCE(h.id, b.unit_id) AS id,
    COALESCE(h.seat_id, b.seat_id) AS seat_id,
    COALESCE(h.user_id, b.user_id) AS user_id,
    CASE
      WHEN b.status IN ('failed', 'expired', 'cancelled') THEN NULL
      WHEN b.status = 'confirmed' THEN 'sold'
      WHEN b.status = 'pending' THEN CASE WHEN h.state = 'sold' THEN 'sold' ELSE 'pending' END
      ELSE h.state
    END AS state,
    h.expires_at,
    COALESCE(h.extensions, 0) AS extensions,
    COALESCE(b.booking_id, h.reservation_id) AS reservation_id,
    COALESCE(h.created_at, b.created_at) AS created_at
  FROM h FULL JOIN b ON b.unit_id = h.id
),
one_per_seat AS (
  SELECT DISTINCT ON (COALESCE(seat_id, id)) *
  FROM merged
  WHERE state IS NOT NULL
  ORDER BY COALESCE(seat_id, id), CASE state WHEN 'sold' THEN 0 WHEN 'pending' THEN 1 ELSE 2 END, created_at
)
SELECT id, seat_id, user_id, state, expires_at, extensions, reservation_id
FROM one_per_seat
ORDER BY created_at, id
