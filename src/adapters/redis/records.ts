/**
 * What the inventory scripts keep in Redis, as TypeScript reads and writes it: a unit's record (the
 * `units` hash), an Idempotency-Key's record, a seat hash value; and their conversions to and from
 * the domain's holds and live units.
 */
import { groupIdsOf } from '../../domain/ids.ts'
import type { LiveUnit, StoredResponse } from '../../domain/inventory-ports.ts'
import type { Hold, HoldState, SeatStockState } from '../../domain/sale.ts'

export interface UnitRecord {
  s: string
  u: string
  st: HoldState
  x: number
  e: number
  r: string
  /** A unit of a hold of several seats: the hold's id (its first unit's). */
  g?: string
  /** On a hold's first unit: every unit id of the group, and their seats, in the same order. */
  m?: string[]
  ss?: string[]
  /** Its seat is withdrawn (edit-sale): removed instead of freed when the unit ends. */
  w?: 1
}

export interface IdempotencyRecord {
  f: string
  s: number
  b: string
  x?: number
}

/**
 * A seat hash value's first letter: `A` available, `H<unit>` held, `P<unit>` pending, `S<unit>` sold.
 * Anything else counts as held (taken, not yet sold), never as available.
 */
export const SEAT_STOCK: Readonly<Record<string, SeatStockState>> = {
  A: 'available',
  H: 'held',
  P: 'pending',
  S: 'sold'
}

export function decodeIdempotencyRecord(raw: string): StoredResponse {
  const r = JSON.parse(raw) as IdempotencyRecord
  const body = JSON.parse(r.b) as Record<string, unknown>
  // Scripts that answer with an expiry store it beside the body; it is filled in here.
  if (r.x !== undefined && body && typeof body === 'object') body.expiresAt = new Date(r.x).toISOString()
  return { statusCode: r.s, body }
}

/**
 * The units to load, as warm-sale takes them, with their groups: a hold of several seats is found
 * again from its units' ids (domain/ids.ts), when every unit of the group is live in the snapshot
 * (the scripts move a group's units together, so it is whole or gone).
 */
export function withGroups(units: readonly LiveUnit[]) {
  const live = new Map(units.map((u) => [u.unitId, u]))
  return units.map((u) => {
    const unit: UnitRecord & { id: string } = {
      id: u.unitId,
      s: u.seatId ?? '',
      u: u.userId,
      st: u.state as HoldState,
      x: u.expiresAt ?? 0,
      e: u.extensions,
      r: u.reservationId ?? ''
    }
    if (u.withdrawn) unit.w = 1
    const group = u.seatId === null ? undefined : groupIdsOf(u.unitId)
    if (group?.every((id) => live.has(id))) {
      unit.g = group[0] as string
      if (group[0] === u.unitId) {
        unit.m = group
        unit.ss = group.map((id) => live.get(id)?.seatId ?? '')
      }
    }
    return unit
  })
}

export function toHold(saleId: string, id: string, u: UnitRecord): Hold {
  return {
    id,
    saleId,
    seatId: u.s,
    seatIds: u.ss ?? [u.s],
    unitIds: u.m ?? [id],
    userId: u.u,
    state: u.st,
    expiresAt: u.x,
    extensions: u.e,
    reservationId: u.r === '' ? null : u.r
  }
}
