-- $1 sale id, $2 first index, $3 at most this many (index order: the published list)
SELECT idx, entrant_id, rank FROM queue_draw_entrants
WHERE sale_id = $1 AND idx >= $2 ORDER BY idx LIMIT $3
