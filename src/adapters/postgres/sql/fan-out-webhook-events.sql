-- Fans events out: one pending delivery per endpoint subscribed to each event's type (a delivery
-- already there is kept: its id, the webhook-id, never changes), and marks the events fanned out.
-- A delivery's id is `msg_` and 32 random hex digits. $1 event ids[] (locked by lock-webhook-events)
WITH ev AS (
  SELECT id, type FROM webhook_events WHERE id = ANY ($1::text[])
),
deliveries AS (
  INSERT INTO webhook_deliveries (id, endpoint_id, event_id)
  SELECT 'msg_' || replace(gen_random_uuid()::text, '-', ''), e.id, ev.id
  FROM ev JOIN webhook_endpoints e ON NOT e.disabled AND ev.type = ANY (e.events)
  ON CONFLICT (endpoint_id, event_id) DO NOTHING
)
UPDATE webhook_events w SET fanned_out_at = now() FROM ev WHERE w.id = ev.id
