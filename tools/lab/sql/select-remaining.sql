SELECT remaining, version FROM lab_stock WHERE sale_id = $1
