import type { Pool } from 'pg'
import type { DueRefund, RefundCounts, RefundStore } from '../../domain/pipeline-ports.ts'
import { transaction } from './pool.ts'
import { sql } from './sql.ts'

interface DueRow {
  reservation_id: string
  sale_id: string
  user_id: string
  amount: number
  attempts: number
  provider_ref: string | null
}

interface FinishedRow {
  reservation_id: string
  sale_id: string
  user_id: string
  amount: number
  status: string
  currency: string | null
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
    // The refund and its webhook event (refund.completed) commit together, or neither does.
    await transaction(this.#pool, async (client) => {
      const { rows } = await client.query<FinishedRow>(sql('finish-refund'), [
        reservationId,
        outcome.status,
        outcome.status === 'refunded' ? outcome.providerRef : null
      ])
      const done = rows[0]
      if (done === undefined || done.status !== 'refunded') return
      await client.query(sql('insert-webhook-event'), [
        `refund.completed:${done.reservation_id}`,
        'refund.completed',
        done.sale_id,
        JSON.stringify({
          saleId: done.sale_id,
          userId: done.user_id,
          reservationId: done.reservation_id,
          amount: done.amount,
          currency: done.currency
        })
      ])
    })
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
