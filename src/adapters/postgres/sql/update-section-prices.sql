-- New prices of whole sections: every seat of each (a booking keeps the amount it was made for).
-- $1 sale id, $2 section[], $3 price[]
UPDATE seats
SET price = p.price
FROM unnest($2::text[], $3::int[]) AS p (section, price)
WHERE seats.sale_id = $1 AND seats.section = p.section
