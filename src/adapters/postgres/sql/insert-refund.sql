-- Money owed back for a cancelled booking: the refund worker settles it with the provider. A
-- refund already owed for the reservation is kept once.
-- $1 reservation id, $2 sale id, $3 user id, $4 amount
INSERT INTO refunds (reservation_id, sale_id, user_id, amount)
VALUES ($1, $2, $3, $4)
ON CONFLICT (reservation_id) DO NOTHING
