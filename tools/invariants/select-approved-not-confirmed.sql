-- Reservations of one sale that hold an approved payment but are not confirmed. $1 sale id
SELECT r.id FROM reservations r JOIN payments p ON p.reservation_id = r.id
WHERE r.sale_id = $1 AND p.status = 'approved' AND r.status <> 'confirmed'
