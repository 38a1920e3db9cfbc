-- Marks rows the broker acknowledged. $1 outbox ids
UPDATE outbox SET published_at = now() WHERE id = ANY($1::bigint[])
