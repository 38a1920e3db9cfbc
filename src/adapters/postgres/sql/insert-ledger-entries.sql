-- Records operators' edits in the stock ledger (the only entries still written there, see
-- docs/inventory.md): by the edit's own transaction, and again by the ledger sink, whose insert of
-- the same (sale_id, source_id) waits for that transaction to end, so nothing after an edit in the
-- ledger is applied before the edit is in PostgreSQL. A replay is skipped.
-- $1 sale_id[], $2 source_id[], $3 kind[], $4 unit_id[], $5 seat_id[], $6 user_id[], $7 delta[],
-- $8 state[], $9 expires_at epoch ms[], $10 reservation_id[], $11 at epoch ms[]
INSERT INTO stock_ledger (
  sale_id, source_id, kind, unit_id, seat_id, user_id, delta, state, expires_at, reservation_id, at
)
SELECT e.sale_id, e.source_id, e.kind, e.unit_id, e.seat_id, e.user_id, e.delta, e.state,
  to_timestamp(e.expires_ms / 1000.0), e.reservation_id, to_timestamp(e.at_ms / 1000.0)
FROM unnest(
  $1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[],
  $8::text[], $9::bigint[], $10::text[], $11::bigint[]
) WITH ORDINALITY
  AS e (sale_id, source_id, kind, unit_id, seat_id, user_id, delta, state, expires_ms, reservation_id, at_ms, ord)
ORDER BY e.ord
ON CONFLICT (sale_id, source_id) DO NOTHING
RETURNING sale_id, source_id
