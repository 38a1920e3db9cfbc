-- $1 name, $2 checksum (sha256 hex of the file)
INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)
