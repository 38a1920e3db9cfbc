import { createHash } from 'node:crypto'
import type { Pool } from 'pg'
import {
  type BookingRow,
  type BookingStart,
  type BookingStore,
  type ClaimRow,
  type ReservationStatus,
  SEAT_ALREADY_BOOKED,
  type SettledBooking
} from '../../domain/pipeline-ports.ts'
import { sql } from './sql.ts'

/** PostgreSQL's unique_violation. */
const UNIQUE_VIOLATION = '23505'
/** I1 in the database: the partial unique index "one confirmed reservation per seat". */
const ONE_CONFIRMED_PER_SEAT = 'reservations_one_confirmed_per_seat'

export { SEAT_ALREADY_BOOKED }

interface StatusRow {
  id: string
  status: ReservationStatus
}

/**
 * The coupon code of a claim: derived from the claim id, so a replayed issue produces the same
 * code and conflicts with itself instead of handing out a second one.
 */
export function couponCodeOf(claimId: string): string {
  return `FC-${createHash('sha256').update(claimId).digest('base64url').slice(0, 16).toUpperCase()}`
}

/**
 * {@link BookingStore} on PostgreSQL. Every write is one set-based statement per batch (unnest
 * arrays), idempotent by primary key, so a batch Kafka delivers again is absorbed. A booking costs
 * two statements per batch: {@link begin} (a narrow attempt row, before charging) and
 * {@link settle} (the reservation in its final state, its payment, its outbox row and its webhook
 * event, written once with plain inserts: no row is ever inserted in a state it has to be updated
 * out of).
 */
export class PgBookingStore implements BookingStore {
  readonly #pool: Pool
  readonly #resultsTopic: string

  /** `resultsTopic` is where the outbox relay publishes the outcomes written here. */
  constructor(pool: Pool, resultsTopic: string) {
    this.#pool = pool
    this.#resultsTopic = resultsTopic
  }

  async begin(rows: readonly BookingRow[]): Promise<BookingStart> {
    const recorded = new Map<string, ReservationStatus>()
    const seatTaken = new Set<string>()
    if (rows.length === 0) return { recorded, seatTaken }
    const { rows: out } = await this.#pool.query<{
      id: string
      claimed: boolean
      status: ReservationStatus | null
      seat_taken: boolean
    }>(sql('claim-booking-attempts'), [
      rows.map((r) => r.reservationId),
      rows.map((r) => r.saleId),
      rows.map((r) => r.seatId)
    ])
    const unclaimed: string[] = []
    for (const r of out) {
      if (r.seat_taken) seatTaken.add(r.id)
      if (r.claimed) continue
      if (r.status !== null) recorded.set(r.id, r.status)
      else unclaimed.push(r.id)
    }
    // Started on before and without a row in this statement's snapshot: a replay whose first
    // delivery never wrote its outcome, or the reconciler's fence, which may have committed while
    // the attempt insert waited on it. A fresh snapshot tells them apart (rare path).
    if (unclaimed.length > 0) {
      const { rows: now } = await this.#pool.query<StatusRow>(sql('select-reservation-statuses'), [unclaimed])
      for (const r of now) recorded.set(r.id, r.status)
    }
    return { recorded, seatTaken }
  }

  async discard(reservationIds: readonly string[]): Promise<void> {
    if (reservationIds.length === 0) return
    await this.#pool.query(sql('discard-booking-attempts'), [[...reservationIds]])
  }

  async settle(bookings: readonly SettledBooking[], at: Date): Promise<Map<string, ReservationStatus>> {
    if (bookings.length === 0) return new Map()
    try {
      // The common case: begin() claimed every one of them, so none has a row: plain inserts.
      return await this.#write('insert-reservations', bookings, at)
    } catch (err) {
      if (!isUniqueViolation(err)) throw err
      if (!isOneConfirmedViolation(err)) {
        // A row existed after all (a pending one from before migration 0005, or a concurrent
        // writer): the statement rolled back as a whole; the idempotent one decides.
        try {
          return await this.#write('settle-reservations', bookings, at)
        } catch (again) {
          if (!isOneConfirmedViolation(again)) throw again
        }
      }
    }
    // Some reservation would be a second confirmed booking of its seat. The set-based statement
    // rolled back as a whole; settle one hold at a time so only the offender ends failed (rare
    // path: the inventory core gives a seat one holder, and begin() already failed seats confirmed
    // before). The rows of a hold of several seats go together: one seat taken fails them all.
    // The offender keeps its payment row: the charge was made and the record must say so.
    const holds = new Map<string, SettledBooking[]>()
    for (const booking of bookings) {
      const key = booking.group ?? booking.reservationId
      holds.set(key, [...(holds.get(key) ?? []), booking])
    }
    const statuses = new Map<string, ReservationStatus>()
    for (const rows of holds.values()) {
      let settled: Map<string, ReservationStatus>
      try {
        settled = await this.#write('settle-reservations', rows, at)
      } catch (err) {
        if (!isOneConfirmedViolation(err)) throw err
        settled = await this.#write(
          'settle-reservations',
          rows.map((b) => ({ ...b, status: 'failed' as const, reason: SEAT_ALREADY_BOOKED })),
          at
        )
      }
      for (const [id, status] of settled) statuses.set(id, status)
    }
    return statuses
  }

  async #write(
    statement: 'insert-reservations' | 'settle-reservations',
    bookings: readonly SettledBooking[],
    at: Date
  ): Promise<Map<string, ReservationStatus>> {
    const { rows } = await this.#pool.query<StatusRow>(sql(statement), [
      bookings.map((b) => b.reservationId),
      bookings.map((b) => b.saleId),
      bookings.map((b) => b.holdId),
      bookings.map((b) => b.seatId),
      bookings.map((b) => b.userId),
      bookings.map((b) => b.amount),
      bookings.map((b) => b.status),
      bookings.map((b) => b.reason ?? null),
      bookings.map((b) => b.payment?.status ?? null),
      bookings.map((b) => b.payment?.providerRef ?? null),
      this.#resultsTopic,
      at.toISOString(),
      bookings.map((b) => b.group !== undefined),
      bookings.map((b) => b.group ?? null)
    ])
    return new Map(rows.map((r) => [r.id, r.status]))
  }

  async settleClaims(
    claims: readonly ClaimRow[],
    outcome: { status: 'confirmed' } | { status: 'failed'; reason: string },
    at: Date
  ): Promise<Map<string, 'confirmed' | 'failed'>> {
    if (claims.length === 0) return new Map()
    const confirmed = outcome.status === 'confirmed'
    const { rows } = await this.#pool.query<{ id: string; status: 'confirmed' | 'failed' }>(
      sql('insert-claims'),
      [
        claims.map((c) => c.claimId),
        claims.map((c) => c.saleId),
        claims.map((c) => c.userId),
        claims.map(() => outcome.status),
        claims.map((c) => (confirmed ? couponCodeOf(c.claimId) : null)),
        claims.map(() => (outcome.status === 'failed' ? outcome.reason : null)),
        this.#resultsTopic,
        at.toISOString()
      ]
    )
    return new Map(rows.map((r) => [r.id, r.status]))
  }
}

function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string }).code === UNIQUE_VIOLATION
}

function isOneConfirmedViolation(err: unknown): boolean {
  return isUniqueViolation(err) && (err as { constraint?: string }).constraint === ONE_CONFIRMED_PER_SEAT
}
