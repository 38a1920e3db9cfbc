-- $1 event id (`<type>:<unit id>`, e.g. `reservation.confirmed:r_123`), $2 type, $3 sale id, $4 data
-- (JSON text). The same event recorded twice (a replayed message) is kept once.
INSERT INTO webhook_events (id, type, sale_id, data) VALUES ($1, $2, $3, $4::jsonb) ON CONFLICT (id) DO NOTHING
