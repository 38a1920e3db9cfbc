-- Publishes a prepared commitment once its order is applied; publishing twice keeps the first time.
-- $1 sale id
UPDATE queue_draw_commitments SET committed_at = now() WHERE sale_id = $1 AND committed_at IS NULL
