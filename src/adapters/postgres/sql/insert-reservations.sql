-- The booking consumer's write per batch, fast path: the reservations in their final state
-- (confirmed or failed), the payments made for them, a refund row for each failed one that may
-- have been charged, one outbox row per reservation, for the relay to publish, and one webhook
-- event per booking (migration 0020), in one statement (one transaction), with plain inserts and
-- no read.
-- The payments were made before (the provider is idempotent by reservation id), so nothing is ever
-- written in a state it has to leave.
-- Only for reservations that can have no row yet: the consumer's `begin` claimed every one of them
-- just now (claim-booking-attempts), and nobody else writes a reservation it has claimed. If that
-- breaks anyway (a concurrent writer after a rebalance, a pending row from before migration 0005),
-- the statement fails as a whole with a unique violation and the caller writes the batch with the
-- idempotent settle-reservations instead. A second confirmed booking of a seat fails it with a
-- unique violation on reservations_one_confirmed_per_seat (I1); the caller then goes row by row.
-- Returns every reservation's status (the one written).
-- $1 id[], $2 sale_id[], $3 hold_id[], $4 seat_id[], $5 user_id[], $6 amount[],
-- $7 status[] ('confirmed' | 'failed'), $8 reason[] (null when confirmed),
-- $9 payment status[] (null = no payment made), $10 provider_ref[], $11 results topic, $12 at (ISO text),
-- $13 member[]: true on the other seats of a hold of several seats (no payment, refund or result
-- event of their own: the hold's first row carries them for the whole hold),
-- $14 group[]: on those other seats, the reservation id of the hold's first row (else null)
WITH input AS (
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[],
      $7::text[], $8::text[], $9::text[], $10::text[], $13::boolean[], $14::text[])
    AS i (id, sale_id, hold_id, seat_id, user_id, amount, status, reason, payment_status, provider_ref, member,
      grp)
),
res AS (
  INSERT INTO reservations (id, sale_id, hold_id, seat_id, user_id, amount, status, failure_reason)
  SELECT id, sale_id, hold_id, seat_id, user_id, amount, status, reason FROM input
),
pay AS (
  INSERT INTO payments (reservation_id, status, provider_ref, amount)
  SELECT id, payment_status, provider_ref, amount FROM input
  WHERE payment_status IS NOT NULL AND NOT member
),
refund_rows AS (
  -- A failed reservation may have been charged (see migration 0006); a declined one was not.
  INSERT INTO refunds (reservation_id, sale_id, user_id, amount)
  SELECT id, sale_id, user_id, amount FROM input
  WHERE status = 'failed' AND payment_status IS DISTINCT FROM 'declined' AND NOT member
),
outbox_rows AS (
  INSERT INTO outbox (topic, message_key, payload)
  SELECT $11::text, user_id, jsonb_build_object(
      'v', 1, 'type', 'reservation', 'id', id, 'saleId', sale_id, 'userId', user_id,
      'status', status, 'at', $12::text)
    -- 'reason' only when there is one (as jsonb_strip_nulls would, without walking every payload)
    || CASE WHEN reason IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('reason', reason) END
    -- The buyer hears at once that a refund is owed (the refund worker settles it afterwards).
    || CASE WHEN status = 'failed' AND payment_status IS DISTINCT FROM 'declined'
      THEN jsonb_build_object('refund', 'due') ELSE '{}'::jsonb END
  FROM input
  WHERE NOT member
),
seat_lists AS (
  SELECT COALESCE(grp, id) AS head, jsonb_agg(seat_id ORDER BY member, seat_id) AS seat_ids
  FROM input GROUP BY 1
),
webhook_rows AS (
  -- One webhook event per booking (a hold of several seats is one booking, on its first row, with
  -- every seat), the multi-row form of insert-webhook-event.sql: id `<type>:<reservation id>`.
  INSERT INTO webhook_events (id, type, sale_id, data)
  SELECT 'reservation.' || i.status || ':' || i.id, 'reservation.' || i.status, i.sale_id,
    jsonb_build_object('saleId', i.sale_id, 'userId', i.user_id, 'reservationId', i.id,
      'seatIds', l.seat_ids, 'amount', i.amount, 'currency', s.currency)
    || CASE WHEN i.reason IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('reason', i.reason) END
  FROM input i
  JOIN seat_lists l ON l.head = i.id
  LEFT JOIN sales s ON s.id = i.sale_id
  WHERE NOT i.member
  ON CONFLICT (id) DO NOTHING
)
SELECT id, status FROM input
