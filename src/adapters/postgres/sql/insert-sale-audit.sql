-- One accepted edit of a sale, in the edit's own transaction.
-- $1 sale id, $2 actor, $3 action, $4 before (json text), $5 after (json text)
INSERT INTO sale_audit (sale_id, actor, action, before, after)
VALUES ($1, $2, $3, $4::jsonb, $5::jsonb)
RETURNING id::text, at
