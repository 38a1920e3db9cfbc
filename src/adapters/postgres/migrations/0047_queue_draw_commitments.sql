-- 0047_queue_draw_commitments: the commitment to who was in each sale's pre-queue, made when the
-- pre-queue is sealed at opening, and the published draw (docs/queue.md, "verifiable draw").
-- Everything the public verification reads comes from here, not from Redis, so it survives the
-- loss of Redis.

-- The per-sale secret key of the entrant pseudonyms: entrant id = HMAC-SHA256(key, user id).
-- Never published, so the public list does not let anyone test a guessed user id.
CREATE TABLE queue_entrant_keys (
  sale_id text PRIMARY KEY CHECK (sale_id ~ '^e[0-9a-z]{15}$'),
  entrant_key text NOT NULL CHECK (entrant_key ~ '^[0-9a-f]{64}$'),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- One commitment per sale: the Merkle root over the sorted entrant list. Written before the
-- order is applied in Redis (prepared_at) and published once it is (committed_at); a published
-- commitment never changes. Until then a seal that failed (the pre-queue changed under it) may
-- replace it.
CREATE TABLE queue_draw_commitments (
  sale_id text PRIMARY KEY CHECK (sale_id ~ '^e[0-9a-z]{15}$'),
  root text NOT NULL CHECK (root ~ '^[0-9a-f]{64}$'),
  entrant_count integer NOT NULL CHECK (entrant_count >= 0),
  -- The seed hash the draw was made under (the one of queue_seeds, copied for the record).
  seed_hash text NOT NULL CHECK (seed_hash ~ '^[0-9a-f]{64}$'),
  prepared_at timestamptz NOT NULL DEFAULT now(),
  committed_at timestamptz
);

-- The entrant list: position in ascending entrant id order (the leaf index) and the rank drawn.
CREATE TABLE queue_draw_entrants (
  sale_id text NOT NULL REFERENCES queue_draw_commitments (sale_id) ON DELETE CASCADE,
  idx integer NOT NULL CHECK (idx >= 0),
  entrant_id text NOT NULL CHECK (entrant_id ~ '^[0-9a-f]{64}$'),
  rank integer NOT NULL CHECK (rank >= 1),
  PRIMARY KEY (sale_id, idx),
  UNIQUE (sale_id, entrant_id)
);
