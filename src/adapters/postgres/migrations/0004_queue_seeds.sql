-- 0004_queue_seeds: the seed of each sale's pre-queue shuffle, committed to before opening (its
-- SHA-256 hash is published) and revealed after. Kept here, not in Redis, so a Redis that lost its
-- data cannot make the operator pick another seed.

CREATE TABLE queue_seeds (
  sale_id text PRIMARY KEY CHECK (sale_id ~ '^e[0-9a-z]{15}$'),
  -- 32 random bytes, hex.
  seed text NOT NULL CHECK (seed ~ '^[0-9a-f]{64}$'),
  -- hex SHA-256 of the seed's text.
  seed_hash text NOT NULL CHECK (seed_hash ~ '^[0-9a-f]{64}$'),
  created_at timestamptz NOT NULL DEFAULT now()
);
