-- 0002_results_and_reconcile: what the outbox relay, the status reads and the reconciler need.

-- The outbox relay sleeps between polls; this wakes it as soon as a transaction that wrote outbox
-- rows commits (NOTIFY is delivered at commit, never for a rolled-back transaction), so a result
-- reaches the buyer in milliseconds instead of up to one poll period later (seed 001 lines 11-103:
-- relay delay). One notification per statement, not per row: the payload is empty and PostgreSQL
-- folds identical notifications of one transaction into one. Writers need to know nothing of it.
CREATE FUNCTION outbox_notify() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('fc_outbox', '');
  RETURN NULL;
END
$$;

CREATE TRIGGER outbox_notify_after_insert
  AFTER INSERT ON outbox
  FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();

-- Warm-up and the reconciler read every booking of one sale (the merged view of
-- select-live-units.sql); without these they would scan the whole table per sale.
CREATE INDEX reservations_sale_idx ON reservations (sale_id);
CREATE INDEX claims_sale_idx ON claims (sale_id);

-- GET /v1/me/reservations lists a buyer's units still waiting for the pipeline (no booking row
-- yet), and the reconciler looks for pending units nobody finished; both read only pending rows.
CREATE INDEX holds_pending_user_idx ON holds (user_id) WHERE state = 'pending';
CREATE INDEX holds_pending_sale_idx ON holds (sale_id, updated_at) WHERE state = 'pending';
