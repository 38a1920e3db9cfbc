/**
 * Webhooks end to end: bookings, claims and refunds driven through the API and the real pipeline
 * batch record their events in the same transaction; the dispatcher delivers each one, signed (as
 * `standardwebhooks` verifies), once per delivery id, to receivers this file starts on loopback;
 * a receiver that is down gets everything once it is back, with the same webhook-id; a delivery
 * that never succeeds is given up after the last attempt, counted and redeliverable; a slow
 * endpoint does not hold up a fast one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ClaimRequest } from '../../src/domain/pipeline-ports.ts'
import type { WebhookDelivery } from '../../src/domain/webhook-ports.ts'
import type { BookingPipeline } from '../../src/services/pipeline/booking-pipeline.ts'
import { directHandoff } from '../support/direct-handoff.ts'
import { buyerRequest, couponSale, createHarness, type Harness, seatedSale } from '../support/harness.ts'
import { confirmAll, FaultyGateway, holdAll, holdDirect, pendBooking } from '../support/pipeline.ts'
import { until } from '../support/wait.ts'
import { startReceiver, type WebhookReceiver } from '../support/webhook-receiver.ts'

let h: Harness
const gateway = new FaultyGateway({ latencyMs: 1, timeoutMs: 100 })
/** Users whose coupon claims the pipeline gives up on (claim.failed). */
const failingClaims = new Set<string>()
const receivers: WebhookReceiver[] = []

function handoff(pipeline: BookingPipeline) {
  const direct = directHandoff(pipeline)
  const failing: Promise<void>[] = []
  return {
    publishBooking: (r: Parameters<typeof direct.publishBooking>[0]) => direct.publishBooking(r),
    async publishClaim(request: ClaimRequest) {
      if (!failingClaims.has(request.userId)) return direct.publishClaim(request)
      // Accepted, then given up by the pipeline (as after its retries).
      failing.push(
        new Promise((resolve) => setImmediate(resolve)).then(() =>
          pipeline.failClaims([request], 'coupon not issued: given up after retries')
        )
      )
    },
    async drain() {
      await direct.drain()
      await Promise.all(failing)
    }
  }
}

beforeAll(async () => {
  h = await createHarness(
    {
      FC_WEBHOOK_BACKOFF_MS: '20',
      FC_WEBHOOK_BACKOFF_MAX_MS: '100',
      FC_WEBHOOK_MAX_ATTEMPTS: '8',
      FC_WEBHOOK_TIMEOUT_MS: '20000',
      FC_WEBHOOK_ENDPOINT_CONCURRENCY: '2',
      FC_WEBHOOK_POLL_MS: '50'
    },
    { kafka: false, payments: gateway, handoff }
  )
})
afterAll(async () => {
  await h?.close()
  await Promise.all(receivers.map((r) => r.stop().catch(() => undefined)))
})

async function receiver(): Promise<WebhookReceiver> {
  const r = await startReceiver()
  receivers.push(r)
  return r
}

async function admin(method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) {
  const res = await h.rt.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${h.adminToken}` },
    ...(payload ? { payload } : {})
  })
  return {
    status: res.statusCode,
    body: res.body === '' ? undefined : (res.json() as Record<string, unknown>)
  }
}

async function register(url: string, events: string[]): Promise<{ id: string; secret: string }> {
  const res = await admin('POST', '/v1/admin/webhooks', { url, events })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body as { id: string; secret: string }
}

async function deliveries(endpointId: string): Promise<WebhookDelivery[]> {
  const res = await admin('GET', `/v1/admin/webhooks/${endpointId}/deliveries`)
  expect(res.status).toBe(200)
  return res.body?.items as WebhookDelivery[]
}

/** Runs the dispatcher (fan-out, due deliveries) until `cond` holds. */
async function dispatchUntil(cond: () => boolean | Promise<boolean>, what: string): Promise<void> {
  await until(
    async () => {
      await h.rt.webhooks.dispatcher.runOnce()
      return cond()
    },
    30_000,
    25,
    what
  )
}

/** Deliveries given up so far, as counted on the runtime's registry. */
async function deadCount(): Promise<number> {
  const metric = await h.rt.metrics.getSingleMetric('firstcome_webhook_deliveries_total')?.get()
  return metric?.values.find((v) => v.labels.outcome === 'dead')?.value ?? 0
}

/** The event id a delivered body stands for (`<type>:<unit id>`). */
function eventIdOf(e: { type: string; data: Record<string, unknown> }): string {
  return `${e.type}:${String(e.data.reservationId ?? e.data.claimId ?? e.data.saleId)}`
}

async function claim(saleId: string, userId: string): Promise<string> {
  const access = await h.admit(saleId, [userId])
  const res = await buyerRequest(h, 'POST', `/v1/events/${saleId}/claims`, userId, access.get(userId))
  expect(res.status, JSON.stringify(res.body)).toBe(202)
  return res.body.claimId as string
}

async function confirmSeats(
  saleId: string,
  plan: Array<{ userId: string; seatId: string; simulate?: 'approve' | 'decline' }>
) {
  const attempts = await confirmAll(h, saleId, await holdAll(h, saleId, plan))
  expect(attempts.every((a) => a.confirmStatus === 202)).toBe(true)
  await h.rt.handoff.drain?.()
  return attempts
}

/** One buyer holds several seats in one hold and confirms it (one booking); returns its reservation id. */
async function confirmHold(saleId: string, userId: string, seatIds: string[]): Promise<string> {
  const access = await h.admit(saleId, [userId])
  const held = await buyerRequest(h, 'POST', `/v1/events/${saleId}/holds`, userId, access.get(userId), {
    seatIds
  })
  expect(held.status).toBe(201)
  const res = await buyerRequest(
    h,
    'POST',
    `/v1/holds/${held.body.holdId}/confirm`,
    userId,
    access.get(userId),
    {}
  )
  expect(res.status).toBe(202)
  await h.rt.handoff.drain?.()
  return res.body.reservationId as string
}

describe('webhook dispatcher', () => {
  it('delivers confirmed, failed, claim, refund and sold-out events once each, signed', async () => {
    const all = await receiver()
    const soldOutOnly = await receiver()
    const a = await register(all.url, [
      'reservation.confirmed',
      'reservation.failed',
      'claim.issued',
      'claim.failed',
      'refund.completed',
      'sale.sold_out'
    ])
    const b = await register(soldOutOnly.url, ['sale.sold_out'])

    // A sale of three seats, all confirmed: three confirmations and the sale sold out.
    const full = await h.createSale(seatedSale(1, 3))
    const sold = await confirmSeats(full, [
      { userId: 'u1', seatId: 'A-1-1' },
      { userId: 'u2', seatId: 'A-1-2' },
      { userId: 'u3', seatId: 'A-1-3' }
    ])
    // Another: one declined payment, and one hold of two seats confirmed (one event, both seats).
    const other = await h.createSale(seatedSale(1, 5))
    const [declined] = await confirmSeats(other, [{ userId: 'u4', seatId: 'A-1-1', simulate: 'decline' }])
    const pair = await confirmHold(other, 'u5', ['A-1-2', 'A-1-3'])
    // A charge taken by an attempt that never committed, then given up: failed, and paid back.
    const refundSale = await h.createSale(seatedSale(1, 2))
    await h.admit(refundSale, ['u6'])
    const givenUp = await pendBooking(h, refundSale, 'u6', await holdDirect(h, refundSale, 'u6', 'A-1-1'))
    await gateway.charge({ reservationId: givenUp.reservationId, userId: 'u6', amount: 5000 })
    await h.rt.pipeline.failBookings([givenUp], 'given up after retries')
    while ((await h.rt.refunds.runOnce()) > 0) {}
    // Coupons: the only one issued (sold out), and a claim the pipeline gives up on.
    const coupons = await h.createSale(couponSale(1))
    const issued = await claim(coupons, 'c1')
    const moreCoupons = await h.createSale(couponSale(3))
    failingClaims.add('c2')
    const refused = await claim(moreCoupons, 'c2')
    await h.rt.handoff.drain?.()

    const expected = new Map<string, string>([
      ...sold.map((s) => [`reservation.confirmed:${s.reservationId}`, 'reservation.confirmed'] as const),
      [`sale.sold_out:${full}`, 'sale.sold_out'],
      [`reservation.failed:${declined?.reservationId}`, 'reservation.failed'],
      [`reservation.confirmed:${pair}`, 'reservation.confirmed'],
      [`reservation.failed:${givenUp.reservationId}`, 'reservation.failed'],
      [`refund.completed:${givenUp.reservationId}`, 'refund.completed'],
      [`claim.issued:${issued}`, 'claim.issued'],
      [`sale.sold_out:${coupons}`, 'sale.sold_out'],
      [`claim.failed:${refused}`, 'claim.failed']
    ])
    await dispatchUntil(() => all.delivered(a.secret).length >= expected.size, 'every event delivered')
    await dispatchUntil(() => soldOutOnly.delivered(b.secret).length >= 2, 'sold-out events delivered')
    // Nothing more comes (no event twice), however often the dispatcher runs.
    await h.rt.webhooks.dispatcher.runOnce()
    await h.rt.webhooks.dispatcher.runOnce()

    const got = all.delivered(a.secret)
    expect(got).toHaveLength(expected.size)
    expect(all.received).toHaveLength(expected.size)
    expect(new Map(got.map((e) => [eventIdOf(e), e.type]))).toEqual(expected)
    expect(new Set(got.map((e) => e.id)).size).toBe(got.length)
    expect(got.every((e) => /^msg_[0-9a-f]{32}$/.test(e.id))).toBe(true)
    expect(soldOutOnly.delivered(b.secret).map(eventIdOf).sort()).toEqual(
      [`sale.sold_out:${full}`, `sale.sold_out:${coupons}`].sort()
    )

    const byEvent = new Map(got.map((e) => [eventIdOf(e), e]))
    const first = sold[0]
    expect(byEvent.get(`reservation.confirmed:${first?.reservationId}`)?.data).toEqual({
      saleId: full,
      userId: first?.userId,
      reservationId: first?.reservationId,
      seatIds: [first?.seatId],
      amount: 5000,
      currency: 'KRW'
    })
    expect(byEvent.get(`reservation.confirmed:${pair}`)?.data).toMatchObject({
      userId: 'u5',
      seatIds: ['A-1-2', 'A-1-3'],
      amount: 10000
    })
    expect(byEvent.get(`reservation.failed:${declined?.reservationId}`)?.data).toMatchObject({
      userId: 'u4',
      seatIds: ['A-1-1'],
      reason: expect.stringMatching(/^payment declined/)
    })
    expect(byEvent.get(`refund.completed:${givenUp.reservationId}`)?.data).toEqual({
      saleId: refundSale,
      userId: 'u6',
      reservationId: givenUp.reservationId,
      amount: 5000,
      currency: 'KRW'
    })
    expect(byEvent.get(`claim.issued:${issued}`)?.data).toEqual({
      saleId: coupons,
      userId: 'c1',
      claimId: issued
    })
    expect(byEvent.get(`claim.failed:${refused}`)?.data).toMatchObject({
      userId: 'c2',
      reason: 'coupon not issued: given up after retries'
    })
    expect(byEvent.get(`sale.sold_out:${full}`)?.data).toEqual({ saleId: full })
    // The body's timestamp is when the event happened.
    expect(Number.isNaN(Date.parse(String(byEvent.get(`sale.sold_out:${full}`)?.timestamp)))).toBe(false)

    const list = await deliveries(a.id)
    expect(list).toHaveLength(expected.size)
    expect(list.every((d) => d.status === 'delivered' && d.attempts === 1 && d.lastStatusCode === 200)).toBe(
      true
    )
    for (const id of [a.id, b.id])
      expect((await admin('DELETE', `/v1/admin/webhooks/${id}`)).status).toBe(204)
  })

  it('records sold out once the bookings reach the stock, counting every seat of a hold, and only then', async () => {
    const soldOut = async (saleId: string) =>
      (
        await h.pool.query('SELECT count(*)::int AS n FROM webhook_events WHERE id = $1', [
          `sale.sold_out:${saleId}`
        ])
      ).rows[0].n as number
    // Three seats: one booked alone, then a hold of the last two (one event, two seats).
    const trio = await h.createSale(seatedSale(1, 3))
    await confirmSeats(trio, [{ userId: 'u7', seatId: 'A-1-1' }])
    await h.rt.webhooks.dispatcher.runOnce()
    expect(await soldOut(trio)).toBe(0)
    await confirmHold(trio, 'u8', ['A-1-2', 'A-1-3'])
    await h.rt.webhooks.dispatcher.runOnce()
    expect(await soldOut(trio)).toBe(1)
    expect(
      (await h.pool.query('SELECT units::int FROM sale_confirmed_units WHERE sale_id = $1', [trio])).rows[0]
    ).toEqual({ units: 3 })

    // The fan-out's count may run ahead of the bookings (a booking cancelled after its event was
    // fanned out is not taken back): the bookings themselves decide.
    const duo = await h.createSale(seatedSale(1, 2))
    await h.pool.query('INSERT INTO sale_confirmed_units (sale_id, units) VALUES ($1, 1)', [duo])
    await confirmSeats(duo, [{ userId: 'u9', seatId: 'A-1-1' }])
    await h.rt.webhooks.dispatcher.runOnce()
    expect(await soldOut(duo)).toBe(0)
    await confirmSeats(duo, [{ userId: 'u10', seatId: 'A-1-2' }])
    await h.rt.webhooks.dispatcher.runOnce()
    expect(await soldOut(duo)).toBe(1)
  })

  it('delivers everything to a receiver that was down once it is back, with the same webhook-id', async () => {
    const r = await receiver()
    const endpoint = await register(r.url, ['reservation.confirmed'])
    r.mode = 503
    const saleId = await h.createSale(seatedSale(1, 5))
    await confirmSeats(saleId, [
      { userId: 'd1', seatId: 'A-1-1' },
      { userId: 'd2', seatId: 'A-1-2' }
    ])
    // First attempts: 503.
    await dispatchUntil(() => r.received.length >= 2, 'first attempts')
    const firstIds = new Set(r.received.map((x) => x.id))
    expect(firstIds.size).toBe(2)
    // Then the port is closed: refused connections.
    await r.stop()
    await dispatchUntil(
      async () => (await deliveries(endpoint.id)).every((d) => d.lastError === 'ECONNREFUSED'),
      'attempts against a closed port'
    )
    const down = await deliveries(endpoint.id)
    expect(down.every((d) => d.status === 'pending' && d.lastError === 'ECONNREFUSED')).toBe(true)
    // Back.
    r.mode = 200
    await r.restart()
    await dispatchUntil(() => r.delivered(endpoint.secret).length >= 2, 'delivered after the outage')
    const got = r.delivered(endpoint.secret)
    expect(new Set(got.map((e) => e.id))).toEqual(firstIds)
    expect(got.map((e) => e.data.userId).sort()).toEqual(['d1', 'd2'])
    const after = await deliveries(endpoint.id)
    expect(after.every((d) => d.status === 'delivered' && d.attempts >= 3 && d.lastStatusCode === 200)).toBe(
      true
    )
    await admin('DELETE', `/v1/admin/webhooks/${endpoint.id}`)
  })

  it('gives a delivery up after the last attempt, counts it, and redelivers it with the same id', async () => {
    const r = await receiver()
    const endpoint = await register(r.url, ['claim.issued'])
    r.mode = 500
    const deadBefore = await deadCount()
    const saleId = await h.createSale(couponSale(5))
    const claimId = await claim(saleId, 'x1')
    await h.rt.handoff.drain?.()
    await dispatchUntil(async () => (await deliveries(endpoint.id))[0]?.status === 'failed', 'given up')
    const [dead] = await deliveries(endpoint.id)
    expect(dead).toMatchObject({
      status: 'failed',
      attempts: 8,
      lastStatusCode: 500,
      lastError: 'HTTP 500',
      eventId: `claim.issued:${claimId}`
    })
    expect(r.received).toHaveLength(8)
    expect(new Set(r.received.map((x) => x.id))).toEqual(new Set([dead?.id]))
    expect((await deadCount()) - deadBefore).toBe(1)
    // Nothing more is sent for it.
    await h.rt.webhooks.dispatcher.runOnce()
    expect(r.received).toHaveLength(8)

    r.mode = 200
    const again = await admin('POST', `/v1/admin/webhooks/${endpoint.id}/deliveries/${dead?.id}/redeliver`)
    expect(again.status).toBe(202)
    expect(again.body).toMatchObject({ id: dead?.id, status: 'pending', attempts: 0 })
    await dispatchUntil(() => r.delivered(endpoint.secret).length === 1, 'redelivered')
    expect(r.delivered(endpoint.secret)[0]).toMatchObject({ id: dead?.id, type: 'claim.issued' })
    expect((await deliveries(endpoint.id))[0]).toMatchObject({ status: 'delivered', attempts: 1 })
    await admin('DELETE', `/v1/admin/webhooks/${endpoint.id}`)
  })

  it('does not let a slow endpoint hold up a fast one', async () => {
    const slow = await receiver()
    const fast = await receiver()
    slow.mode = 'hold'
    const s = await register(slow.url, ['reservation.confirmed'])
    const f = await register(fast.url, ['reservation.confirmed'])
    const dispatcher = h.rt.webhooks.dispatcher
    dispatcher.start()
    try {
      const saleId = await h.createSale(seatedSale(1, 6))
      await confirmSeats(
        saleId,
        ['s1', 's2', 's3', 's4'].map((userId, i) => ({ userId, seatId: `A-1-${i + 1}` }))
      )
      // The fast endpoint gets all four while the slow one has not answered a single request, and
      // holds no more than its share of requests (FC_WEBHOOK_ENDPOINT_CONCURRENCY=2).
      await until(() => fast.delivered(f.secret).length === 4, 30_000, 25, 'fast endpoint served')
      await until(() => slow.received.length > 0, 30_000, 25, 'slow endpoint called')
      expect(slow.received.every((x) => x.answered === undefined)).toBe(true)
      expect(slow.received.length).toBeLessThanOrEqual(2)
      slow.release()
      await until(() => slow.delivered(s.secret).length === 4, 30_000, 25, 'slow endpoint served')
      expect(new Set(slow.delivered(s.secret).map((e) => e.id)).size).toBe(4)
    } finally {
      slow.release()
      await dispatcher.stop()
    }
  })

  it('wakes on the commit of an event, not on its poll', async () => {
    // A poll far longer than the test: only the NOTIFY of the commit can wake it.
    const quiet = await createHarness({ FC_WEBHOOK_POLL_MS: '60000' }, { kafka: false })
    const r = await receiver()
    try {
      const created = await quiet.rt.app.inject({
        method: 'POST',
        url: '/v1/admin/webhooks',
        headers: { authorization: `Bearer ${quiet.adminToken}` },
        payload: { url: r.url, events: ['claim.issued'] }
      })
      const { secret } = created.json() as { secret: string }
      quiet.rt.webhooks.dispatcher.start()
      const saleId = await quiet.createSale(couponSale(2))
      const access = await quiet.admit(saleId, ['n1'])
      const res = await buyerRequest(quiet, 'POST', `/v1/events/${saleId}/claims`, 'n1', access.get('n1'))
      expect(res.status).toBe(202)
      await until(() => r.delivered(secret).length === 1, 30_000, 25, 'woken by the commit')
      expect(r.delivered(secret)[0]?.data).toMatchObject({ claimId: res.body.claimId })
    } finally {
      await quiet.close()
    }
  })
})
