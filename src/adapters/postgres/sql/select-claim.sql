-- One coupon claim, for GET /v1/claims/:id. $1 claim id
SELECT id, sale_id, user_id, status, coupon_code, failure_reason, created_at, updated_at
FROM claims
WHERE id = $1
