-- The sales whose phase the sale-lifecycle worker follows: open or paused, and closed ones whose
-- closing is not recorded as a phase yet. Oldest first.
SELECT id, name, kind, capacity, per_user_limit, hold_ttl_sec, opens_at, status,
  admission, challenge, sections, currency, cancel_window_sec, created_at,
  pre_queue_opens_at, closes_at, max_waiting, phase, phase_seq
FROM sales
WHERE status IN ('open', 'paused') OR (status = 'closed' AND phase IS DISTINCT FROM 'closed')
ORDER BY created_at, id
