import type { InventoryRefusal } from '../../domain/inventory-ports.ts'
import { type ErrorCode, FcError } from '../../errors.ts'

const codes: Record<InventoryRefusal, ErrorCode> = {
  not_warm: 'FC_UNAVAILABLE',
  not_open: 'FC_NOT_OPEN',
  not_admitted: 'FC_NOT_ADMITTED',
  not_found: 'FC_NOT_FOUND',
  forbidden: 'FC_FORBIDDEN',
  seat_taken: 'FC_SEAT_TAKEN',
  sold_out: 'FC_SOLD_OUT',
  limit_reached: 'FC_LIMIT_REACHED',
  hold_expired: 'FC_HOLD_EXPIRED',
  extend_limit: 'FC_EXTEND_LIMIT',
  invalid_state: 'FC_INVALID_STATE',
  idempotency_mismatch: 'FC_IDEMPOTENCY_MISMATCH',
  sale_closed: 'FC_SALE_CLOSED',
  no_seats_together: 'FC_NO_SEATS_TOGETHER',
  in_flight: 'FC_UNAVAILABLE'
}

/** The one mapping from an inventory refusal to the error a client sees. */
export function refusalError(refusal: InventoryRefusal): FcError {
  const code = codes[refusal]
  return new FcError(code, undefined, code === 'FC_UNAVAILABLE' ? { retryAfterSec: 1 } : {})
}
