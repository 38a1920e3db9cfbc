-- A sale. `row_version` (the row's xmin) changes with every write of the row, and every change to
-- a sale's seats or prices writes the row in the same transaction (an edit, update-sale-edit.sql):
-- the request path's cache keeps a seat map while it stays the same.
-- $1 sale id
SELECT id, name, kind, capacity, per_user_limit, hold_ttl_sec, opens_at, status,
  admission, challenge, sections, currency, cancel_window_sec, created_at,
  pre_queue_opens_at, closes_at, max_waiting, xmin::text AS row_version
FROM sales
WHERE id = $1
