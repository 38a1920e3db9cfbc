import type { Pool, PoolClient } from 'pg'
import type { CancelDecision, CancellationStore } from '../../domain/cancellation-ports.ts'
import { transaction } from './pool.ts'
import { sql } from './sql.ts'

interface Cancellable {
  id: string
  sale_id: string
  user_id: string
  status: string
  confirmed_at: Date
  cancelled_at: Date | null
  cancel_window_sec: number
  now: Date
}

/**
 * {@link CancellationStore} on PostgreSQL. The booking's row is locked (`FOR UPDATE`) while the
 * decision is made and written, so of many concurrent cancels one cancels and the others find it
 * cancelled: one refund, one webhook event.
 */
export class PgCancellationStore implements CancellationStore {
  readonly #pool: Pool

  constructor(pool: Pool) {
    this.#pool = pool
  }

  async cancelReservation(a: {
    reservationId: string
    group: readonly string[]
    userId: string
    reason: string
  }): Promise<CancelDecision & { leadId?: string }> {
    // The id may be one of a hold of several seats (its form says it could be): the group is the
    // ids of that form that exist, led by the first, which carries the payment.
    let ids = [a.reservationId]
    if (a.group.includes(a.reservationId)) {
      const { rows } = await this.#pool.query<{ id: string }>(sql('select-reservation-statuses'), [
        [...a.group]
      ])
      const found = new Set(rows.map((r) => r.id))
      if (found.has(a.reservationId) && found.size > 1) ids = a.group.filter((id) => found.has(id))
    }
    const leadId = ids[0] as string
    const decision = await this.#cancel(leadId, ids, a.userId, a.reason)
    return { ...decision, leadId }
  }

  async #cancel(
    leadId: string,
    reservationIds: readonly string[],
    userId: string,
    reason: string
  ): Promise<CancelDecision> {
    const a = { reservationIds, userId, reason }
    return transaction(this.#pool, async (client) => {
      const { rows } = await client.query<Cancellable & { amount: number; currency: string }>(
        sql('select-cancellable-reservation'),
        [leadId]
      )
      const lead = rows[0]
      const early = decide(lead, a.userId)
      if (early || !lead) return early ?? { outcome: 'not_found' }
      const { rows: cancelled } = await client.query<{ id: string; seat_id: string; cancelled_at: Date }>(
        sql('cancel-reservations'),
        [[...a.reservationIds], a.reason]
      )
      await client.query(sql('insert-refund'), [lead.id, lead.sale_id, lead.user_id, lead.amount])
      const bySeat = new Map(cancelled.map((r) => [r.id, r.seat_id]))
      await recordEvent(client, `reservation.cancelled:${lead.id}`, 'reservation.cancelled', lead.sale_id, {
        saleId: lead.sale_id,
        userId: lead.user_id,
        reservationId: lead.id,
        seatIds: a.reservationIds.flatMap((id) => bySeat.get(id) ?? []),
        amount: lead.amount,
        currency: lead.currency,
        reason: a.reason
      })
      return {
        outcome: 'cancelled',
        saleId: lead.sale_id,
        cancelledAt: cancelled[0]?.cancelled_at ?? lead.now,
        fresh: true
      }
    })
  }

  async cancelClaim(a: { claimId: string; userId: string; reason: string }): Promise<CancelDecision> {
    return transaction(this.#pool, async (client) => {
      const { rows } = await client.query<Cancellable>(sql('select-cancellable-claim'), [a.claimId])
      const claim = rows[0]
      const early = decide(claim, a.userId)
      if (early || !claim) return early ?? { outcome: 'not_found' }
      const { rows: done } = await client.query<{ cancelled_at: Date }>(sql('cancel-claim'), [
        a.claimId,
        a.reason
      ])
      return {
        outcome: 'cancelled',
        saleId: claim.sale_id,
        cancelledAt: done[0]?.cancelled_at ?? claim.now,
        fresh: true
      }
    })
  }

  async setCancelWindow(saleId: string, seconds: number): Promise<boolean> {
    const { rowCount } = await this.#pool.query(sql('update-sale-cancel-window'), [saleId, seconds])
    return rowCount === 1
  }
}

/** The decision when the row alone settles it (everything but "cancel it now"), else undefined. */
function decide(row: Cancellable | undefined, userId: string): CancelDecision | undefined {
  if (!row || row.user_id !== userId) return { outcome: 'not_found' }
  if (row.status === 'cancelled')
    return {
      outcome: 'cancelled',
      saleId: row.sale_id,
      cancelledAt: row.cancelled_at ?? row.now,
      fresh: false
    }
  if (row.status !== 'confirmed') return { outcome: 'not_confirmed' }
  if (row.cancel_window_sec <= 0) return { outcome: 'not_cancellable' }
  if (row.now.getTime() > row.confirmed_at.getTime() + row.cancel_window_sec * 1000)
    return { outcome: 'window_closed' }
  return undefined
}

/** The webhook outbox row of a change (`insert-webhook-event`, the shared event contract). */
async function recordEvent(
  client: PoolClient,
  id: string,
  type: string,
  saleId: string,
  data: Record<string, unknown>
): Promise<void> {
  await client.query(sql('insert-webhook-event'), [id, type, saleId, JSON.stringify(data)])
}
