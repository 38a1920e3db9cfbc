-- 0003_dead_letters: where a dead letter came from, so the reprocessor can replay it to its topic
-- and an operator can see per-sale DLQ depth.
--
-- The dead-letter topic is the durable record (a consumer can dead-letter while PostgreSQL is
-- down); a recorder copies each dead letter here. The unique source position turns a second copy
-- of one dead letter (a batch dead-lettered, then redelivered before its commit) into a no-op.

ALTER TABLE failed_events
  ADD COLUMN sale_id text,
  ADD COLUMN kind text NOT NULL DEFAULT 'unknown' CHECK (kind IN ('booking', 'claim', 'unknown')),
  ADD COLUMN source_partition integer NOT NULL DEFAULT 0,
  ADD COLUMN source_offset bigint NOT NULL DEFAULT 0,
  -- How often this message was replayed before it failed (0 = first time).
  ADD COLUMN replays integer NOT NULL DEFAULT 0 CHECK (replays >= 0),
  -- What ended it: 'replayed' (sent back to its topic) or 'failed' (given up, stock released).
  ADD COLUMN resolution text CHECK (resolution IN ('replayed', 'failed'));

CREATE UNIQUE INDEX failed_events_source_uq ON failed_events (topic, source_partition, source_offset);

-- DLQ depth per sale.
CREATE INDEX failed_events_unresolved_sale_idx ON failed_events (sale_id) WHERE resolved_at IS NULL;
