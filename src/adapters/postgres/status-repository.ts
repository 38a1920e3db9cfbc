import type { Pool } from 'pg'
import type {
  BookingReader,
  BookingRecord,
  BookingStatus,
  RefundStatus,
  StaleUnit,
  StaleUnitStore
} from '../../domain/result-ports.ts'
import { sql } from './sql.ts'

interface BookingRow {
  type: 'reservation' | 'claim'
  id: string
  sale_id: string
  user_id?: string
  seat_id: string | null
  status: BookingStatus
  reason: string | null
  amount: number | null
  currency: string | null
  coupon_code: string | null
  refund: RefundStatus | null
  created_at: Date
  updated_at: Date
}

/**
 * PostgreSQL reads of reservations and claims for their buyers, and the reconciler's queries for
 * pending units nobody will finish (with the fence that settles them).
 */
export class PgStatusRepository implements BookingReader, StaleUnitStore {
  readonly #pool: Pool
  readonly #resultsTopic: string

  /** `resultsTopic` is where a settled stale unit's result is announced (through the outbox). */
  constructor(pool: Pool, resultsTopic: string) {
    this.#pool = pool
    this.#resultsTopic = resultsTopic
  }

  async reservation(id: string): Promise<BookingRecord | undefined> {
    const { rows } = await this.#pool.query<
      Omit<BookingRow, 'type' | 'reason' | 'coupon_code'> & {
        failure_reason: string | null
      }
    >(sql('select-reservation'), [id])
    const r = rows[0]
    if (!r) return undefined
    return toRecord({ ...r, type: 'reservation', reason: r.failure_reason, coupon_code: null })
  }

  async claim(id: string): Promise<BookingRecord | undefined> {
    const { rows } = await this.#pool.query<
      Omit<BookingRow, 'type' | 'reason' | 'seat_id' | 'amount' | 'currency' | 'refund'> & {
        failure_reason: string | null
      }
    >(sql('select-claim'), [id])
    const r = rows[0]
    if (!r) return undefined
    return toRecord({
      ...r,
      type: 'claim',
      seat_id: null,
      amount: null,
      currency: null,
      reason: r.failure_reason,
      refund: null
    })
  }

  async byUser(userId: string, limit: number): Promise<BookingRecord[]> {
    const { rows } = await this.#pool.query<BookingRow>(sql('select-bookings-by-user'), [userId, limit])
    return rows.map((r) => toRecord({ ...r, user_id: userId }))
  }

  async reservationSeats(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map()
    const { rows } = await this.#pool.query<{ id: string; seat_id: string }>(
      sql('select-reservation-seats'),
      [[...ids]]
    )
    return new Map(rows.map((r) => [r.id, r.seat_id]))
  }

  async stalePending(saleId: string, graceMs: number): Promise<StaleUnit[]> {
    const { rows } = await this.#pool.query<{
      id: string
      seat_id: string | null
      user_id: string
      reservation_id: string | null
    }>(sql('select-stale-pending'), [saleId, graceMs])
    return rows.map((r) => ({
      unitId: r.id,
      seatId: r.seat_id,
      userId: r.user_id,
      // A claim's unit is its own booking id; a seat hold learnt its reservation id going pending.
      bookingId: r.reservation_id ?? r.id
    }))
  }

  async failStale(saleId: string, unit: StaleUnit, reason: string, at: Date): Promise<boolean> {
    const { rowCount } =
      unit.seatId === null
        ? await this.#pool.query(sql('fail-stale-claim'), [
            unit.bookingId,
            saleId,
            unit.userId,
            reason,
            this.#resultsTopic,
            at.toISOString()
          ])
        : await this.#pool.query(sql('fail-stale-reservation'), [
            unit.bookingId,
            saleId,
            unit.unitId,
            unit.seatId,
            unit.userId,
            reason,
            this.#resultsTopic,
            at.toISOString()
          ])
    return rowCount === 1
  }
}

function toRecord(r: BookingRow): BookingRecord {
  return {
    type: r.type,
    id: r.id,
    saleId: r.sale_id,
    userId: r.user_id ?? '',
    seatId: r.seat_id,
    status: r.status,
    reason: r.reason,
    amount: r.amount,
    currency: r.amount === null ? null : r.currency,
    couponCode: r.coupon_code,
    refund: r.refund ?? null,
    createdAt: r.created_at,
    updatedAt: r.updated_at
  }
}
