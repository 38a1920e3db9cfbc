-- A sale, locked for an edit (edits of one sale run one at a time). $1 sale id
SELECT id, name, kind, capacity, per_user_limit, hold_ttl_sec, opens_at, status,
  admission, challenge, sections, currency, cancel_window_sec, created_at,
  pre_queue_opens_at, closes_at, max_waiting
FROM sales
WHERE id = $1
FOR UPDATE
