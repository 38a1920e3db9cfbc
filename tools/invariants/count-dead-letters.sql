-- Dead letters recorded for one sale, resolved or not. $1 sale id
SELECT count(*)::int AS n FROM failed_events WHERE sale_id = $1
