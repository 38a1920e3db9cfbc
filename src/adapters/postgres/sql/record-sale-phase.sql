-- Records a sale's new phase, and with it (one statement, so one transaction) its
-- `sale.phase_changed` webhook event, only if the phase is still the one the caller read
-- (`phase_seq` = $2): of several workers seeing the same change, one records it, once. With $4 the
-- sale's status changes too (the close at `closes_at`). Returns the row recorded, none when another
-- worker was first.
-- $1 sale id, $2 phase_seq read, $3 new phase, $4 new status (NULL: unchanged), $5 when (ms since epoch)
WITH changed AS (
  UPDATE sales s
  SET phase = $3, phase_seq = s.phase_seq + 1, status = COALESCE($4, s.status), updated_at = now()
  FROM (SELECT phase FROM sales WHERE id = $1) AS before
  WHERE s.id = $1 AND s.phase_seq = $2
  RETURNING s.id, s.phase_seq, before.phase AS previous
)
INSERT INTO webhook_events (id, type, sale_id, data)
SELECT 'sale.phase_changed:' || id || ':' || phase_seq, 'sale.phase_changed', id,
  jsonb_build_object(
    'saleId', id, 'phase', $3::text, 'previous', previous, 'seq', phase_seq,
    'at', to_char(to_timestamp($5::bigint / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
  )
FROM changed
RETURNING id
