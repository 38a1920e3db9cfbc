-- 0044_sale_access: who may enter a sale (docs/queue.md, "Access rules"). PostgreSQL is the record:
-- the rules, the allowlist, the hashed presale and VIP codes, and who redeemed which code. Redis
-- keeps a copy the redemption script decides on, rebuilt from these tables after a loss.
CREATE TABLE sale_access (
  sale_id text PRIMARY KEY REFERENCES sales (id) ON DELETE CASCADE,
  -- The access of the whole sale when it has no phases.
  mode text NOT NULL CHECK (mode IN ('open', 'allowlist', 'codes')),
  -- [{name, access, startsAt, endsAt, units}], ordered by startsAt (validated by the service).
  phases jsonb NOT NULL DEFAULT '[]',
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- kind 'user': value is a user id (a bearer token's sub); kind 'email': value is the hex SHA-256 of
-- the trimmed, lower-cased address.
CREATE TABLE access_allowlist (
  sale_id text NOT NULL REFERENCES sales (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('user', 'email')),
  value text NOT NULL CHECK (length(value) BETWEEN 1 AND 64),
  added_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (sale_id, kind, value)
);

-- A code is never stored in plain text: code_hash is HMAC-SHA256 under a key derived from the
-- server's token secret, over the sale id and the normalised code.
CREATE TABLE access_codes (
  sale_id text NOT NULL REFERENCES sales (id) ON DELETE CASCADE,
  code_hash text NOT NULL CHECK (code_hash ~ '^[0-9a-f]{64}$'),
  batch_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('presale', 'vip')),
  max_uses integer NOT NULL CHECK (max_uses BETWEEN 1 AND 1000000),
  uses integer NOT NULL DEFAULT 0 CHECK (uses >= 0 AND uses <= max_uses),
  per_user_limit integer CHECK (per_user_limit > 0),
  starts_at timestamptz,
  ends_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (sale_id, code_hash)
);
CREATE INDEX access_codes_batch ON access_codes (sale_id, batch_id);

-- One code per buyer per sale: the first one redeemed binds.
CREATE TABLE access_redemptions (
  sale_id text NOT NULL,
  user_id text NOT NULL,
  code_hash text NOT NULL,
  redeemed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (sale_id, user_id),
  FOREIGN KEY (sale_id, code_hash) REFERENCES access_codes (sale_id, code_hash) ON DELETE CASCADE
);
CREATE INDEX access_redemptions_code ON access_redemptions (sale_id, code_hash);
