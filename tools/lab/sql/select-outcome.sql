SELECT s.stock, s.remaining,
  (SELECT count(*) FROM lab_purchases p WHERE p.sale_id = s.sale_id)::integer AS sold
FROM lab_stock s WHERE s.sale_id = $1
