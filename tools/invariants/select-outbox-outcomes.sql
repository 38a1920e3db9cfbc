-- One effect per request: outcome rows of one sale per booking id. $1 sale id; $2 payload type (null: any)
SELECT payload->>'id' AS id, count(*)::int AS n FROM outbox
WHERE payload->>'saleId' = $1 AND ($2::text IS NULL OR payload->>'type' = $2::text)
GROUP BY 1
