-- A sale's seat map in layout order: sections in the order the operator created them (their
-- position in sales.sections), then row, then number. Never by section name: "VIP", "R", "S", "A"
-- stay in that order. Withdrawn seats too (`withdrawn`): they take stock while a live unit has one.
-- $1 sale id
WITH section_order AS (
  SELECT spec ->> 'name' AS name, ord
  FROM sales, jsonb_array_elements(sales.sections) WITH ORDINALITY AS e (spec, ord)
  WHERE sales.id = $1
)
SELECT s.seat_id, s.section, s.row_no, s.seat_no, s.price, s.withdrawn_at IS NOT NULL AS withdrawn
FROM seats s
LEFT JOIN section_order o ON o.name = s.section
WHERE s.sale_id = $1
ORDER BY o.ord, s.row_no, s.seat_no
