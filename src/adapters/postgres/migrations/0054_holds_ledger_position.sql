-- The ledger sink no longer writes an insert-only stock_ledger row per stream entry (it cost as
-- much as the holds row); each holds row now carries the position of the last ledger entry applied
-- to it (the stream id `<ms>-<seq>` as ms * 1,000,000 + seq), which makes a replayed or late batch
-- a no-op for the rows it would set back, and lets the reconciler find the units a sale's ledger
-- changed since an entry. Rows written before this have 0. stock_ledger keeps what it recorded.
ALTER TABLE holds ADD COLUMN ledger_pos bigint NOT NULL DEFAULT 0;
CREATE INDEX holds_sale_ledger_pos_idx ON holds (sale_id, ledger_pos);
