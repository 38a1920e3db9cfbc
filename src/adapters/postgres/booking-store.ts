import { createHash } from 'node:crypto'
import type { Pool } from 'pg'
import type {
  BookingOutcome,
  BookingRow,
  BookingStore,
  ClaimRow,
  ReservationStatus
} from '../../domain/pipeline-ports.ts'
import { sql } from './sql.ts'

/** PostgreSQL's unique_violation. */
const UNIQUE_VIOLATION = '23505'
/** I1 in the database: the partial unique index "one confirmed reservation per seat". */
const ONE_CONFIRMED_PER_SEAT = 'reservations_one_confirmed_per_seat'

/** The reason recorded when confirming would have booked a seat twice. */
export const SEAT_ALREADY_BOOKED = 'seat already booked by another reservation'

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
 * arrays), idempotent by primary key, so a batch Kafka delivers again is absorbed.
 */
export class PgBookingStore implements BookingStore {
  readonly #pool: Pool
  readonly #resultsTopic: string

  /** `resultsTopic` is where the outbox relay publishes the outcomes written here. */
  constructor(pool: Pool, resultsTopic: string) {
    this.#pool = pool
    this.#resultsTopic = resultsTopic
  }

  async insertPending(rows: readonly BookingRow[]): Promise<Map<string, ReservationStatus>> {
    if (rows.length === 0) return new Map()
    const { rows: out } = await this.#pool.query<StatusRow>(sql('insert-pending-reservations'), [
      rows.map((r) => r.reservationId),
      rows.map((r) => r.saleId),
      rows.map((r) => r.holdId),
      rows.map((r) => r.seatId),
      rows.map((r) => r.userId),
      rows.map((r) => r.amount)
    ])
    return new Map(out.map((r) => [r.id, r.status]))
  }

  async discardPending(reservationIds: readonly string[]): Promise<void> {
    if (reservationIds.length === 0) return
    await this.#pool.query(sql('delete-pending-reservations'), [[...reservationIds]])
  }

  async complete(outcomes: readonly BookingOutcome[], at: Date): Promise<Map<string, ReservationStatus>> {
    if (outcomes.length === 0) return new Map()
    try {
      return await this.#complete(outcomes, at)
    } catch (err) {
      if (!isOneConfirmedViolation(err)) throw err
    }
    // Some reservation would be a second confirmed booking of its seat. The set-based statement
    // rolled back as a whole; settle one by one so only the offender ends failed (rare path).
    const statuses = new Map<string, ReservationStatus>()
    for (const outcome of outcomes) {
      let settled: Map<string, ReservationStatus>
      try {
        settled = await this.#complete([outcome], at)
      } catch (err) {
        if (!isOneConfirmedViolation(err)) throw err
        settled = await this.#complete([{ ...outcome, status: 'failed', reason: SEAT_ALREADY_BOOKED }], at)
      }
      for (const [id, status] of settled) statuses.set(id, status)
    }
    return statuses
  }

  async #complete(outcomes: readonly BookingOutcome[], at: Date): Promise<Map<string, ReservationStatus>> {
    const { rows } = await this.#pool.query<StatusRow>(sql('complete-reservations'), [
      outcomes.map((o) => o.reservationId),
      outcomes.map((o) => o.status),
      outcomes.map((o) => o.reason ?? null),
      outcomes.map((o) => o.payment?.status ?? null),
      outcomes.map((o) => o.payment?.providerRef ?? null),
      this.#resultsTopic,
      at.toISOString()
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

function isOneConfirmedViolation(err: unknown): boolean {
  const e = err as { code?: string; constraint?: string }
  return e.code === UNIQUE_VIOLATION && e.constraint === ONE_CONFIRMED_PER_SEAT
}
