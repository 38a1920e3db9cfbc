-- The webhook fan-out's count of each sale's confirmed units (seats booked, coupons issued), so the
-- `sale.sold_out` check counts a sale's bookings only once this count has reached its stock, not
-- with every fan-out transaction (each of those counted every confirmed row of the sale: work that
-- grew with the square of a sale's size). Incremented by the transaction that fans a confirmation's
-- event out, exactly once per event. It may run ahead of the bookings (a cancellation does not take
-- it back; the seed below also counts confirmations whose events are not fanned out yet, which
-- will count again), never behind them, and the exact count still decides.
CREATE TABLE sale_confirmed_units (
  sale_id text PRIMARY KEY,
  units bigint NOT NULL
);
INSERT INTO sale_confirmed_units (sale_id, units)
SELECT sale_id, sum(n) FROM (
  SELECT sale_id, count(*) AS n FROM reservations WHERE status = 'confirmed' GROUP BY sale_id
  UNION ALL
  SELECT sale_id, count(*) AS n FROM claims WHERE status = 'confirmed' GROUP BY sale_id
) c
GROUP BY sale_id;
