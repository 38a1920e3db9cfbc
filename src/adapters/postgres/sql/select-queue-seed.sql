-- $1 sale id
SELECT seed, seed_hash FROM queue_seeds WHERE sale_id = $1
