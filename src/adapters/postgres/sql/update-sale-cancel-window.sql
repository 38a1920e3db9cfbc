-- Sets how long after confirmation buyers may cancel (0: not cancellable). $1 sale id, $2 seconds
UPDATE sales SET cancel_window_sec = $2, updated_at = now() WHERE id = $1
RETURNING cancel_window_sec
