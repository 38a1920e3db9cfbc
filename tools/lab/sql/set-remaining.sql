-- Read-then-write: writes the value the caller computed from its own earlier read. Without a lock
-- two buyers who read the same value both write it: a lost update.
UPDATE lab_stock SET remaining = $2 WHERE sale_id = $1
