-- $1 sale id, $2 kinds (text[]), $3 values (text[]): adds entries; those already listed are kept.
-- Answers the entries that were new.
INSERT INTO access_allowlist (sale_id, kind, value)
SELECT $1, k, v FROM unnest($2::text[], $3::text[]) AS t (k, v)
ON CONFLICT DO NOTHING
RETURNING kind, value
