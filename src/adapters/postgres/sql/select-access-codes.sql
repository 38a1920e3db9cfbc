-- $1 sale id: every code (hashed) with its use count, newest batch first.
SELECT code_hash, batch_id, kind, max_uses, uses, per_user_limit, starts_at, ends_at, created_at
FROM access_codes WHERE sale_id = $1 ORDER BY created_at DESC, code_hash
