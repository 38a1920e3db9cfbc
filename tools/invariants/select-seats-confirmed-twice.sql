-- I1: seats with more than one confirmed reservation. $1 sale id
SELECT seat_id FROM reservations WHERE sale_id = $1 AND status = 'confirmed' GROUP BY seat_id HAVING count(*) > 1
