-- $1 statuses (text[], NULL = any)  $2 at most this many
SELECT id, name, kind, capacity, per_user_limit, hold_ttl_sec, opens_at, status,
  admission, challenge, sections, currency, cancel_window_sec, created_at,
  pre_queue_opens_at, closes_at, max_waiting
FROM sales
WHERE $1::text[] IS NULL OR status = ANY ($1::text[])
ORDER BY created_at DESC, id DESC
LIMIT $2
