-- Adds the units a fan-out transaction's confirmation events confirm to each sale's count (see
-- migration 0055) and returns the sales whose count now reaches their stock: the only ones the
-- exact sold-out check (insert-sold-out-events.sql) needs to count. Runs in the fan-out's
-- transaction, which holds the events, so each event is counted once. The rows are taken in the
-- order of their sale ids, so two fan-outs touching the same sales lock them in the same order
-- (no deadlock between dispatchers).
-- $1 sale_id[], $2 units[] (one entry per sale)
WITH added AS (
  INSERT INTO sale_confirmed_units AS u (sale_id, units)
  SELECT sale_id, units FROM unnest($1::text[], $2::bigint[]) AS t (sale_id, units) ORDER BY sale_id
  ON CONFLICT (sale_id) DO UPDATE SET units = u.units + excluded.units
  RETURNING sale_id, units
)
SELECT a.sale_id FROM added a JOIN sales s ON s.id = a.sale_id WHERE a.units >= s.capacity
