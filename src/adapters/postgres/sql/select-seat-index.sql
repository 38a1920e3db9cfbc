-- Every seat of a sale with its section, row and whether it is withdrawn, for planning an edit.
-- $1 sale id
SELECT seat_id, section, row_no, withdrawn_at IS NOT NULL AS withdrawn
FROM seats
WHERE sale_id = $1
