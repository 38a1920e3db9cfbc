-- 0020_webhook_events: the webhook outbox. A transaction that changes a booking's outcome (confirmed,
-- failed, cancelled, a claim issued or failed, a refund completed, a sale sold out) writes its
-- event here in the same transaction, so an event is never lost and never recorded for a change
-- that rolled back. The id is derived from what happened (type and unit), so a replayed message
-- records nothing twice. The webhook dispatcher fans each event out to the subscribed endpoints.
CREATE TABLE webhook_events (
  id text PRIMARY KEY,
  type text NOT NULL,
  sale_id text NOT NULL,
  data jsonb NOT NULL,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  fanned_out_at timestamptz
);

CREATE INDEX webhook_events_pending_idx ON webhook_events (occurred_at) WHERE fanned_out_at IS NULL;
