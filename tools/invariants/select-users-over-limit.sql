-- I3: users with more confirmed or pending bookings than the limit. {{table}} reservations or claims;
-- $1 sale id; $2 per-user limit
SELECT user_id FROM {{table}} WHERE sale_id = $1 AND status IN ('confirmed', 'pending')
GROUP BY user_id HAVING count(*) > $2
