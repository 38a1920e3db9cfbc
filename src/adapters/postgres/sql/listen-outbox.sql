-- Subscribes this session to the outbox trigger's notifications (migration 0002).
LISTEN fc_outbox
