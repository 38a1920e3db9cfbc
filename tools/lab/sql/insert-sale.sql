INSERT INTO lab_stock (sale_id, stock, remaining) VALUES ($1, $2, $2)
