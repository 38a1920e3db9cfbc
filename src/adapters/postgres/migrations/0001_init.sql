-- 0001_init: the source of truth for sales, seats, holds, bookings, coupons and the stock ledger.
--
-- Migrations are append-only: once a file has been applied anywhere, change the schema with a new
-- numbered file, never by editing this one (the migrator refuses a changed checksum).
--
-- Foreign keys: only seats -> sales. The high-write tables (holds, reservations, claims,
-- stock_ledger) carry no foreign key at all. A foreign key check takes a shared row lock on the
-- referenced row for every insert; seed 001 (ticket locking experiments) shows that lock on the one
-- hot row turning a burst of bookings into lock waits and deadlocks. Their integrity comes from the
-- writers instead (every row is derived from the inventory core's ledger) and from the id format of
-- src/domain/ids.ts: a hold, claim or reservation id starts with its sale's id, which the CHECKs
-- below enforce without touching any other row.

CREATE TABLE sales (
  id text PRIMARY KEY CHECK (id ~ '^e[0-9a-z]{15}$'),
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('coupon', 'seated')),
  capacity integer NOT NULL CHECK (capacity > 0),
  per_user_limit integer NOT NULL CHECK (per_user_limit > 0),
  hold_ttl_sec integer NOT NULL CHECK (hold_ttl_sec > 0),
  opens_at timestamptz,
  status text NOT NULL CHECK (status IN ('warming', 'open', 'paused', 'closed')),
  admission jsonb NOT NULL,
  challenge jsonb NOT NULL,
  sections jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Workers list the sales to warm or to watch by status.
CREATE INDEX sales_status_idx ON sales (status);

CREATE TABLE seats (
  sale_id text NOT NULL REFERENCES sales (id),
  seat_id text NOT NULL CHECK (seat_id ~ '^[A-Za-z0-9]{1,16}-[1-9][0-9]{0,3}-[1-9][0-9]{0,3}$'),
  section text NOT NULL,
  row_no integer NOT NULL CHECK (row_no > 0),
  seat_no integer NOT NULL CHECK (seat_no > 0),
  price integer NOT NULL CHECK (price >= 0),
  -- A seat exists once per sale; the map is written once, at creation.
  PRIMARY KEY (sale_id, seat_id)
);

-- Every unit the inventory core handed out: seat holds (seat_id set) and coupon claims (seat_id
-- null), mirrored from the stock ledger. Counting held/pending/sold rows here gives the reconciler
-- the database's view of taken stock for both kinds of sale.
CREATE TABLE holds (
  id text PRIMARY KEY,
  sale_id text NOT NULL,
  seat_id text,
  user_id text NOT NULL,
  state text NOT NULL CHECK (state IN ('held', 'pending', 'sold', 'released', 'expired')),
  expires_at timestamptz,
  extensions integer NOT NULL DEFAULT 0 CHECK (extensions >= 0),
  reservation_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (starts_with(id, sale_id || '.'))
);

-- A seat has at most one live holder, in the database as in Redis: if the ledger ever carried two
-- live holds of one seat (a bug or a replay out of order), applying it fails instead of recording
-- an oversold seat. Claims have a null seat_id, and nulls never collide, so they are not limited
-- here. The index also serves every "live units of a sale" query (snapshot, counts).
CREATE UNIQUE INDEX holds_one_live_per_seat ON holds (sale_id, seat_id)
  WHERE state IN ('held', 'pending', 'sold');

CREATE TABLE reservations (
  id text PRIMARY KEY,
  sale_id text NOT NULL,
  -- One reservation per hold: a confirm replayed by Kafka (at-least-once) or a double click finds
  -- the existing row instead of booking the seat twice.
  hold_id text NOT NULL UNIQUE,
  seat_id text NOT NULL,
  user_id text NOT NULL,
  amount integer NOT NULL CHECK (amount >= 0),
  status text NOT NULL CHECK (status IN ('pending', 'confirmed', 'failed', 'expired')),
  failure_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (starts_with(id, sale_id || '.'))
);

-- I1: a seat has at most one confirmed booking, whatever the pipeline does.
CREATE UNIQUE INDEX reservations_one_confirmed_per_seat ON reservations (sale_id, seat_id)
  WHERE status = 'confirmed';

-- GET /v1/me/reservations.
CREATE INDEX reservations_user_idx ON reservations (user_id, created_at);

-- Coupons issued (or refused) for accepted claims.
CREATE TABLE claims (
  id text PRIMARY KEY,
  sale_id text NOT NULL,
  user_id text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'confirmed', 'failed')),
  -- A coupon code is handed to one claim only, even if two consumers race to issue it.
  coupon_code text UNIQUE,
  failure_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (starts_with(id, sale_id || '.'))
);

-- GET /v1/claims of one user.
CREATE INDEX claims_user_idx ON claims (user_id, created_at);

CREATE TABLE payments (
  id bigserial PRIMARY KEY,
  -- One payment outcome per reservation: a redelivered booking message must not record (or
  -- charge) a second payment. The reservation row is written in the same transaction and is not
  -- contended, so this foreign key costs nothing on the hot path.
  reservation_id text NOT NULL UNIQUE REFERENCES reservations (id),
  status text NOT NULL CHECK (status IN ('approved', 'declined', 'timeout')),
  provider_ref text,
  amount integer NOT NULL CHECK (amount >= 0),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Every change of stock, in the order the inventory core made it (copied from the sale's Redis
-- stream, which the inventory scripts append to atomically with the change). Insert-only: it is
-- the audit trail the reconciler and operators rely on.
CREATE TABLE stock_ledger (
  id bigserial PRIMARY KEY,
  sale_id text NOT NULL,
  -- The entry's id in the sale's stream.
  source_id text NOT NULL,
  kind text NOT NULL,
  unit_id text NOT NULL,
  seat_id text,
  user_id text NOT NULL,
  delta integer NOT NULL CHECK (delta BETWEEN -1 AND 1),
  state text NOT NULL CHECK (state IN ('held', 'pending', 'sold', 'released', 'expired')),
  expires_at timestamptz,
  reservation_id text,
  reason text,
  at timestamptz NOT NULL,
  -- A stream entry is recorded once: the ledger applier re-reads entries after a crash, and this
  -- constraint turns the replay into a no-op (ON CONFLICT DO NOTHING).
  UNIQUE (sale_id, source_id)
);

CREATE FUNCTION stock_ledger_insert_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'stock_ledger is insert-only: % refused', TG_OP
    USING ERRCODE = 'restrict_violation',
          HINT = 'record a correction as a new entry (kind ''repair'') instead';
END
$$;

CREATE TRIGGER stock_ledger_no_update_delete
  BEFORE UPDATE OR DELETE ON stock_ledger
  FOR EACH ROW EXECUTE FUNCTION stock_ledger_insert_only();

CREATE TRIGGER stock_ledger_no_truncate
  BEFORE TRUNCATE ON stock_ledger
  FOR EACH STATEMENT EXECUTE FUNCTION stock_ledger_insert_only();

-- Messages a consumer gave up on after bounded retries, kept for the reprocessor and operators.
CREATE TABLE failed_events (
  id bigserial PRIMARY KEY,
  topic text NOT NULL,
  message_key text,
  payload jsonb NOT NULL,
  reason text NOT NULL,
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz
);

-- The reprocessor and the DLQ-depth metric read only unresolved rows.
CREATE INDEX failed_events_unresolved_idx ON failed_events (id) WHERE resolved_at IS NULL;

-- Messages written in the same transaction as the change they announce; the relay publishes them.
CREATE TABLE outbox (
  id bigserial PRIMARY KEY,
  topic text NOT NULL,
  message_key text,
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz
);

-- The relay scans unpublished rows in id order; published rows drop out of this small index.
CREATE INDEX outbox_unpublished_idx ON outbox (id) WHERE published_at IS NULL;
