-- The units, seats and users named by a sale's ledger entries recorded after the entry with stream
-- id $2 (after every entry when that one is not recorded, e.g. '0-0'). One drainer at a time
-- records a sale's entries, in stream order, so the row id follows the stream.
-- $1 sale id, $2 stream id
SELECT DISTINCT unit_id, seat_id, user_id
FROM stock_ledger
WHERE sale_id = $1
  AND id > COALESCE((SELECT id FROM stock_ledger WHERE sale_id = $1 AND source_id = $2), 0)
