-- $1 sale id: who is bound to which code.
SELECT user_id, code_hash, redeemed_at FROM access_redemptions WHERE sale_id = $1
