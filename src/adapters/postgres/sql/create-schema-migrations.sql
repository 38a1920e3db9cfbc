-- Run only under the migration lock: concurrent CREATE TABLE IF NOT EXISTS can still collide.
CREATE TABLE IF NOT EXISTS schema_migrations (
  name text PRIMARY KEY,
  checksum text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)
