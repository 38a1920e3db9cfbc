-- The editable fields of a sale, all at once (the edit passes the unchanged ones as they were).
-- $1 sale id, $2 per_user_limit, $3 hold_ttl_sec, $4 admission (json text), $5 sections (json text),
-- $6 capacity, $7 status, $8 closes_at
UPDATE sales
SET per_user_limit = $2, hold_ttl_sec = $3, admission = $4::jsonb, sections = $5::jsonb, capacity = $6,
  status = $7, closes_at = $8, updated_at = now()
WHERE id = $1
