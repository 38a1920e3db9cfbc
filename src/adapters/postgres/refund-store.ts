import type { Pool } from 'pg'
import type { DueRefund, RefundCounts, RefundStore } from '../../domain/pipeline-ports.ts'
import { sql } from './sql.ts'

interface DueRow {
  reservation_id: string
  sale_id: string
  user_id: string
  amount: number
  attempts: number
  provider_ref: string | null
}

/** PostgreSQL implementation of {@link RefundStore} (table `refunds`, migration 0006). */
export class PgRefundStore implements RefundStore {
  readonly #pool: Pool

  constructor(pool: Pool) {
    this.#pool = pool
  }

  async claimDue(limit: number, leaseMs: number): Promise<DueRefund[]> {
    const { rows } = await this.#pool.query<DueRow>(sql('claim-due-refunds'), [limit, leaseMs])
    return rows.map((r) => ({
      reservationId: r.reservation_id,
      saleId: r.sale_id,
      userId: r.user_id,
      amount: r.amount,
      attempts: r.attempts,
      providerRef: r.provider_ref
    }))
  }

  async finish(
    reservationId: string,
    outcome: { status: 'refunded'; providerRef: string } | { status: 'nothing_charged' }
  ): Promise<void> {
    await this.#pool.query(sql('finish-refund'), [
      reservationId,
      outcome.status,
      outcome.status === 'refunded' ? outcome.providerRef : null
    ])
  }

  async retryLater(reservationId: string, error: string, delayMs: number): Promise<void> {
    await this.#pool.query(sql('retry-refund'), [reservationId, error, delayMs])
  }

  async counts(saleId?: string): Promise<RefundCounts> {
    const { rows } = await this.#pool.query<{ status: string; n: number }>(sql('count-refunds'), [
      saleId ?? null
    ])
    const n = (status: string) => rows.find((r) => r.status === status)?.n ?? 0
    return { due: n('due'), refunded: n('refunded'), nothingCharged: n('nothing_charged') }
  }
}
