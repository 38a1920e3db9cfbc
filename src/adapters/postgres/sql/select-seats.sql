-- $1 sale id
SELECT seat_id, section, row_no, seat_no, price
FROM seats
WHERE sale_id = $1
ORDER BY section, row_no, seat_no
