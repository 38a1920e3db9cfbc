/**
 * The ports of results back to the buyer (status reads, the results topic) and of the reconciler.
 * Adapters implement them; the status service, the result hub and the reconciler depend only on
 * these.
 */
import type { StockCounts } from './sale.ts'

/**
 * A booking outcome as announced on `<prefix>.results` (keyed by user id): written to the outbox in
 * the transaction that decided it, published by the relay, fanned out by every API process.
 * Delivery is at-least-once: receivers dedupe by `id`.
 */
export interface ResultEvent {
  v: 1
  type: 'reservation' | 'claim'
  /** The reservation or claim id the buyer got with their 202: the correlation id. */
  id: string
  saleId: string
  userId: string
  status: 'confirmed' | 'failed'
  reason?: string
  couponCode?: string
  /** A failed reservation that may have been charged: a refund is owed (see `GET /v1/reservations/:id`). */
  refund?: 'due'
  /** When the outcome was decided (ISO 8601). */
  at: string
}

/** Where a reservation or claim stands, as a buyer sees it. */
export type BookingStatus = 'pending' | 'confirmed' | 'failed' | 'expired' | 'cancelled'

/** A reservation or coupon claim as the source of truth records it. */
export interface BookingRecord {
  type: 'reservation' | 'claim'
  id: string
  saleId: string
  userId: string
  seatId: string | null
  status: BookingStatus
  reason: string | null
  /** Minor units of `currency`; null for a claim (and a reservation without a row yet). */
  amount: number | null
  /** ISO 4217 code of the sale, with an amount; null without one. */
  currency: string | null
  couponCode: string | null
  /** Where the refund of a failed reservation that may have been charged stands; null: none owed. */
  refund: RefundStatus | null
  createdAt: Date
  updatedAt: Date
}

/** `due` until the provider settled it; `nothing_charged` when it had captured nothing. */
export type RefundStatus = 'due' | 'refunded' | 'nothing_charged'

/** PostgreSQL: reads of reservations and claims for their buyers. */
export interface BookingReader {
  reservation(id: string): Promise<BookingRecord | undefined>
  claim(id: string): Promise<BookingRecord | undefined>
  /**
   * A buyer's bookings, newest first: booking rows, plus units the inventory core accepted that
   * have no booking row yet (reported `pending`).
   */
  byUser(userId: string, limit: number): Promise<BookingRecord[]>
  /** The seat of each of these reservations that has a row (the other seats of a hold of several). */
  reservationSeats(ids: readonly string[]): Promise<Map<string, string>>
}

/** A unit that went pending and was never picked up by the pipeline. */
export interface StaleUnit {
  unitId: string
  seatId: string | null
  userId: string
  /** The reservation id (seat holds) or the claim id (coupons). */
  bookingId: string
}

/** PostgreSQL: what the reconciler asks the source of truth beyond the warm-up snapshot. */
export interface StaleUnitStore {
  /** Pending units older than `graceMs` with no booking row. */
  stalePending(saleId: string, graceMs: number): Promise<StaleUnit[]>
  /**
   * Records the unit's booking as failed with its result event, in one statement. This is the
   * fence against a late booking request: false when a booking row already existed (the
   * pipeline got there first and decides the outcome).
   */
  failStale(saleId: string, unit: StaleUnit, reason: string, at: Date): Promise<boolean>
}

/** One live unit as Redis holds it. */
export interface ImageUnit {
  seatId: string | null
  userId: string
  state: 'held' | 'pending' | 'sold'
}

/**
 * A sale's inventory in Redis. The counters, `warm` and `ledgerId` are read together at the end;
 * seats, units and users are read in pages before that, without holding Redis, so an entry that
 * changed meanwhile (one a ledger entry after `readFrom` names) may show any value it had then.
 */
export interface InventoryImage {
  warm: boolean
  counts: StockCounts
  /** seatId -> the stored value: `A`, or the state letter and the unit id (`H<holdId>`, ...). */
  seats: Map<string, string>
  units: Map<string, ImageUnit>
  /** userId -> units counted against the per-user limit. */
  users: Map<string, number>
  /** The ledger stream's last generated id when the image was complete ('0-0' when none): a version. */
  ledgerId: string
  /**
   * The ledger's last id when the read began: entries of seats, units and users named by a ledger
   * entry after it are not comparable. '0-0' when a warm-up replaced the inventory during the read.
   */
  readFrom: string
}

/** Redis: what the reconciler reads. */
export interface InventoryAudit {
  image(saleId: string): Promise<InventoryImage>
  /** True while the sale's ledger stream still holds entries up to `ledgerId` (not yet in PostgreSQL). */
  ledgerHoldsUpTo(saleId: string, ledgerId: string): Promise<boolean>
}
