-- Removes a webhook endpoint; its deliveries go with it (ON DELETE CASCADE). $1 id
DELETE FROM webhook_endpoints WHERE id = $1 RETURNING id
