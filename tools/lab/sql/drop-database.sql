-- {{database}}: see create-database.sql. FORCE ends sessions a crashed strategy left behind.
DROP DATABASE IF EXISTS {{database}} WITH (FORCE)
