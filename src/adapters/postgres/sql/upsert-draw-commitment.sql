-- Prepares a sale's commitment before its order is applied. A published one (committed_at set)
-- is never replaced: then no row comes back and the caller leaves the entrants alone.
-- $1 sale id, $2 root, $3 entrant count, $4 seed hash
INSERT INTO queue_draw_commitments (sale_id, root, entrant_count, seed_hash)
VALUES ($1, $2, $3, $4)
ON CONFLICT (sale_id) DO UPDATE
  SET root = EXCLUDED.root, entrant_count = EXCLUDED.entrant_count, seed_hash = EXCLUDED.seed_hash,
    prepared_at = now()
  WHERE queue_draw_commitments.committed_at IS NULL
RETURNING sale_id
