-- Records `sale.sold_out` for each of the given sales whose confirmed units (seats booked, coupons
-- issued) have reached its stock, once per sale (the event id is `sale.sold_out:<sale id>`). Runs
-- in the fan-out's transaction, after the confirmations it fans out have committed: the last
-- confirmation to commit is fanned out after every other one, so its check counts them all.
-- Sales already recorded are skipped before counting. $1 sale ids[]
INSERT INTO webhook_events (id, type, sale_id, data)
SELECT 'sale.sold_out:' || s.id, 'sale.sold_out', s.id, jsonb_build_object('saleId', s.id)
FROM sales s
WHERE s.id = ANY ($1::text[])
  AND NOT EXISTS (SELECT 1 FROM webhook_events w WHERE w.id = 'sale.sold_out:' || s.id)
  AND s.capacity <= CASE s.kind
    WHEN 'seated' THEN (SELECT count(*) FROM reservations r WHERE r.sale_id = s.id AND r.status = 'confirmed')
    ELSE (SELECT count(*) FROM claims c WHERE c.sale_id = s.id AND c.status = 'confirmed')
  END
ON CONFLICT (id) DO NOTHING
