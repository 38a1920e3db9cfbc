-- $1 sale id, $2 status
UPDATE sales SET status = $2, updated_at = now() WHERE id = $1
