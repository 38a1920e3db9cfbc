-- The lab's own schema: one stock row per sale (the contended row) and one row per purchase.
-- No unique constraint on (sale_id, buyer) on purpose: the lab counts what each strategy lets
-- through, and a constraint would hide an oversell behind an error.
CREATE TABLE IF NOT EXISTS lab_stock (
  sale_id text PRIMARY KEY,
  stock integer NOT NULL,
  remaining integer NOT NULL,
  -- Optimistic lock: bumped by every write that checked it.
  version bigint NOT NULL DEFAULT 0,
  -- Redis lock: the highest fencing token that wrote this row; older tokens are refused.
  fence bigint NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS lab_purchases (
  id bigserial PRIMARY KEY,
  sale_id text NOT NULL,
  buyer text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX IF NOT EXISTS lab_purchases_sale ON lab_purchases (sale_id);
