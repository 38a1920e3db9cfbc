-- $1 id, $2 name, $3 kind, $4 capacity, $5 per_user_limit, $6 hold_ttl_sec, $7 opens_at,
-- $8 status, $9 admission (json text), $10 challenge (json text), $11 sections (json text), $12 created_at,
-- $13 currency (ISO 4217), $14 cancel_window_sec, $15 pre_queue_opens_at, $16 closes_at, $17 max_waiting
INSERT INTO sales (
  id, name, kind, capacity, per_user_limit, hold_ttl_sec, opens_at, status,
  admission, challenge, sections, created_at, updated_at, currency, cancel_window_sec,
  pre_queue_opens_at, closes_at, max_waiting
) VALUES (
  $1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10::jsonb, $11::jsonb, $12, $12, $13, $14, $15, $16, $17
)
