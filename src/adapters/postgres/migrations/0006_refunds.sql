-- 0006_refunds: money owed back. A reservation that ends failed may still have been charged: its
-- seat turned out to be confirmed for someone else after the charge (I1 decided in the database),
-- its charge timed out (the provider may have taken it anyway), or it was given up after a charge
-- whose commit kept failing. The statement that writes the failed reservation writes its refund
-- row too (a declined payment took nothing and gets none), so a crash can never lose a refund; the
-- refund worker then asks the provider to give back whatever it captured for the reservation.
CREATE TABLE refunds (
  reservation_id text PRIMARY KEY,
  sale_id text NOT NULL,
  user_id text NOT NULL,
  amount integer NOT NULL CHECK (amount >= 0),
  -- due: not settled with the provider yet; refunded: money returned; nothing_charged: the
  -- provider had captured nothing for the reservation.
  status text NOT NULL DEFAULT 'due' CHECK (status IN ('due', 'refunded', 'nothing_charged')),
  provider_ref text,
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  -- When the worker may take it (again): claiming pushes it forward, so two workers never ask at once.
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX refunds_due_idx ON refunds (next_attempt_at) WHERE status = 'due';

-- Failed reservations written before this migration whose payment was approved were charged and
-- never refunded.
INSERT INTO refunds (reservation_id, sale_id, user_id, amount)
SELECT r.id, r.sale_id, r.user_id, r.amount
FROM reservations r JOIN payments p ON p.reservation_id = r.id
WHERE r.status = 'failed' AND p.status = 'approved'
ON CONFLICT DO NOTHING;
