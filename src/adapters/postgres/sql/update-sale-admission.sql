-- $1 sale id, $2 admission settings (json text)
UPDATE sales SET admission = $2::jsonb, updated_at = now() WHERE id = $1
