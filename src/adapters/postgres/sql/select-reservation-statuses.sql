-- The status of each reservation that has a row (ids without one are simply absent). $1 id[]
SELECT id, status FROM reservations WHERE id = ANY ($1::text[])
