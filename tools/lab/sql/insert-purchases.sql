-- One statement for a batch of winners (the firstcome and Kafka strategies persist in batches).
INSERT INTO lab_purchases (sale_id, buyer) SELECT $1, unnest($2::text[])
