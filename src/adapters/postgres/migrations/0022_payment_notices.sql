-- 0022_payment_notices: the payment provider's callbacks, after their signature and timestamp were
-- checked (docs/payments.md). One row per callback event: the provider's event id is the primary
-- key, so a callback delivered twice, or captured and replayed, is recorded once and changes
-- nothing the second time. A booking whose charge went unanswered is resolved from the latest
-- notice of its order (or by asking the provider), never by guessing.
CREATE TABLE payment_notices (
  event_id text PRIMARY KEY,
  -- The reservation id the payment is for (the provider's order id).
  order_id text NOT NULL,
  status text NOT NULL CHECK (status IN ('approved', 'declined', 'cancelled', 'pending')),
  payment_key text,
  amount bigint NOT NULL,
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  received_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX payment_notices_order_idx ON payment_notices (order_id, received_at);
