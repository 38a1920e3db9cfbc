/**
 * Buyers cancel confirmed bookings within the sale's window: PostgreSQL first (cancelled, refund
 * due, `reservation.cancelled` event, one transaction), then the unit goes back to stock in one
 * script. Refunds are paid by the provider (the fake, over HTTP), once. Owner only, idempotent,
 * exact under concurrency: many cancels of one booking refund once; many holds racing the cancel
 * for the returned seat leave exactly one holder.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PgCancellationStore } from '../../../src/adapters/postgres/cancellation-store.ts'
import { reservationIdOf } from '../../../src/services/sales/buyer-service.ts'
import { type FakeProvider, startFakeProvider } from '../../../tools/payment-provider/fake-provider.ts'
import {
  buyerRequest,
  couponSale,
  createHarness,
  type Harness,
  liftUserLimits,
  seatedSale
} from '../../support/harness.ts'

let h: Harness
let fake: FakeProvider

beforeAll(async () => {
  fake = await startFakeProvider()
  fake.setDefault({ callback: 'none' })
  h = await createHarness({
    FC_PAYMENT_PROVIDER: 'http',
    FC_PAYMENT_URL: fake.url,
    FC_PAYMENT_SECRET_KEY: fake.secretKey,
    FC_PAYMENT_CALLBACK_SECRET: fake.callbackSecret
  })
})
afterAll(async () => {
  await h?.close()
  await fake?.close()
})

const statusOf = async (id: string) =>
  (await h.pool.query<{ status: string }>('SELECT status FROM reservations WHERE id = $1', [id])).rows[0]
    ?.status

/** Holds `seatId` for `userId` and confirms it; resolves once the booking is confirmed. */
async function book(saleId: string, userId: string, seatId: string): Promise<string> {
  const access = (await h.admit(saleId, [userId])).get(userId)
  const hold = await buyerRequest(h, 'POST', `/v1/events/${saleId}/holds`, userId, access, { seatId })
  expect(hold.status, JSON.stringify(hold.body)).toBe(201)
  const reservationId = reservationIdOf(hold.body.holdId as string)
  const confirm = await buyerRequest(h, 'POST', `/v1/holds/${hold.body.holdId}/confirm`, userId, access, {
    payment: { key: fake.authorize(reservationId, 5000, 'KRW') }
  })
  expect(confirm.status).toBe(202)
  await expect.poll(() => statusOf(reservationId), { timeout: 20_000, interval: 50 }).toBe('confirmed')
  return reservationId
}

const cancel = (userId: string, reservationId: string) =>
  buyerRequest(h, 'POST', `/v1/reservations/${reservationId}/cancel`, userId)

const seatState = async (saleId: string, seatId: string) => {
  const res = await h.rt.app.inject({ method: 'GET', url: `/v1/events/${saleId}/seats` })
  return (res.json() as { seats: Array<{ id: string; state: string }> }).seats.find((s) => s.id === seatId)
    ?.state
}

const refundsOf = async (reservationId: string) =>
  (
    await h.pool.query<{ status: string; amount: number }>(
      'SELECT status, amount FROM refunds WHERE reservation_id = $1',
      [reservationId]
    )
  ).rows

const settleRefunds = async () => {
  while ((await h.rt.refunds.runOnce()) > 0) {}
}

describe('cancelling a reservation', () => {
  it('returns the seat to stock, shows it free, refunds through the provider, records the event', async () => {
    const saleId = await h.createSale(seatedSale(1, 4, { cancelWindowSec: 600 }))
    const reservationId = await book(saleId, 'c1', 'A-1-1')
    expect(await h.inventory.counts(saleId)).toMatchObject({ available: 3, confirmed: 1 })
    expect(await seatState(saleId, 'A-1-1')).toBe('sold')

    const res = await cancel('c1', reservationId)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body).toEqual({ reservationId, status: 'cancelled', cancelledAt: expect.any(String) })
    expect(await statusOf(reservationId)).toBe('cancelled')
    expect(await h.inventory.counts(saleId)).toMatchObject({
      available: 4,
      held: 0,
      pending: 0,
      confirmed: 0
    })
    await expect.poll(() => seatState(saleId, 'A-1-1'), { timeout: 10_000 }).toBe('available')
    const view = await buyerRequest(h, 'GET', `/v1/reservations/${reservationId}`, 'c1')
    expect(view.body).toMatchObject({ status: 'cancelled' })

    expect(await refundsOf(reservationId)).toEqual([{ status: 'due', amount: 5000 }])
    await settleRefunds()
    expect(await refundsOf(reservationId)).toEqual([{ status: 'refunded', amount: 5000 }])
    expect(fake.charges(reservationId)).toBe(1)
    expect(fake.refunds(reservationId)).toBe(1)

    // The booking's whole story, one event each: confirmed, cancelled, refunded.
    const events = await h.pool.query(
      'SELECT id, type, sale_id, data FROM webhook_events WHERE sale_id = $1 ORDER BY occurred_at, id',
      [saleId]
    )
    expect(events.rows.map((e) => e.type)).toEqual([
      'reservation.confirmed',
      'reservation.cancelled',
      'refund.completed'
    ])
    expect(events.rows.filter((e) => e.type === 'reservation.cancelled')).toEqual([
      {
        id: `reservation.cancelled:${reservationId}`,
        type: 'reservation.cancelled',
        sale_id: saleId,
        data: {
          saleId,
          userId: 'c1',
          reservationId,
          seatIds: ['A-1-1'],
          amount: 5000,
          currency: 'KRW',
          reason: 'cancelled by the buyer'
        }
      }
    ])
    // The reconciler agrees: a cancelled booking is free stock, nothing to repair.
    const report = await h.rt.results.reconciler.reconcile(saleId)
    expect(report.drift).toEqual([])
    expect(report.repaired).toBe(false)
    // The seat can be bought again.
    const again = await book(saleId, 'c2', 'A-1-1')
    expect(await statusOf(again)).toBe('confirmed')
  })

  it('a hold of several seats is cancelled as a whole, by any of its reservation ids', async () => {
    const saleId = await h.createSale(seatedSale(1, 4, { cancelWindowSec: 600, perUserLimit: 4 }))
    const access = (await h.admit(saleId, ['g1'])).get('g1')
    const hold = await buyerRequest(h, 'POST', `/v1/events/${saleId}/holds`, 'g1', access, {
      seatIds: ['A-1-1', 'A-1-2']
    })
    expect(hold.status, JSON.stringify(hold.body)).toBe(201)
    const lead = reservationIdOf(hold.body.holdId as string)
    await buyerRequest(h, 'POST', `/v1/holds/${hold.body.holdId}/confirm`, 'g1', access, {
      payment: { key: fake.authorize(lead, 10_000, 'KRW') }
    })
    await expect.poll(() => statusOf(lead), { timeout: 20_000 }).toBe('confirmed')
    const { rows } = await h.pool.query<{ id: string }>(
      'SELECT id FROM reservations WHERE sale_id = $1 AND id <> $2',
      [saleId, lead]
    )
    const member = rows[0]?.id as string
    expect(await h.inventory.counts(saleId)).toMatchObject({ available: 2, confirmed: 2 })

    const res = await cancel('g1', member)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body).toMatchObject({ reservationId: lead, status: 'cancelled' })
    expect(await statusOf(lead)).toBe('cancelled')
    expect(await statusOf(member)).toBe('cancelled')
    expect(await h.inventory.counts(saleId)).toMatchObject({ available: 4, confirmed: 0 })
    expect(await refundsOf(lead)).toEqual([{ status: 'due', amount: 10_000 }])
    expect(await refundsOf(member)).toEqual([])
    const event = await h.pool.query<{ data: { seatIds: string[] } }>(
      'SELECT data FROM webhook_events WHERE id = $1',
      [`reservation.cancelled:${lead}`]
    )
    expect(event.rows[0]?.data.seatIds).toEqual(['A-1-1', 'A-1-2'])
    expect((await cancel('g1', lead)).body).toEqual(res.body)
  })

  it('only by its owner: anyone else hears "not found" and nothing changes', async () => {
    const saleId = await h.createSale(seatedSale(1, 2, { cancelWindowSec: 600 }))
    const reservationId = await book(saleId, 'o1', 'A-1-1')
    const other = await cancel('o2', reservationId)
    expect(other.status).toBe(404)
    expect(other.body).toMatchObject({ code: 'FC_NOT_FOUND' })
    const missing = await cancel('o2', `${saleId}.r${'0'.repeat(16)}`)
    expect(missing.status).toBe(404)
    expect(missing.body.message).toBe(other.body.message)
    expect(await statusOf(reservationId)).toBe('confirmed')
    expect(await h.inventory.counts(saleId)).toMatchObject({ confirmed: 1 })
  })

  it('refused after the window, on a sale that does not allow it, and when not confirmed', async () => {
    const saleId = await h.createSale(seatedSale(1, 4, { cancelWindowSec: 60 }))
    const late = await book(saleId, 'w1', 'A-1-1')
    await h.pool.query("UPDATE reservations SET updated_at = now() - interval '61 seconds' WHERE id = $1", [
      late
    ])
    const closed = await cancel('w1', late)
    expect(closed.status).toBe(409)
    expect(closed.body).toMatchObject({ code: 'FC_CANCEL_WINDOW_CLOSED' })

    const declinedHold = await (async () => {
      const access = (await h.admit(saleId, ['w2'])).get('w2')
      const hold = await buyerRequest(h, 'POST', `/v1/events/${saleId}/holds`, 'w2', access, {
        seatId: 'A-1-2'
      })
      const id = reservationIdOf(hold.body.holdId as string)
      fake.setBehaviour(id, { charge: 'decline', callback: 'none' })
      await buyerRequest(h, 'POST', `/v1/holds/${hold.body.holdId}/confirm`, 'w2', access, {})
      await expect.poll(() => statusOf(id), { timeout: 20_000 }).toBe('failed')
      return id
    })()
    const failed = await cancel('w2', declinedHold)
    expect(failed.status).toBe(409)
    expect(failed.body).toMatchObject({ code: 'FC_NOT_CANCELLABLE' })

    const fixed = await h.createSale(seatedSale(1, 2))
    const kept = await book(fixed, 'w3', 'A-1-1')
    const refused = await cancel('w3', kept)
    expect(refused.status).toBe(409)
    expect(refused.body).toMatchObject({ code: 'FC_NOT_CANCELLABLE' })
    expect(await statusOf(kept)).toBe('confirmed')
    expect(await statusOf(late)).toBe('confirmed')

    // The operator opens the window: now it may be cancelled.
    const patch = await h.rt.app.inject({
      method: 'PATCH',
      url: `/v1/admin/events/${fixed}/cancellation`,
      headers: { authorization: `Bearer ${h.adminToken}` },
      payload: { cancelWindowSec: 3600 }
    })
    expect(patch.json()).toEqual({ id: fixed, cancelWindowSec: 3600 })
    expect((await cancel('w3', kept)).status).toBe(200)
  })

  it('50 concurrent cancels of one reservation: the same answer, one cancellation, one refund', async () => {
    const saleId = await h.createSale(seatedSale(1, 3, { cancelWindowSec: 600 }))
    const reservationId = await book(saleId, 'i1', 'A-1-1')
    const answers = await Promise.all(Array.from({ length: 50 }, () => cancel('i1', reservationId)))
    expect(
      answers.map((a) => a.status),
      JSON.stringify(answers[0]?.body)
    ).toEqual(Array(50).fill(200))
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1)
    expect(await h.inventory.counts(saleId)).toMatchObject({
      available: 3,
      confirmed: 0,
      held: 0,
      pending: 0
    })
    expect(await refundsOf(reservationId)).toHaveLength(1)
    const events = await h.pool.query(
      "SELECT 1 FROM webhook_events WHERE sale_id = $1 AND type = 'reservation.cancelled'",
      [saleId]
    )
    expect(events.rowCount).toBe(1)
    await settleRefunds()
    expect(fake.refunds(reservationId)).toBe(1)
    // Later, the same answer again.
    expect((await cancel('i1', reservationId)).body).toEqual(answers[0]?.body)
  })

  it('a crash between the commit and the Redis step: the reconciler frees the seat, a retry answers the same', async () => {
    const saleId = await h.createSale(seatedSale(1, 2, { cancelWindowSec: 600 }))
    const reservationId = await book(saleId, 'x1', 'A-1-1')
    // The PostgreSQL half alone, as if the process died right after its commit.
    const decision = await new PgCancellationStore(h.pool).cancelReservation({
      reservationId,
      group: [],
      userId: 'x1',
      reason: 'cancelled by the buyer'
    })
    expect(decision).toMatchObject({ outcome: 'cancelled', fresh: true })
    expect(await h.inventory.counts(saleId)).toMatchObject({ available: 1, confirmed: 1 })
    const report = await h.rt.results.reconciler.reconcile(saleId)
    expect(report.repaired).toBe(true)
    expect(await h.inventory.counts(saleId)).toMatchObject({ available: 2, confirmed: 0 })
    await expect.poll(() => seatState(saleId, 'A-1-1'), { timeout: 10_000 }).toBe('available')
    const retry = await cancel('x1', reservationId)
    expect(retry.status).toBe(200)
    expect(retry.body).toMatchObject({ reservationId, status: 'cancelled' })
    expect(await h.inventory.counts(saleId)).toMatchObject({ available: 2, confirmed: 0 })
    expect(await refundsOf(reservationId)).toHaveLength(1)
  })

  it('a cancel racing 200 holds of its seat: exactly one holder afterwards, stock exact', async () => {
    const saleId = await h.createSale(seatedSale(1, 5, { cancelWindowSec: 600 }))
    const reservationId = await book(saleId, 'r0', 'A-1-1')
    const users = Array.from({ length: 200 }, (_, i) => `racer${i}`)
    const access = await h.admit(saleId, users)
    await liftUserLimits(h, ['hold'])
    // Each racer tries until the cancel has finished, then once more: the seat comes free at some
    // point in the middle of the storm, and exactly one of them may take it.
    let cancelDone = false
    const race = async (u: string) => {
      for (;;) {
        const finished = cancelDone
        const r = await buyerRequest(h, 'POST', `/v1/events/${saleId}/holds`, u, access.get(u), {
          seatId: 'A-1-1'
        })
        if (r.status === 201 || finished) return r
        await new Promise((resolve) => setImmediate(resolve))
      }
    }
    const [cancelled, ...holds] = await Promise.all([
      cancel('r0', reservationId).finally(() => {
        cancelDone = true
      }),
      ...users.map(race)
    ])
    expect(cancelled?.status).toBe(200)
    const won = holds.filter((r) => r.status === 201)
    expect(won).toHaveLength(1)
    expect(holds.filter((r) => r.status !== 201).every((r) => r.body.code === 'FC_SEAT_TAKEN')).toBe(true)
    expect(await h.inventory.counts(saleId)).toMatchObject({
      available: 4,
      held: 1,
      pending: 0,
      confirmed: 0
    })
    await expect.poll(() => seatState(saleId, 'A-1-1'), { timeout: 10_000 }).toBe('held')
    const report = await h.rt.results.reconciler.reconcile(saleId)
    expect(report.drift).toEqual([])
  })
})

describe('cancelling a claim', () => {
  const claim = async (saleId: string, userId: string) => {
    const access = (await h.admit(saleId, [userId])).get(userId)
    const res = await buyerRequest(h, 'POST', `/v1/events/${saleId}/claims`, userId, access)
    expect(res.status).toBe(202)
    const claimId = res.body.claimId as string
    await expect
      .poll(
        async () => (await h.pool.query('SELECT status FROM claims WHERE id = $1', [claimId])).rows[0]?.status
      )
      .toBe('confirmed')
    return claimId
  }

  it('where the sale allows it: the coupon goes back to stock, once', async () => {
    const saleId = await h.createSale(couponSale(3, { cancelWindowSec: 600 }))
    const claimId = await claim(saleId, 'k1')
    expect(await h.inventory.counts(saleId)).toMatchObject({ available: 2, confirmed: 1 })
    const [a, b] = await Promise.all([
      buyerRequest(h, 'POST', `/v1/claims/${claimId}/cancel`, 'k1'),
      buyerRequest(h, 'POST', `/v1/claims/${claimId}/cancel`, 'k1')
    ])
    expect(a?.status).toBe(200)
    expect(a?.body).toEqual({ claimId, status: 'cancelled', cancelledAt: expect.any(String) })
    expect(b?.body).toEqual(a?.body)
    expect(await h.inventory.counts(saleId)).toMatchObject({ available: 3, confirmed: 0 })
    expect((await buyerRequest(h, 'POST', `/v1/claims/${claimId}/cancel`, 'k2')).status).toBe(404)
  })

  it('refused where the sale does not allow it', async () => {
    const saleId = await h.createSale(couponSale(3))
    const claimId = await claim(saleId, 'k3')
    const res = await buyerRequest(h, 'POST', `/v1/claims/${claimId}/cancel`, 'k3')
    expect(res.status).toBe(409)
    expect(res.body).toMatchObject({ code: 'FC_NOT_CANCELLABLE' })
    expect(await h.inventory.counts(saleId)).toMatchObject({ available: 2, confirmed: 1 })
  })
})
