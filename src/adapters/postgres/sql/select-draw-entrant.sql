-- $1 sale id, $2 entrant id
SELECT idx, rank FROM queue_draw_entrants WHERE sale_id = $1 AND entrant_id = $2
