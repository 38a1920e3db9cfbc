-- Fencing: 0 rows when a holder with a newer token (the lock expired and was taken again) wrote first.
UPDATE lab_stock SET remaining = $3, fence = $2 WHERE sale_id = $1 AND fence < $2
