-- 0042_sale_edits: an operator edits a running sale (docs/api.md, "Editing a running sale"), and
-- every edit is recorded.
--
-- The audit log: one row per accepted edit, written in the same transaction as the edit itself, so
-- a row exists exactly when the change does. `actor` is the admin token's subject; `before` and
-- `after` hold only the fields the edit changed. Insert-only; read per sale, newest first.
CREATE TABLE sale_audit (
  id bigserial PRIMARY KEY,
  sale_id text NOT NULL REFERENCES sales (id),
  actor text NOT NULL,
  action text NOT NULL,
  before jsonb NOT NULL,
  after jsonb NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sale_audit_by_sale ON sale_audit (sale_id, id);

-- A withdrawn seat. Withdrawn while free, it is gone at once; withdrawn while held or pending it
-- stays its holder's until the hold ends (released, expired, payment failed), and is gone then. So
-- a seat takes stock while withdrawn_at IS NULL, or while it has a live unit (select-seats keeps
-- those, warm-up marks their units). A sold seat is never withdrawn.
ALTER TABLE seats ADD COLUMN withdrawn_at timestamptz;
