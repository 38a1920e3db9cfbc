-- $1 sale id, $2 seed (hex), $3 SHA-256 of the seed (hex). A seed, once stored, never changes: a
-- second writer's insert is a no-op and both read the first one back.
INSERT INTO queue_seeds (sale_id, seed, seed_hash) VALUES ($1, $2, $3) ON CONFLICT (sale_id) DO NOTHING
