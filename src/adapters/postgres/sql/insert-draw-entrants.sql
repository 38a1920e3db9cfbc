-- $1 sale id, $2 entrant ids in ascending order (index = position), $3 their ranks
INSERT INTO queue_draw_entrants (sale_id, idx, entrant_id, rank)
SELECT $1, e.ord - 1, e.entrant_id, e.rank
FROM unnest($2::text[], $3::int[]) WITH ORDINALITY AS e (entrant_id, rank, ord)
