-- 0008_ledger_dead_letters: stock-ledger entries PostgreSQL refused. The ledger sink applies each
-- sale's stream in order, one batch per transaction; an entry that breaks a constraint (a seat with
-- two live holders, a value the table cannot store) would fail its batch on every try, and with it
-- every later change of the sale and the reconciler, which drains the ledger first. Such an entry
-- is set aside here with PostgreSQL's reason, for an operator to see, replay or dismiss, and the
-- sink moves on to the entries behind it.
CREATE TABLE ledger_dead_letters (
  id bigserial PRIMARY KEY,
  sale_id text NOT NULL,
  -- The entry's id in the sale's ledger stream.
  source_id text NOT NULL,
  entry jsonb NOT NULL,
  reason text NOT NULL,
  -- What ended it: 'replayed' (applied after all) or 'dismissed' (an operator gave it up).
  resolution text CHECK (resolution IN ('replayed', 'dismissed')),
  created_at timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz,
  -- A drain replayed after a crash (before its trim) sets the same entry aside once.
  UNIQUE (sale_id, source_id)
);

-- Depth per sale (stats, the reconciler's check before a repair).
CREATE INDEX ledger_dead_letters_unresolved_idx ON ledger_dead_letters (sale_id) WHERE resolved_at IS NULL;
