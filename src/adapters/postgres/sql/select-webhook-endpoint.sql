-- One webhook endpoint, without its secret. $1 id
SELECT id, url, events, disabled, created_at FROM webhook_endpoints WHERE id = $1
