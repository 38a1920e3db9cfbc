-- $1 sale id
SELECT entrant_key FROM queue_entrant_keys WHERE sale_id = $1
