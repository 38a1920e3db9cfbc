-- $1 sale id: the entrants of a commitment being prepared again.
DELETE FROM queue_draw_entrants WHERE sale_id = $1
