-- The units, seats and users named by a sale's ledger entries applied after the entry at position
-- $2 (a stream id `<ms>-<seq>` as ms * 1,000,000 + seq; 0: every unit of the sale): each holds
-- row carries the position of the last entry applied to it. Served by holds_sale_ledger_pos_idx.
-- $1 sale id, $2 position
SELECT id AS unit_id, seat_id, user_id
FROM holds
WHERE sale_id = $1 AND ledger_pos > $2
