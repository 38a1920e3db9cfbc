-- Every sale id (the traffic gate's set of known sales: a request naming any other id is refused
-- before anything else looks it up). An index-only scan of the primary key.
SELECT id FROM sales
