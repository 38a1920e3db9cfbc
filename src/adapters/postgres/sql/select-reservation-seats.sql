-- The seats of the other reservations of a hold of several seats (one booking row per seat; the
-- ids are derived from the hold's own, see src/domain/ids.ts), for the reservation views.
-- $1 reservation id[]
SELECT id, seat_id FROM reservations WHERE id = ANY ($1::text[])
