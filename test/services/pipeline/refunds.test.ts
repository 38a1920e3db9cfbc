/**
 * Money owed back: a reservation that ends failed after it may have been charged gets a refund row
 * in the statement that fails it, and the refund worker settles it with the provider exactly once
 * (retrying while the provider does not answer). A declined payment took nothing and owes nothing.
 */
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PgBookingStore } from '../../../src/adapters/postgres/booking-store.ts'
import { PgRefundStore } from '../../../src/adapters/postgres/refund-store.ts'
import { SEAT_ALREADY_BOOKED } from '../../../src/domain/pipeline-ports.ts'
import { RefundWorker } from '../../../src/services/pipeline/refund-worker.ts'
import { createHarness, type Harness, seatedSale } from '../../support/harness.ts'
import { FaultyGateway, holdDirect, pendBooking, seatIds } from '../../support/pipeline.ts'

let h: Harness
const gateway = new FaultyGateway({ latencyMs: 1, timeoutMs: 100 })

beforeAll(async () => {
  h = await createHarness({}, { kafka: false, payments: gateway })
})
afterAll(async () => {
  await h?.close()
})

const hold = (saleId: string, userId: string, seatId: string) => holdDirect(h, saleId, userId, seatId)

interface RefundRow {
  reservation_id: string
  status: string
  provider_ref: string | null
  attempts: number
  last_error: string | null
}

async function refundsOf(saleId: string): Promise<Map<string, RefundRow>> {
  const { rows } = await h.pool.query<RefundRow>(
    'SELECT reservation_id, status, provider_ref, attempts, last_error FROM refunds WHERE sale_id = $1',
    [saleId]
  )
  return new Map(rows.map((r) => [r.reservation_id, r]))
}

/** Runs the worker until a round finds nothing due. */
async function settleAll(worker = h.rt.refunds): Promise<void> {
  while ((await worker.runOnce()) > 0) {}
}

describe('refunds', () => {
  it('owes nothing for approved or declined payments; a charge taken before a give-up is paid back once', async () => {
    const saleId = await h.createSale(seatedSale(1, 10, { perUserLimit: 10 }))
    await h.admit(saleId, ['r1'])
    const [a, b, c, d] = seatIds(1, 4)
    const approved = await pendBooking(h, saleId, 'r1', await hold(saleId, 'r1', a!), 'approve')
    const declined = await pendBooking(h, saleId, 'r1', await hold(saleId, 'r1', b!), 'decline')
    const timedOut = await pendBooking(h, saleId, 'r1', await hold(saleId, 'r1', c!), 'timeout')
    expect((await h.rt.pipeline.processBookings([approved, declined, timedOut])).size).toBe(0)

    // Charged by an attempt whose commit never happened, then given up.
    const givenUp = await pendBooking(h, saleId, 'r1', await hold(saleId, 'r1', d!), 'approve')
    expect(
      await gateway.charge({ reservationId: givenUp.reservationId, userId: 'r1', amount: 5000 })
    ).toMatchObject({
      status: 'approved'
    })
    await h.rt.pipeline.failBookings([givenUp], 'given up after retries')

    // The result the buyer is pushed says a refund is owed, for those that may have been charged.
    const { rows: events } = await h.pool.query<{ payload: { id: string; refund?: string } }>(
      "SELECT payload FROM outbox WHERE payload->>'saleId' = $1",
      [saleId]
    )
    const pushed = new Map(events.map((e) => [e.payload.id, e.payload.refund]))
    expect(pushed.get(timedOut.reservationId)).toBe('due')
    expect(pushed.get(givenUp.reservationId)).toBe('due')
    expect(pushed.get(declined.reservationId)).toBeUndefined()
    expect(pushed.get(approved.reservationId)).toBeUndefined()
    expect(pushed.size).toBe(4)

    const due = await refundsOf(saleId)
    expect([...due.keys()].sort()).toEqual([timedOut.reservationId, givenUp.reservationId].sort())
    expect([...due.values()].every((r) => r.status === 'due')).toBe(true)

    await settleAll()
    const settled = await refundsOf(saleId)
    expect(settled.get(givenUp.reservationId)).toMatchObject({ status: 'refunded', last_error: null })
    expect(settled.get(givenUp.reservationId)?.provider_ref).toMatch(/^sim_rf_/)
    // The provider took nothing for the timed-out charge.
    expect(settled.get(timedOut.reservationId)).toMatchObject({
      status: 'nothing_charged',
      provider_ref: null
    })
    expect(gateway.inner.refunds.get(givenUp.reservationId)).toBe(1)
    expect(gateway.inner.refunds.has(timedOut.reservationId)).toBe(false)
    expect(gateway.inner.refunds.has(approved.reservationId)).toBe(false)

    // What the buyer sees when polling.
    const token = await h.userToken('r1')
    const seen = async (url: string) => {
      const res = await h.rt.app.inject({ url, headers: { authorization: `Bearer ${token}` } })
      expect(res.statusCode, res.body).toBe(200)
      return res.json() as Record<string, unknown>
    }
    expect(await seen(`/v1/reservations/${givenUp.reservationId}`)).toMatchObject({
      status: 'failed',
      refund: 'refunded'
    })
    expect(await seen(`/v1/reservations/${timedOut.reservationId}`)).toMatchObject({
      refund: 'nothing_charged'
    })
    expect(await seen(`/v1/reservations/${declined.reservationId}`)).not.toHaveProperty('refund')
    expect(await seen(`/v1/reservations/${approved.reservationId}`)).not.toHaveProperty('refund')
    const mine = (await seen('/v1/me/reservations')) as { items?: Array<{ id: string; refund?: string }> }
    const listed = new Map((mine.items ?? []).map((b) => [b.id, b.refund]))
    expect(listed.get(givenUp.reservationId)).toBe('refunded')
    expect(listed.has(approved.reservationId) && listed.get(approved.reservationId) === undefined).toBe(true)

    // The operator's view of the sale.
    const stats = await h.rt.app.inject({
      url: `/v1/admin/events/${saleId}/stats`,
      headers: { authorization: `Bearer ${h.adminToken}` }
    })
    expect(stats.json()).toMatchObject({ refunds: { due: 0, refunded: 1, nothingCharged: 1 } })

    // Nothing left to do, and doing it again pays nobody twice.
    expect(await h.rt.refunds.runOnce()).toBe(0)
    await h.pool.query('UPDATE refunds SET next_attempt_at = now() WHERE sale_id = $1', [saleId])
    expect(await h.rt.refunds.runOnce()).toBe(0)
    expect(gateway.inner.refunds.get(givenUp.reservationId)).toBe(1)
  })

  it('a charge the database refuses (the seat was confirmed for someone else) is paid back with its reference', async () => {
    const saleId = await h.createSale(seatedSale(1, 4, { perUserLimit: 4 }))
    await h.admit(saleId, ['s1', 's2'])
    const first = await pendBooking(h, saleId, 's1', await hold(saleId, 's1', 'A-1-1'))
    // The twin: the same seat, charged, then written after the first one was confirmed (as after
    // Redis lost a sale and sold the seat again). The database keeps I1 and fails the twin.
    const twinHold = `${saleId}.h${randomBytes(8).toString('hex')}`
    const twin = { ...first, holdId: twinHold, reservationId: twinHold.replace('.h', '.r'), userId: 's2' }
    expect((await h.rt.pipeline.processBookings([first])).size).toBe(0)
    const charged = await gateway.charge({ reservationId: twin.reservationId, userId: 's2', amount: 5000 })
    if (charged.status !== 'approved') throw new Error('charge')
    const statuses = await new PgBookingStore(h.pool, 'refund-test.results').settle(
      [
        {
          reservationId: twin.reservationId,
          holdId: twin.holdId,
          saleId,
          seatId: 'A-1-1',
          userId: 's2',
          amount: 5000,
          status: 'confirmed',
          payment: { status: 'approved', providerRef: charged.providerRef }
        }
      ],
      new Date()
    )
    expect(statuses.get(twin.reservationId)).toBe('failed')
    const { rows } = await h.pool.query('SELECT failure_reason FROM reservations WHERE id = $1', [
      twin.reservationId
    ])
    expect(rows[0]).toEqual({ failure_reason: SEAT_ALREADY_BOOKED })
    const pushed = await h.pool.query(
      "SELECT payload->>'refund' AS refund FROM outbox WHERE payload->>'id' = $1",
      [twin.reservationId]
    )
    expect(pushed.rows).toEqual([{ refund: 'due' }])

    // Another process's provider records: only the booking's reference says it was charged.
    const elsewhere = new FaultyGateway({ latencyMs: 1 })
    await settleAll(new RefundWorker({ store: new PgRefundStore(h.pool), payments: elsewhere }))
    expect((await refundsOf(saleId)).get(twin.reservationId)).toMatchObject({ status: 'refunded' })
    expect(elsewhere.inner.refunds.get(twin.reservationId)).toBe(1)
  })

  it('asks again, later, while the provider fails; never gives up on money owed', async () => {
    const saleId = await h.createSale(seatedSale(1, 2))
    await h.admit(saleId, ['t1'])
    const request = await pendBooking(h, saleId, 't1', await hold(saleId, 't1', 'A-1-1'))
    await gateway.charge({ reservationId: request.reservationId, userId: 't1', amount: 5000 })
    await h.rt.pipeline.failBookings([request], 'given up after retries')

    gateway.failing.add(request.reservationId)
    expect(await h.rt.refunds.runOnce()).toBe(1)
    expect(await h.rt.refunds.runOnce()).toBe(0) // put off: not due again yet
    let row = (await refundsOf(saleId)).get(request.reservationId)
    expect(row).toMatchObject({ status: 'due', attempts: 1, last_error: 'Error' })
    const { rows } = await h.pool.query<{ wait: number }>(
      'SELECT extract(epoch FROM next_attempt_at - updated_at)::float AS wait FROM refunds WHERE reservation_id = $1',
      [request.reservationId]
    )
    expect(rows[0]?.wait).toBeGreaterThan(0.5)

    // Due again, still failing: the delay grows.
    await h.pool.query('UPDATE refunds SET next_attempt_at = now() WHERE reservation_id = $1', [
      request.reservationId
    ])
    expect(await h.rt.refunds.runOnce()).toBe(1)
    const again = await h.pool.query<{ wait: number }>(
      'SELECT extract(epoch FROM next_attempt_at - updated_at)::float AS wait FROM refunds WHERE reservation_id = $1',
      [request.reservationId]
    )
    expect(again.rows[0]?.wait).toBeGreaterThan(rows[0]?.wait ?? 0)

    gateway.failing.delete(request.reservationId)
    await h.pool.query('UPDATE refunds SET next_attempt_at = now() WHERE reservation_id = $1', [
      request.reservationId
    ])
    await settleAll()
    row = (await refundsOf(saleId)).get(request.reservationId)
    expect(row).toMatchObject({ status: 'refunded', attempts: 3, last_error: null })
    expect(gateway.inner.refunds.get(request.reservationId)).toBe(1)
  })

  it('four workers at once on 200 refunds: each paid back exactly once', async () => {
    const saleId = await h.createSale(seatedSale(10, 20, { perUserLimit: 100 }))
    await h.admit(saleId, ['v1', 'v2'])
    const requests = []
    for (const [i, seatId] of seatIds(10, 20).entries()) {
      const user = i % 2 === 0 ? 'v1' : 'v2'
      requests.push(await pendBooking(h, saleId, user, await hold(saleId, user, seatId)))
    }
    for (const r of requests)
      await gateway.charge({ reservationId: r.reservationId, userId: r.userId, amount: 5000 })
    await h.rt.pipeline.failBookings(requests, 'given up after retries')
    expect((await refundsOf(saleId)).size).toBe(200)

    const workers = Array.from(
      { length: 4 },
      () =>
        new RefundWorker({ store: new PgRefundStore(h.pool), payments: gateway, batch: 7, concurrency: 3 })
    )
    await Promise.all(workers.map((w) => settleAll(w)))
    const settled = await refundsOf(saleId)
    expect([...settled.values()].filter((r) => r.status === 'refunded')).toHaveLength(200)
    expect(requests.every((r) => gateway.inner.refunds.get(r.reservationId) === 1)).toBe(true)
    // Every round took its own refunds: one attempt each.
    expect([...settled.values()].every((r) => r.attempts === 1)).toBe(true)
  })
})
