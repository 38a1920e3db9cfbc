-- Subscribes this session to the webhook events trigger's notifications (migration 0021).
LISTEN fc_webhooks
