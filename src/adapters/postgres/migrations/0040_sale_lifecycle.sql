-- 0040_sale_lifecycle: a sale's timeline. `pre_queue_opens_at` (joins before it are refused),
-- `closes_at` (the sale-lifecycle worker closes it then), `max_waiting` (a new arrival past it is
-- refused). `phase` is the last phase recorded (scheduled, pre_queue, open, queueing, paused,
-- closed: docs/queue.md), `phase_seq` counts its changes: a change is recorded with an UPDATE
-- conditional on the sequence it read, together with its `sale.phase_changed` webhook event
-- (id `sale.phase_changed:<sale>:<seq>`) in one transaction, so several workers record it once.
--
-- All nullable or with a constant default: no row is rewritten, and a process of the previous
-- version inserting sales during a rolling deploy leaves them empty (no timeline, phase unknown
-- until the worker records it).
ALTER TABLE sales
  ADD COLUMN pre_queue_opens_at timestamptz,
  ADD COLUMN closes_at timestamptz,
  ADD COLUMN max_waiting integer CHECK (max_waiting > 0),
  ADD COLUMN phase text,
  ADD COLUMN phase_seq integer NOT NULL DEFAULT 0;

-- The worker's scan: sales due to close.
CREATE INDEX sales_closes_at_idx ON sales (closes_at) WHERE closes_at IS NOT NULL AND status <> 'closed';
