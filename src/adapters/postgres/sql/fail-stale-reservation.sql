-- Settles a stale pending seat hold as failed, with its result for the buyer and its webhook event
-- (migration 0020), in one statement.
-- The fence against a booking request that does arrive late is the reservation's attempt row
-- (migration 0005): whoever inserts it first decides the outcome. If the booking consumer did (it
-- is charging or has charged), this writes nothing; if this statement did, the consumer finds the
-- attempt taken and this failed row, and neither charges nor changes anything. So a seat can
-- never be both released here and confirmed there, nor a buyer charged for a failed booking.
-- Returns a row only when it won.
-- $1 reservation id, $2 sale id, $3 hold id, $4 seat id, $5 user id, $6 reason, $7 results topic,
-- $8 time of the result (ISO text)
WITH attempt AS (
  INSERT INTO booking_attempts (reservation_id) VALUES ($1)
  ON CONFLICT DO NOTHING
  RETURNING reservation_id
),
fenced AS (
  INSERT INTO reservations (id, sale_id, hold_id, seat_id, user_id, amount, status, failure_reason)
  SELECT $1, $2, $3, $4, $5,
    COALESCE((SELECT price FROM seats WHERE sale_id = $2 AND seat_id = $4), 0), 'failed', $6
  FROM attempt
  ON CONFLICT DO NOTHING
  RETURNING id, sale_id, seat_id, user_id, amount, failure_reason
),
webhook_row AS (
  INSERT INTO webhook_events (id, type, sale_id, data)
  SELECT 'reservation.failed:' || f.id, 'reservation.failed', f.sale_id,
    jsonb_build_object('saleId', f.sale_id, 'userId', f.user_id, 'reservationId', f.id,
      'seatIds', jsonb_build_array(f.seat_id), 'amount', f.amount,
      'currency', (SELECT s.currency FROM sales s WHERE s.id = f.sale_id), 'reason', f.failure_reason)
  FROM fenced f
  ON CONFLICT (id) DO NOTHING
)
INSERT INTO outbox (topic, message_key, payload)
SELECT $7, f.user_id, jsonb_strip_nulls(jsonb_build_object('v', 1, 'type', 'reservation', 'id', f.id, 'saleId', f.sale_id,
  'userId', f.user_id, 'status', 'failed', 'reason', f.failure_reason, 'at', $8::text))
FROM fenced f
RETURNING id
