-- Before a batch of bookings is charged, in one statement: claims each reservation id for the
-- booking consumer (an attempt row; the fence against the reconciler, see migration 0005) and
-- reports, for each requested reservation that was not claimed here or whose seat is taken:
--   claimed     this statement inserted the attempt row: nobody had started on it, no row exists
--               (a requested id missing from the result was claimed and its seat is free);
--   status      the reservation's status if it has a row (as of this statement's snapshot);
--   seat_taken  the seat already has a confirmed booking by another reservation (I1: it cannot
--               be confirmed, so it is failed without being charged).
-- An id not claimed here was started on before (a replay, or the reconciler's fence, which may
-- have committed while this statement waited on the key): its status is read again afterwards,
-- by a statement with a fresh snapshot (select-reservation-statuses).
-- $1 id[], $2 sale_id[], $3 seat_id[]
WITH input AS (
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) AS i (id, sale_id, seat_id)
),
claimed AS (
  INSERT INTO booking_attempts (reservation_id)
  SELECT id FROM input
  ON CONFLICT DO NOTHING
  RETURNING reservation_id
)
-- Every reservation row has an attempt row (migration 0005 backfilled them; every writer inserts
-- the attempt first), so a reservation claimed here has no row and needs no lookup. Only the
-- exceptions are returned (usually none): an id not claimed here, or whose seat is taken. Lookups
-- are correlated subqueries on purpose: one index probe per row (primary key; the partial
-- one-confirmed-per-seat index), never a scan of the whole table.
SELECT * FROM (
  SELECT i.id,
    c.reservation_id IS NOT NULL AS claimed,
    CASE WHEN c.reservation_id IS NULL THEN (SELECT r.status FROM reservations r WHERE r.id = i.id) END
      AS status,
    EXISTS (
      SELECT 1 FROM reservations o
      WHERE o.sale_id = i.sale_id AND o.seat_id = i.seat_id AND o.status = 'confirmed' AND o.id <> i.id
    ) AS seat_taken
  FROM input i
  LEFT JOIN claimed c ON c.reservation_id = i.id
) x
WHERE NOT claimed OR seat_taken
