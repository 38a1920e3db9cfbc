-- $1 sale id
SELECT
  count(*) FILTER (WHERE state = 'held')::int AS held,
  count(*) FILTER (WHERE state = 'pending')::int AS pending,
  count(*) FILTER (WHERE state = 'sold')::int AS sold
FROM holds
WHERE sale_id = $1 AND state IN ('held', 'pending', 'sold')
