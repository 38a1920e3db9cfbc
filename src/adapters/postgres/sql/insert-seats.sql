-- The whole seat map in one statement: one array per column, unnested row by row. A 10,000-seat
-- map is one round trip instead of 10,000.
-- $1 sale_id, $2 seat_id[], $3 section[], $4 row_no[], $5 seat_no[], $6 price[]
INSERT INTO seats (sale_id, seat_id, section, row_no, seat_no, price)
SELECT $1, s.seat_id, s.section, s.row_no, s.seat_no, s.price
FROM unnest($2::text[], $3::text[], $4::int[], $5::int[], $6::int[])
  AS s (seat_id, section, row_no, seat_no, price)
