-- 0021_webhook_endpoints: where webhook events go, and each delivery of one event to one endpoint.
--
-- An endpoint's signing secret is stored encrypted (AES-256-GCM, with a key derived from
-- FC_TOKEN_SECRET): a copy of the database alone cannot sign a webhook. A delivery's id is the
-- `webhook-id` header, the same on every attempt, so a receiver can drop a retried message it
-- already handled.
CREATE TABLE webhook_endpoints (
  id text PRIMARY KEY,
  url text NOT NULL,
  events text[] NOT NULL,
  -- `v1.<iv>.<tag>.<ciphertext>` (base64url): see src/adapters/webhooks/secret-box.ts.
  secret_enc text NOT NULL,
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE webhook_deliveries (
  id text PRIMARY KEY,
  endpoint_id text NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
  event_id text NOT NULL REFERENCES webhook_events (id),
  -- pending: to be sent (again) at next_attempt_at; delivered: a 2xx answer; failed: given up
  -- after the last attempt (dead-lettered; an operator may redeliver it).
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_status_code integer,
  last_error text,
  delivered_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- An event is delivered to an endpoint once: a fan-out that runs again adds nothing.
  UNIQUE (endpoint_id, event_id)
);

-- The dispatcher's scan: pending deliveries that are due.
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
-- An endpoint's recent deliveries (the operator's list).
CREATE INDEX webhook_deliveries_endpoint_idx ON webhook_deliveries (endpoint_id, created_at DESC);

-- Wakes the webhook dispatchers when a transaction that recorded events commits, as
-- outbox_notify does for the outbox relay (migration 0002): one notification per statement, folded
-- per transaction; a short poll covers what a dropped LISTEN connection misses.
CREATE FUNCTION webhook_events_notify() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('fc_webhooks', '');
  RETURN NULL;
END
$$;

CREATE TRIGGER webhook_events_notify_after_insert
  AFTER INSERT ON webhook_events
  FOR EACH STATEMENT EXECUTE FUNCTION webhook_events_notify();
