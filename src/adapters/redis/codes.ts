import type { InventoryRefusal } from '../../domain/inventory-ports.ts'

/**
 * The negative codes the Lua scripts return, and what each means. One table, shared by every
 * script, so a code means the same thing wherever it comes from.
 */
const refusals: Record<number, InventoryRefusal> = {
  [-1]: 'not_warm',
  [-2]: 'not_open',
  [-3]: 'not_admitted',
  [-4]: 'not_found',
  [-5]: 'forbidden',
  [-6]: 'seat_taken',
  [-7]: 'sold_out',
  [-8]: 'limit_reached',
  [-9]: 'hold_expired',
  [-10]: 'extend_limit',
  [-11]: 'invalid_state',
  [-12]: 'idempotency_mismatch',
  [-13]: 'sale_closed',
  [-14]: 'no_seats_together',
  [-15]: 'in_flight'
}

/** Script codes that mean success: 1 done, 2 nothing to do (an idempotent replay). */
export const OK = 1
export const NOTHING_TO_DO = 2
/** claim-unit: the Idempotency-Key was answered before; its stored answer follows. */
export const REPLAY = 3

export function refusalOf(code: number): InventoryRefusal {
  const r = refusals[code]
  if (!r) throw new Error(`unknown script code ${code}`)
  return r
}

/** edit-sale's refusals (see its header): each comes with the figure or seat that decided it. */
export const EDIT_LIMIT_BELOW_OWNED = -30
export const EDIT_CAPACITY_BELOW_TAKEN = -31
export const EDIT_SEAT_SOLD = -32
export const EDIT_SEAT_UNKNOWN = -33
export const EDIT_SEAT_EXISTS = -34

/** Waiting-room script codes (see the headers of admission-tick, seal-prequeue and queue-status). */
export const NOT_LEASE_HOLDER = -20
export const NEEDS_SEAL = -21
export const PRE_QUEUE_CHANGED = -22
/** join-queue: before the sale's preQueueOpensAt; the waiting room is full (maxWaiting). */
export const QUEUE_NOT_OPEN = -23
export const QUEUE_FULL = -24

/** The place a user has, as join-queue and queue-status report it. */
export type QueuePlace = 'none' | 'waiting' | 'admitted' | 'pre' | 'lost'

const places: Record<number, QueuePlace> = { 0: 'none', 1: 'waiting', 2: 'admitted', 3: 'pre', 4: 'lost' }

export function placeOf(code: number): QueuePlace {
  const p = places[code]
  if (!p) throw new Error(`unknown queue place code ${code}`)
  return p
}
