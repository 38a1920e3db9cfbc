-- $1 sale id, $2 batch id, $3 kind, $4 max uses, $5 per-user limit (null: the sale's), $6 starts at,
-- $7 ends at (null: no bound), $8 code hashes (text[]).
INSERT INTO access_codes (sale_id, code_hash, batch_id, kind, max_uses, per_user_limit, starts_at, ends_at)
SELECT $1, h, $2, $3, $4, $5, $6, $7 FROM unnest($8::text[]) AS t (h)
