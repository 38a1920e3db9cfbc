-- 0030_sale_report: what the post-sale report reads besides the booking rows. A per-second
-- timeline of each open or paused sale (the waiting room, the stock, the pipeline), written by the
-- timeline worker, and the reconciler's reports of drift, each stored when it is made.

-- One row per sale and second. Every process that runs workers may sample a sale in the same
-- second: the primary key keeps the first row and the others do nothing (ON CONFLICT DO NOTHING),
-- so the timeline needs no lease. Insert-only, read by sale in time order (the primary key).
CREATE TABLE sale_timeline (
  sale_id text NOT NULL,
  -- The second sampled (truncated), in the database's clock.
  at timestamptz NOT NULL,
  waiting integer NOT NULL CHECK (waiting >= 0),
  -- Admitted buyers whose access is live.
  active integer NOT NULL CHECK (active >= 0),
  -- Buyers admitted so far (the admission ticks' running total).
  admitted_total integer NOT NULL CHECK (admitted_total >= 0),
  abandoned integer NOT NULL CHECK (abandoned >= 0),
  left_queue integer NOT NULL CHECK (left_queue >= 0),
  frontier integer NOT NULL CHECK (frontier >= 0),
  free integer NOT NULL CHECK (free >= 0),
  held integer NOT NULL CHECK (held >= 0),
  pending integer NOT NULL CHECK (pending >= 0),
  sold integer NOT NULL CHECK (sold >= 0),
  -- Bookings and claims confirmed so far (rows in PostgreSQL).
  confirmed integer NOT NULL CHECK (confirmed >= 0),
  -- Messages the booking and coupon consumers have still to read (every sale's).
  consumer_lag integer NOT NULL CHECK (consumer_lag >= 0),
  PRIMARY KEY (sale_id, at)
);

-- Every reconciler report that found drift or settled stale units, as it was made.
CREATE TABLE reconcile_reports (
  id bigserial PRIMARY KEY,
  sale_id text NOT NULL,
  checked_at timestamptz NOT NULL,
  drift jsonb NOT NULL,
  repaired boolean NOT NULL,
  busy boolean NOT NULL,
  stale integer NOT NULL DEFAULT 0 CHECK (stale >= 0),
  ledger_dead_letters integer,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX reconcile_reports_sale_idx ON reconcile_reports (sale_id, id);

-- The report lists a sale's dead letters, resolved ones too.
CREATE INDEX failed_events_sale_idx ON failed_events (sale_id, id);
