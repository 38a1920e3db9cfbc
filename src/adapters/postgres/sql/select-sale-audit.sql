-- One page of a sale's audit log, newest first; $3 an entry id to page from (exclusive), or null.
-- $1 sale id, $2 limit, $3 before id
SELECT id::text, sale_id, actor, action, before, after, at
FROM sale_audit
WHERE sale_id = $1 AND ($3::bigint IS NULL OR id < $3::bigint)
ORDER BY id DESC
LIMIT $2
