/**
 * A hold of several seats through the durable pipeline (Kafka, PostgreSQL, the booking consumer):
 * one charge for the sum of the prices, one booking row per seat, every seat sold or every seat
 * back; the buyer sees one reservation with all its seats.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { groupIdsOf } from '../../src/domain/ids.ts'
import type { BookingRequest } from '../../src/domain/pipeline-ports.ts'
import { reservationIdOf } from '../../src/services/sales/buyer-service.ts'
import { buyerRequest, createHarness, type Harness, seatedSale } from '../support/harness.ts'
import { deletePipelineTopics, FaultyGateway, pipelineEnv, waitTerminal } from '../support/pipeline.ts'

let h: Harness
const gateway = new FaultyGateway({ latencyMs: 1, timeoutMs: 150 })

beforeAll(async () => {
  h = await createHarness(pipelineEnv(), {
    pipeline: 'kafka',
    workers: true,
    payments: gateway,
    consumers: { maxAttempts: 3, backoffMs: 50 }
  })
})
afterAll(async () => {
  if (!h) return
  await deletePipelineTopics(h).catch(() => undefined)
  await h.close()
})

function req(method: 'GET' | 'POST', url: string, userId: string, access?: string, payload?: object) {
  return buyerRequest(h, method, url, userId, access, payload)
}

/** Holds `quantity` seats of section A together and confirms them; returns the hold's ids and seats. */
async function buyTogether(
  saleId: string,
  userId: string,
  quantity: number,
  simulate: 'approve' | 'decline'
) {
  const access = (await h.admit(saleId, [userId])).get(userId) as string
  const held = await req('POST', `/v1/events/${saleId}/holds`, userId, access, { section: 'A', quantity })
  expect(held.status).toBe(201)
  const holdId = held.body.holdId as string
  const confirmed = await req('POST', `/v1/holds/${holdId}/confirm`, userId, access, {
    payment: { simulate }
  })
  expect(confirmed).toMatchObject({ status: 202, body: { reservationId: reservationIdOf(holdId) } })
  const reservationIds = (groupIdsOf(holdId) as string[]).map(reservationIdOf)
  await waitTerminal(h, reservationIds)
  await h.rt.handoff.drain?.()
  return {
    holdId,
    reservationId: reservationIdOf(holdId),
    reservationIds,
    seatIds: held.body.seatIds as string[]
  }
}

async function rows<T>(text: string, values: unknown[]): Promise<T[]> {
  return (await h.pool.query<T & object>(text, values)).rows
}

describe('a hold of three seats through the booking pipeline', () => {
  it('is charged once for the sum and ends with three confirmed bookings', async () => {
    const saleId = await h.createSale(seatedSale(2, 10, { perUserLimit: 3 }))
    const bought = await buyTogether(saleId, 'ana', 3, 'approve')
    expect(bought.seatIds).toEqual(['A-1-4', 'A-1-5', 'A-1-6'])

    const bookings = await rows<{ id: string; seat_id: string; status: string; amount: number }>(
      'SELECT id, seat_id, status, amount FROM reservations WHERE sale_id = $1 ORDER BY id',
      [saleId]
    )
    expect(bookings.map((b) => [b.id, b.seat_id, b.status])).toEqual(
      bought.reservationIds.map((id, i) => [id, bought.seatIds[i], 'confirmed'])
    )
    expect(bookings.reduce((sum, b) => sum + b.amount, 0)).toBe(15000)
    const payments = await rows<{ reservation_id: string; amount: number; status: string }>(
      'SELECT reservation_id, amount, status FROM payments WHERE reservation_id = ANY($1)',
      [bought.reservationIds]
    )
    expect(payments).toEqual([{ reservation_id: bought.reservationId, amount: 15000, status: 'approved' }])
    expect(gateway.charges.get(bought.reservationId)).toBe(1)
    const outbox = await rows<{ id: string }>(
      "SELECT payload->>'id' AS id FROM outbox WHERE payload->>'saleId' = $1 AND payload->>'type' = 'reservation'",
      [saleId]
    )
    expect(outbox).toEqual([{ id: bought.reservationId }])

    await until(async () => (await h.inventory.counts(saleId)).confirmed === 3)
    expect(await h.inventory.counts(saleId)).toMatchObject({
      confirmed: 3,
      pending: 0,
      held: 0,
      available: 17
    })
    const view = await req('GET', `/v1/reservations/${bought.reservationId}`, 'ana')
    expect(view).toMatchObject({
      status: 200,
      body: { status: 'confirmed', seatId: 'A-1-4', seatIds: bought.seatIds, amount: 15000 }
    })
    const mine = await req('GET', '/v1/me/reservations', 'ana')
    expect(mine.body.items).toEqual([
      expect.objectContaining({ id: bought.reservationId, status: 'confirmed', seatIds: bought.seatIds })
    ])
    await h.rt.drainLedger()
    expect((await h.rt.results.reconciler.reconcile(saleId, { repair: false })).drift).toEqual([])
  })

  it('returns every seat when the payment is declined, with nothing owed back', async () => {
    const saleId = await h.createSale(seatedSale(2, 10, { perUserLimit: 3 }))
    const bought = await buyTogether(saleId, 'bob', 3, 'decline')
    const bookings = await rows<{ status: string }>('SELECT status FROM reservations WHERE id = ANY($1)', [
      bought.reservationIds
    ])
    expect(bookings.map((b) => b.status)).toEqual(['failed', 'failed', 'failed'])
    expect(
      await rows('SELECT 1 FROM refunds WHERE reservation_id = ANY($1)', [bought.reservationIds])
    ).toEqual([])
    await until(async () => (await h.inventory.counts(saleId)).available === 20)
    expect(await h.inventory.counts(saleId)).toMatchObject({ confirmed: 0, pending: 0, held: 0 })
    const view = await req('GET', `/v1/reservations/${bought.reservationId}`, 'bob')
    expect(view.body).toMatchObject({ status: 'failed', seatIds: bought.seatIds })
    // The seats are for sale again, together.
    const again = await buyTogether(saleId, 'cat', 3, 'approve')
    expect(again.seatIds).toEqual(bought.seatIds)
  })
})

describe('a hold of several seats the pipeline cannot finish', () => {
  /** A three-seat hold of `userId` taken to pending as a confirm does, with the request it would publish. */
  async function pending(saleId: string, userId: string): Promise<BookingRequest> {
    const access = (await h.admit(saleId, [userId])).get(userId) as string
    const held = await req('POST', `/v1/events/${saleId}/holds`, userId, access, {
      seatIds: ['A-2-1', 'A-2-2', 'A-2-3']
    })
    const holdId = held.body.holdId as string
    const r = await h.inventory.toPending({
      saleId,
      userId,
      holdId,
      reservationId: reservationIdOf(holdId),
      response: { statusCode: 202, body: {} }
    })
    if (!r.ok) throw new Error(r.refusal)
    const ids = r.value.unitIds
    return {
      v: 1,
      reservationId: reservationIdOf(holdId),
      holdId,
      saleId,
      seatId: 'A-2-1',
      userId,
      amount: 15000,
      seats: ids
        .slice(1)
        .map((id, i) => ({ holdId: id, reservationId: reservationIdOf(id), seatId: `A-2-${i + 2}` })),
      payment: { simulate: 'approve' },
      acceptedAt: Date.now()
    }
  }

  it('a final failure (dead letter given up) fails every seat and returns them all', async () => {
    const saleId = await h.createSale(seatedSale(2, 10, { perUserLimit: 3 }))
    const request = await pending(saleId, 'dan')
    expect(await h.inventory.counts(saleId)).toMatchObject({ pending: 3, available: 17 })
    await h.rt.pipeline.failBookings([request], 'given up after retries')
    const ids = [request.reservationId, ...(request.seats ?? []).map((s) => s.reservationId)]
    expect(
      (await rows<{ status: string }>('SELECT status FROM reservations WHERE id = ANY($1)', [ids])).map(
        (r) => r.status
      )
    ).toEqual(['failed', 'failed', 'failed'])
    expect(await h.inventory.counts(saleId)).toMatchObject({
      pending: 0,
      held: 0,
      confirmed: 0,
      available: 20
    })
  })

  it('the reconciler settles a stale pending hold of several seats: every seat back, nothing left pending', async () => {
    const saleId = await h.createSale(seatedSale(2, 10, { perUserLimit: 3 }))
    const request = await pending(saleId, 'eve')
    await h.rt.drainLedger()
    const report = await h.rt.results.reconciler.reconcile(saleId, { stalePendingMs: 0 })
    expect(report.stale).toContain(request.reservationId)
    expect(await h.inventory.counts(saleId)).toMatchObject({
      pending: 0,
      held: 0,
      confirmed: 0,
      available: 20
    })
    await h.rt.drainLedger()
    expect((await h.rt.results.reconciler.reconcile(saleId, { repair: false })).drift).toEqual([])
    // A late delivery of the request charges nothing and changes nothing.
    await h.rt.pipeline.processBookings([request])
    expect(gateway.calls.get(request.reservationId)).toBeUndefined()
    expect(await h.inventory.counts(saleId)).toMatchObject({ available: 20 })
  })
})

async function until(cond: () => Promise<boolean>): Promise<void> {
  await expect.poll(cond, { timeout: 30_000, interval: 50 }).toBe(true)
}
