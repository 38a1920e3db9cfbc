-- Registers a webhook endpoint. $1 id, $2 url, $3 event types[], $4 signing secret, sealed
INSERT INTO webhook_endpoints (id, url, events, secret_enc) VALUES ($1, $2, $3::text[], $4)
