import type { Pool } from 'pg'
import type { NoticeStatus, PaymentNotice, PaymentNoticeStore } from '../../domain/payment-ports.ts'
import { sql } from './sql.ts'

interface NoticeRow {
  event_id: string
  order_id: string
  status: NoticeStatus
  payment_key: string | null
  amount: number
  currency: string
}

/** {@link PaymentNoticeStore} on PostgreSQL (table `payment_notices`, migration 0022). */
export class PgPaymentNoticeStore implements PaymentNoticeStore {
  readonly #pool: Pool

  constructor(pool: Pool) {
    this.#pool = pool
  }

  async record(notice: PaymentNotice): Promise<boolean> {
    const { rowCount } = await this.#pool.query(sql('insert-payment-notice'), [
      notice.eventId,
      notice.orderId,
      notice.status,
      notice.paymentKey,
      notice.amount,
      notice.currency
    ])
    return rowCount === 1
  }

  async latest(orderId: string): Promise<PaymentNotice | undefined> {
    const { rows } = await this.#pool.query<NoticeRow>(sql('select-payment-notice'), [orderId])
    const r = rows[0]
    if (!r) return undefined
    return {
      eventId: r.event_id,
      orderId: r.order_id,
      status: r.status,
      paymentKey: r.payment_key,
      amount: r.amount,
      currency: r.currency
    }
  }
}
