-- $1 sale id: its access rules (no row: open to everyone).
SELECT mode, phases FROM sale_access WHERE sale_id = $1
