-- Optimistic lock: 0 rows when someone wrote since the caller's read of version $2.
UPDATE lab_stock SET remaining = $3, version = version + 1 WHERE sale_id = $1 AND version = $2
