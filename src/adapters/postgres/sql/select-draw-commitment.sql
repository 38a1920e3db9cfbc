-- $1 sale id: its seed record and, once prepared, its entrant commitment. No row without a seed.
SELECT s.seed, s.seed_hash, s.created_at AS seed_created_at,
  c.root, c.entrant_count, c.seed_hash AS drawn_under, c.prepared_at, c.committed_at
FROM queue_seeds s
LEFT JOIN queue_draw_commitments c ON c.sale_id = s.sale_id
WHERE s.sale_id = $1
