-- $1 sale id: every allowlist entry.
SELECT kind, value FROM access_allowlist WHERE sale_id = $1
