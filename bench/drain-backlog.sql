-- bench:drain --backlog's raw ceiling: every row the pipeline leaves behind for a batch of finished
-- requests, in its final state, written by one multi-row INSERT per table per chunk with no read,
-- no update and no idempotency check. Seated bookings (a confirmed reservation, its attempt row,
-- its payment, its published outbox row, its webhook event fanned out) and coupon claims (a
-- confirmed claim, its published outbox row, its webhook event fanned out) in one statement.
-- $1 reservation id[], $2 sale id (seated), $3 hold id[], $4 seat id[], $5 user id[] (bookings),
-- $6 claim id[], $7 sale id (coupons), $8 user id[] (claims), $9 coupon code[], $10 results topic
WITH r AS (
  INSERT INTO reservations (id, sale_id, hold_id, seat_id, user_id, amount, status)
  SELECT id, $2::text, hold_id, seat_id, user_id, 5000, 'confirmed'
  FROM unnest($1::text[], $3::text[], $4::text[], $5::text[]) AS i (id, hold_id, seat_id, user_id)
  RETURNING id, sale_id, seat_id, user_id, amount
),
a AS (
  INSERT INTO booking_attempts (reservation_id) SELECT id FROM r
),
p AS (
  INSERT INTO payments (reservation_id, status, provider_ref, amount)
  SELECT id, 'approved', 'bench', amount FROM r
),
c AS (
  INSERT INTO claims (id, sale_id, user_id, status, coupon_code)
  SELECT id, $7::text, user_id, 'confirmed', code
  FROM unnest($6::text[], $8::text[], $9::text[]) AS i (id, user_id, code)
  RETURNING id, sale_id, user_id, status, coupon_code
),
o AS (
  INSERT INTO outbox (topic, message_key, payload, published_at)
  SELECT $10::text, user_id, jsonb_build_object('v', 1, 'type', 'reservation', 'id', id, 'saleId', sale_id,
    'userId', user_id, 'status', 'confirmed', 'at', now()::text), now()
  FROM r
  UNION ALL
  SELECT $10::text, user_id, jsonb_build_object('v', 1, 'type', 'claim', 'id', id, 'saleId', sale_id,
    'userId', user_id, 'status', status, 'couponCode', coupon_code, 'at', now()::text), now()
  FROM c
)
INSERT INTO webhook_events (id, type, sale_id, data, fanned_out_at)
SELECT 'reservation.confirmed:' || id, 'reservation.confirmed', sale_id,
  jsonb_build_object('saleId', sale_id, 'userId', user_id, 'reservationId', id,
    'seatIds', jsonb_build_array(seat_id), 'amount', amount, 'currency', 'KRW'), now()
FROM r
UNION ALL
SELECT 'claim.issued:' || id, 'claim.issued', sale_id,
  jsonb_build_object('saleId', sale_id, 'userId', user_id, 'claimId', id), now()
FROM c
