-- Pessimistic lock: every other buyer of this sale queues on the row lock until this one commits.
SELECT remaining FROM lab_stock WHERE sale_id = $1 FOR UPDATE
