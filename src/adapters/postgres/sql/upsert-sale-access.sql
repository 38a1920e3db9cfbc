-- $1 sale id, $2 mode, $3 phases (JSON).
INSERT INTO sale_access (sale_id, mode, phases) VALUES ($1, $2, $3)
ON CONFLICT (sale_id) DO UPDATE SET mode = EXCLUDED.mode, phases = EXCLUDED.phases, updated_at = now()
