-- $1 sale id, $2 entrant key (hex). A key, once stored, never changes: a racing insert is a no-op.
INSERT INTO queue_entrant_keys (sale_id, entrant_key) VALUES ($1, $2) ON CONFLICT (sale_id) DO NOTHING
