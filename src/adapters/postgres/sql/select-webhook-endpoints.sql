-- Every webhook endpoint, oldest first, without its secret.
SELECT id, url, events, disabled, created_at FROM webhook_endpoints ORDER BY created_at, id
