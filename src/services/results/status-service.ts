import { groupIdsOf, saleOf } from '../../domain/ids.ts'
import type { InventoryStore } from '../../domain/inventory-ports.ts'
import { formatAmount } from '../../domain/money.ts'
import type { BookingReader, BookingRecord, BookingStatus, RefundStatus } from '../../domain/result-ports.ts'
import { FcError } from '../../errors.ts'
import { holdIdOf } from '../sales/buyer-service.ts'

/** What `GET /v1/reservations/:id`, `GET /v1/claims/:id` and `GET /v1/me/reservations` answer per item. */
export interface BookingView {
  type: 'reservation' | 'claim'
  id: string
  status: BookingStatus
  saleId: string
  /** A reservation's first seat (kept for clients of one-seat holds). */
  seatId?: string
  /** Every seat of a reservation, `seatId` first: several for a hold of several seats. */
  seatIds?: string[]
  reason?: string
  /** Minor units of `currency`. */
  amount?: number
  /** ISO 4217 code of `amount`, present with it. */
  currency?: string
  /** `amount` written for the reader (`Intl.NumberFormat`, their Accept-Language): "₩60,000", "$19.99". */
  amountText?: string
  couponCode?: string
  refund?: RefundStatus
  createdAt?: string
  updatedAt?: string
}

/** Most items `GET /v1/me/reservations` lists. */
export const MY_BOOKINGS_LIMIT = 200

/**
 * Where a buyer's reservations and claims stand, for polling clients: PostgreSQL (the pipeline's
 * booking rows) first, and when the pipeline has not written one yet, the inventory core, where an
 * accepted request is a pending unit. A buyer sees only their own: another user's id is 403, an
 * unknown one 404 (a hold that expired before its confirm never became a reservation: 404 too).
 */
export class StatusService {
  readonly #bookings: BookingReader
  readonly #inventory: Pick<InventoryStore, 'getHold'>

  constructor(deps: { bookings: BookingReader; inventory: Pick<InventoryStore, 'getHold'> }) {
    this.#bookings = deps.bookings
    this.#inventory = deps.inventory
  }

  async reservation(userId: string, reservationId: string): Promise<BookingView> {
    const saleId = saleOf(reservationId, 'r')
    if (!saleId) throw notFound()
    const row = await this.#bookings.reservation(reservationId)
    if (row) {
      const found = own(userId, row)
      // A hold of several seats has one row per seat; the hold's own reservation lists them all.
      const group = groupIdsOf(reservationId)
      if (found.seatId !== undefined && group?.[0] === reservationId) {
        const seats = await this.#bookings.reservationSeats(group.slice(1))
        if (seats.size > 0) found.seatIds = [found.seatId, ...group.flatMap((id) => seats.get(id) ?? [])]
      }
      return found
    }
    const unit = await this.#inventory.getHold(saleId, holdIdOf(reservationId))
    // A held unit has not been confirmed: it is a hold, not (yet) a reservation.
    if (!unit || unit.state === 'held' || unit.reservationId !== reservationId) throw notFound()
    if (unit.userId !== userId) throw forbidden()
    return {
      type: 'reservation',
      id: reservationId,
      // No row yet: the pipeline has not settled it (it writes the row before Redis says sold).
      status: 'pending',
      saleId,
      seatId: unit.seatId,
      seatIds: unit.seatIds
    }
  }

  async claim(userId: string, claimId: string): Promise<BookingView> {
    const saleId = saleOf(claimId, 'c')
    if (!saleId) throw notFound()
    const row = await this.#bookings.claim(claimId)
    if (row) return own(userId, row)
    const unit = await this.#inventory.getHold(saleId, claimId)
    if (!unit) throw notFound()
    if (unit.userId !== userId) throw forbidden()
    return { type: 'claim', id: claimId, status: unit.state === 'sold' ? 'confirmed' : 'pending', saleId }
  }

  /** The caller's reservations and claims, newest first (at most {@link MY_BOOKINGS_LIMIT}). */
  async mine(userId: string): Promise<BookingView[]> {
    return folded((await this.#bookings.byUser(userId, MY_BOOKINGS_LIMIT)).map(view))
  }
}

function own(userId: string, row: BookingRecord): BookingView {
  if (row.userId !== userId) throw forbidden()
  return view(row)
}

function view(row: BookingRecord): BookingView {
  return {
    type: row.type,
    id: row.id,
    status: row.status,
    saleId: row.saleId,
    ...(row.seatId === null ? {} : { seatId: row.seatId, seatIds: [row.seatId] }),
    ...(row.reason === null ? {} : { reason: row.reason }),
    ...(row.amount === null
      ? {}
      : { amount: row.amount, ...(row.currency ? { currency: row.currency } : {}) }),
    ...(row.couponCode === null ? {} : { couponCode: row.couponCode }),
    ...(row.refund === null ? {} : { refund: row.refund }),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString()
  }
}

/**
 * One item per hold: the other seats' rows of a hold of several seats fold into the hold's own
 * reservation (its `seatIds`, in seat order). A row whose hold's own row is not in the list (past
 * the limit) stays an item of its own.
 */
function folded(items: BookingView[]): BookingView[] {
  const byId = new Map(items.map((v) => [v.id, v]))
  const folded = new Set<string>()
  for (const v of items) {
    if (v.type !== 'reservation' || v.seatId === undefined) continue
    const group = groupIdsOf(v.id)
    if (!group || group[0] !== v.id) continue
    const others = group.slice(1).flatMap((id) => {
      const other = byId.get(id)
      return other?.type === 'reservation' && other.seatId !== undefined ? [other] : []
    })
    if (others.length === 0) continue
    v.seatIds = [v.seatId, ...others.map((o) => o.seatId as string)]
    for (const o of others) folded.add(o.id)
  }
  return items.filter((v) => !folded.has(v.id))
}

/** The view with its amount written out in `locale` (a view without an amount is returned as it is). */
export function withAmountText(view: BookingView, locale: string): BookingView {
  if (view.amount === undefined || view.currency === undefined) return view
  return { ...view, amountText: formatAmount(view.amount, view.currency, locale) }
}

function notFound(): FcError {
  return new FcError('FC_NOT_FOUND', 'No such reservation or claim')
}

function forbidden(): FcError {
  return new FcError('FC_FORBIDDEN', 'This belongs to another user')
}
