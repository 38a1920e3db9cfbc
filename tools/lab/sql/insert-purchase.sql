INSERT INTO lab_purchases (sale_id, buyer) VALUES ($1, $2)
