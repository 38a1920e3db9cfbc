-- $1 sale id, $2 user id, $3 code hash: binds the code to the user unless the user already holds a
-- code in this sale. Answers the code the user is bound to (this one, or the earlier one).
WITH ins AS (
  INSERT INTO access_redemptions (sale_id, user_id, code_hash) VALUES ($1, $2, $3)
  ON CONFLICT (sale_id, user_id) DO NOTHING
  RETURNING code_hash, true AS fresh
)
SELECT code_hash, fresh FROM ins
UNION ALL
SELECT code_hash, false AS fresh FROM access_redemptions WHERE sale_id = $1 AND user_id = $2
LIMIT 1
