-- Writes a batch of bookings in their final state, in one statement (one transaction): the
-- reservations (confirmed or failed), the payments made for them, a refund row for each failed
-- one that may have been charged, one outbox row per reservation written now, for the relay
-- to publish, and one webhook event per booking written now (migration 0020). The payments were made before (the provider is idempotent by reservation id), so
-- nothing is ever written in a state it has to leave.
-- Idempotent by reservation id: a reservation already final keeps its first outcome and gets
-- neither a second payment row, nor a second outbox row, nor a second webhook event. A pending row left by the two-phase
-- consumer before migration 0005 is finished in place (the only update this ever makes).
-- A reservation that would be a second confirmed booking of its seat fails the whole statement
-- with a unique violation on reservations_one_confirmed_per_seat (I1); the caller then writes the
-- batch row by row. Returns every requested reservation's status after the statement.
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
  INSERT INTO reservations AS r (id, sale_id, hold_id, seat_id, user_id, amount, status, failure_reason)
  SELECT id, sale_id, hold_id, seat_id, user_id, amount, status, reason FROM input
  ON CONFLICT (id) DO UPDATE
    SET status = excluded.status, failure_reason = excluded.failure_reason, updated_at = now()
    WHERE r.status = 'pending'
  RETURNING r.id, r.sale_id, r.user_id, r.amount, r.status, r.failure_reason
),
pay AS (
  INSERT INTO payments (reservation_id, status, provider_ref, amount)
  SELECT w.id, i.payment_status, i.provider_ref, w.amount
  FROM res w JOIN input i ON i.id = w.id
  WHERE i.payment_status IS NOT NULL AND NOT i.member
  ON CONFLICT (reservation_id) DO NOTHING
),
refund_rows AS (
  -- A failed reservation may have been charged (see migration 0006); a declined one was not.
  INSERT INTO refunds (reservation_id, sale_id, user_id, amount)
  SELECT w.id, w.sale_id, w.user_id, w.amount
  FROM res w JOIN input i ON i.id = w.id
  WHERE w.status = 'failed' AND i.payment_status IS DISTINCT FROM 'declined' AND NOT i.member
  ON CONFLICT (reservation_id) DO NOTHING
),
outbox_rows AS (
  INSERT INTO outbox (topic, message_key, payload)
  SELECT $11::text, w.user_id, jsonb_strip_nulls(jsonb_build_object(
    'v', 1, 'type', 'reservation', 'id', w.id, 'saleId', w.sale_id, 'userId', w.user_id,
    'status', w.status, 'reason', w.failure_reason, 'at', $12::text,
    'refund', CASE WHEN w.status = 'failed' AND i.payment_status IS DISTINCT FROM 'declined' THEN 'due' END))
  FROM res w JOIN input i ON i.id = w.id
  WHERE NOT i.member
),
seat_lists AS (
  SELECT COALESCE(grp, id) AS head, jsonb_agg(seat_id ORDER BY member, seat_id) AS seat_ids
  FROM input GROUP BY 1
),
webhook_rows AS (
  -- One webhook event per booking written now (a hold of several seats is one booking, on its
  -- first row, with every seat), the multi-row form of insert-webhook-event.sql.
  INSERT INTO webhook_events (id, type, sale_id, data)
  SELECT 'reservation.' || w.status || ':' || w.id, 'reservation.' || w.status, w.sale_id,
    jsonb_build_object('saleId', w.sale_id, 'userId', w.user_id, 'reservationId', w.id,
      'seatIds', l.seat_ids, 'amount', w.amount, 'currency', s.currency)
    || CASE WHEN w.failure_reason IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('reason', w.failure_reason) END
  FROM res w
  JOIN input i ON i.id = w.id
  JOIN seat_lists l ON l.head = w.id
  LEFT JOIN sales s ON s.id = w.sale_id
  WHERE NOT i.member
  ON CONFLICT (id) DO NOTHING
)
-- Rows written now come from RETURNING; the others (already final) from the table, one primary-key
-- probe each (the statement's snapshot does not see its own inserts; never a scan of the table).
SELECT id, status FROM res
UNION ALL
SELECT i.id, (SELECT r.status FROM reservations r WHERE r.id = i.id)
FROM input i
WHERE i.id NOT IN (SELECT id FROM res)
