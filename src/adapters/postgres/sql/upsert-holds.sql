-- Writes the state a batch of ledger entries leaves each unit in: inserts a unit on first sight,
-- otherwise takes state, expiry and reservation from its latest entry, unless the row already has
-- a later entry applied ($11 is not past its ledger_pos: a replayed or late batch sets nothing
-- back). Extensions only grow, and an extend carries the hold's count after it, so the row takes the
-- greater of its own and the batch's ($7: 0 when the batch has no extend of the unit).
-- No unit appears twice in one call (ON CONFLICT DO UPDATE cannot touch a row twice).
-- $1 id[], $2 sale_id[], $3 seat_id[], $4 user_id[], $5 state[], $6 expires_at epoch ms[],
-- $7 extensions[], $8 reservation_id[], $9 created_at epoch ms[], $10 updated_at epoch ms[],
-- $11 ledger position of the unit's last entry in the batch[] (ms * 1,000,000 + seq)
INSERT INTO holds (
  id, sale_id, seat_id, user_id, state, expires_at, extensions, reservation_id, created_at, updated_at,
  ledger_pos
)
SELECT u.id, u.sale_id, u.seat_id, u.user_id, u.state, to_timestamp(u.expires_ms / 1000.0),
  u.extensions, u.reservation_id, to_timestamp(u.created_ms / 1000.0), to_timestamp(u.updated_ms / 1000.0),
  u.ledger_pos
FROM unnest(
  $1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::int[],
  $8::text[], $9::bigint[], $10::bigint[], $11::bigint[]
) AS u (id, sale_id, seat_id, user_id, state, expires_ms, extensions, reservation_id, created_ms, updated_ms,
  ledger_pos)
ON CONFLICT (id) DO UPDATE SET
  state = EXCLUDED.state,
  expires_at = EXCLUDED.expires_at,
  extensions = GREATEST(holds.extensions, EXCLUDED.extensions),
  reservation_id = EXCLUDED.reservation_id,
  updated_at = EXCLUDED.updated_at,
  ledger_pos = EXCLUDED.ledger_pos
WHERE holds.ledger_pos < EXCLUDED.ledger_pos
