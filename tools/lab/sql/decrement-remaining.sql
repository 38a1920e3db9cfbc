-- Relative decrement: safe without a lock of the caller's own, because the row lock of the UPDATE
-- orders concurrent writers (used by strategies whose admission was decided elsewhere).
UPDATE lab_stock SET remaining = remaining - $2 WHERE sale_id = $1
