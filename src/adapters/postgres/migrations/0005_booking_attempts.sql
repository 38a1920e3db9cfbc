-- 0005_booking_attempts: the booking consumer charges first and writes a reservation once, in its
-- final state (one statement per batch), instead of inserting a pending row and updating it. What
-- the pending row did besides (fence off the reconciler while a payment is in flight) is done by
-- this narrow, insert-only table: one row per reservation id the consumer has started on.
--
-- Whoever inserts a reservation's attempt row first owns its outcome: the booking consumer (before
-- it charges) or the reconciler settling a stale pending unit (in the same statement as its
-- `failed` row). The primary key makes the second one wait for the first one's commit and then do
-- nothing, so a seat can never be released by the reconciler while the consumer charges for it.
-- One index only (the primary key): this is on the hot path of every booking.
CREATE TABLE booking_attempts (
  reservation_id text PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Every reservation written before this migration was started on too (a pending one is finished
-- by the consumer, which now updates it in place once, on conflict).
INSERT INTO booking_attempts (reservation_id, created_at)
SELECT id, created_at FROM reservations
ON CONFLICT DO NOTHING;
