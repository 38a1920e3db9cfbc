-- Units each user holds against the per-user limit (I3). $1 sale id
SELECT user_id, count(*)::int AS units
FROM holds
WHERE sale_id = $1 AND state IN ('held', 'pending', 'sold')
GROUP BY user_id
