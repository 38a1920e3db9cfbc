/**
 * Bookings paid through a real provider over HTTP (the fake provider, a server on a free port):
 * the API confirms with the buyer's payment key, the pipeline charges once with the reservation id
 * as Idempotency-Key, and the provider's callbacks reach POST /v1/payments/callback on the API's
 * own socket. A booking is confirmed only on a success the provider stands behind; a callback
 * counts only when signed, and once.
 */
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { reservationIdOf } from '../../../src/services/sales/buyer-service.ts'
import { type FakeProvider, startFakeProvider } from '../../../tools/payment-provider/fake-provider.ts'
import { buyerRequest, createHarness, type Harness, seatedSale } from '../../support/harness.ts'

let h: Harness
let fake: FakeProvider
let saleId: string
let seat = 0

beforeAll(async () => {
  fake = await startFakeProvider()
  h = await createHarness({
    FC_PAYMENT_PROVIDER: 'http',
    FC_PAYMENT_URL: fake.url,
    FC_PAYMENT_SECRET_KEY: fake.secretKey,
    FC_PAYMENT_CALLBACK_SECRET: fake.callbackSecret,
    FC_PAYMENT_TIMEOUT_MS: '400'
  })
  await h.rt.app.listen({ port: 0, host: '127.0.0.1' })
  fake.setCallbackUrl(
    `http://127.0.0.1:${(h.rt.app.server.address() as AddressInfo).port}/v1/payments/callback`
  )
  saleId = await h.createSale(seatedSale(4, 10, { perUserLimit: 40 }))
})
afterAll(async () => {
  await h?.close()
  await fake?.close()
})

/** Holds the next seat and confirms it with a payment key the buyer got from the provider. */
async function buy(
  userId: string,
  behaviour: Parameters<FakeProvider['setBehaviour']>[1] = {},
  withKey = true
): Promise<{ reservationId: string; confirm: number }> {
  seat++
  const seatId = `A-${Math.floor((seat - 1) / 10) + 1}-${((seat - 1) % 10) + 1}`
  const access = (await h.admit(saleId, [userId])).get(userId)
  const hold = await buyerRequest(h, 'POST', `/v1/events/${saleId}/holds`, userId, access, { seatId })
  expect(hold.status, JSON.stringify(hold.body)).toBe(201)
  const reservationId = reservationIdOf(hold.body.holdId as string)
  fake.setBehaviour(reservationId, behaviour)
  const payment = withKey ? { key: fake.authorize(reservationId, 5000, 'KRW') } : {}
  const confirm = await buyerRequest(h, 'POST', `/v1/holds/${hold.body.holdId}/confirm`, userId, access, {
    payment
  })
  return { reservationId, confirm: confirm.status }
}

const statusOf = async (reservationId: string) =>
  (await h.pool.query<{ status: string }>('SELECT status FROM reservations WHERE id = $1', [reservationId]))
    .rows[0]?.status

const settled = (reservationId: string) =>
  expect.poll(() => statusOf(reservationId), { timeout: 20_000, interval: 50 })

const notices = async (reservationId: string) =>
  (
    await h.pool.query<{ event_id: string; status: string }>(
      'SELECT event_id, status FROM payment_notices WHERE order_id = $1',
      [reservationId]
    )
  ).rows

const payments = async (reservationId: string) =>
  (
    await h.pool.query<{ status: string; provider_ref: string | null }>(
      'SELECT status, provider_ref FROM payments WHERE reservation_id = $1',
      [reservationId]
    )
  ).rows

describe('payments through the provider', () => {
  it('approved: confirmed once, charged once, the callback recorded', async () => {
    const { reservationId, confirm } = await buy('p1')
    expect(confirm).toBe(202)
    await settled(reservationId).toBe('confirmed')
    expect(fake.charges(reservationId)).toBe(1)
    expect(await payments(reservationId)).toEqual([
      { status: 'approved', provider_ref: fake.payment(reservationId)?.paymentKey }
    ])
    await expect
      .poll(() => notices(reservationId))
      .toEqual([{ event_id: `evt_${reservationId}_DONE`, status: 'approved' }])
    expect(fake.ledger.find((e) => e.orderId === reservationId)).toMatchObject({
      amount: 5000,
      currency: 'KRW'
    })
  })

  it('without a payment key the provider charges server-side (it allows it here)', async () => {
    const { reservationId } = await buy('p2', {}, false)
    await settled(reservationId).toBe('confirmed')
    expect(fake.charges(reservationId)).toBe(1)
  })

  it('declined: failed, nothing charged, no refund owed', async () => {
    const { reservationId } = await buy('p3', { charge: 'decline' })
    await settled(reservationId).toBe('failed')
    expect(fake.charges(reservationId)).toBe(0)
    const refunds = await h.pool.query('SELECT 1 FROM refunds WHERE reservation_id = $1', [reservationId])
    expect(refunds.rowCount).toBe(0)
    await expect.poll(async () => (await notices(reservationId)).map((n) => n.status)).toEqual(['declined'])
  })

  it('a confirm that never answers is resolved by asking the provider: confirmed, charged once', async () => {
    const { reservationId } = await buy('p4', { charge: 'timeout' })
    await settled(reservationId).toBe('confirmed')
    expect(fake.charges(reservationId)).toBe(1)
    expect(await payments(reservationId)).toEqual([
      { status: 'approved', provider_ref: fake.payment(reservationId)?.paymentKey }
    ])
  })

  it('a duplicate callback is recorded once and confirms nothing twice', async () => {
    const { reservationId } = await buy('p5', { callback: 'duplicate' })
    await settled(reservationId).toBe('confirmed')
    await expect.poll(() => fake.callbacks.filter((c) => c.orderId === reservationId).length).toBe(2)
    expect(fake.callbacks.filter((c) => c.orderId === reservationId).map((c) => c.status)).toEqual([200, 200])
    expect(await notices(reservationId)).toHaveLength(1)
    expect(await payments(reservationId)).toHaveLength(1)
    expect(fake.charges(reservationId)).toBe(1)
  })

  it('a forged callback is refused and changes nothing', async () => {
    const { reservationId } = await buy('p6', { charge: 'decline', callback: 'forged' })
    await settled(reservationId).toBe('failed')
    await expect.poll(() => fake.callbacks.find((c) => c.orderId === reservationId)?.status).toBe(401)
    expect(await notices(reservationId)).toEqual([])
    expect(await statusOf(reservationId)).toBe('failed')
    expect(fake.charges(reservationId)).toBe(0)

    // Straight at the route: no signature, a bad one, an old one.
    const body = JSON.stringify({
      eventId: 'evt_forged',
      data: { orderId: reservationId, status: 'DONE', amount: 5000, currency: 'KRW', paymentKey: 'x' }
    })
    for (const signature of [undefined, `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}`]) {
      const res = await h.rt.app.inject({
        method: 'POST',
        url: '/v1/payments/callback',
        headers: {
          'content-type': 'application/json',
          ...(signature ? { 'fc-provider-signature': signature } : {})
        },
        payload: body
      })
      expect(res.statusCode).toBe(401)
      expect(res.json()).toMatchObject({ code: 'FC_SIGNATURE_INVALID' })
    }
    expect(await notices(reservationId)).toEqual([])
  })

  it('a callback that arrives before the provider answers the API: confirmed once', async () => {
    const { reservationId } = await buy('p7', { callback: 'before-reply' })
    await settled(reservationId).toBe('confirmed')
    expect(fake.callbacks.filter((c) => c.orderId === reservationId).map((c) => c.status)).toEqual([200])
    expect(await notices(reservationId)).toEqual([
      { event_id: `evt_${reservationId}_DONE`, status: 'approved' }
    ])
    expect(await payments(reservationId)).toHaveLength(1)
    expect(fake.charges(reservationId)).toBe(1)
  })

  it('a refund owed goes through the provider, once', async () => {
    // The seat is confirmed for someone else first: the charge is refunded.
    const { reservationId } = await buy('p8', { charge: 'timeout' })
    await settled(reservationId).toBe('confirmed')
    await h.pool.query(
      "INSERT INTO refunds (reservation_id, sale_id, user_id, amount) VALUES ($1, $2, 'p8', 5000)",
      [reservationId, saleId]
    )
    while ((await h.rt.refunds.runOnce()) > 0) {}
    while ((await h.rt.refunds.runOnce()) > 0) {}
    expect(fake.refunds(reservationId)).toBe(1)
    const { rows } = await h.pool.query('SELECT status FROM refunds WHERE reservation_id = $1', [
      reservationId
    ])
    expect(rows).toEqual([{ status: 'refunded' }])
  })
})
