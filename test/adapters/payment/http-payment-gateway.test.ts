/**
 * The HTTP provider's gateway against the fake provider (a real HTTP server on a free port): one
 * charge per reservation however often it is asked, a decline is a decline, an unanswered confirm
 * is resolved by asking the provider, refunds are idempotent, and callbacks count only when signed.
 */
import { createHmac } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  CALLBACK_SIGNATURE_HEADER,
  HttpPaymentGateway,
  ProviderCallbackVerifier
} from '../../../src/adapters/payment/http-payment-gateway.ts'
import { type FakeProvider, startFakeProvider } from '../../../tools/payment-provider/fake-provider.ts'

let fake: FakeProvider
let gateway: HttpPaymentGateway

beforeEach(async () => {
  fake = await startFakeProvider()
  gateway = new HttpPaymentGateway({
    url: fake.url,
    secretKey: fake.secretKey,
    timeoutMs: 300,
    defaultCurrency: 'KRW'
  })
})
afterEach(async () => {
  await fake.close()
})

const order = (n: number) => `e0000000000000000.r${String(n).padStart(16, '0')}`

describe('charges', () => {
  it('approves with the amount and currency, once however often it is asked', async () => {
    const request = { reservationId: order(1), userId: 'u1', amount: 1999, currency: 'USD' }
    const first = await gateway.charge(request)
    expect(first).toMatchObject({ status: 'approved' })
    expect(await gateway.charge(request)).toEqual(first)
    expect(fake.charges(order(1))).toBe(1)
    expect(fake.confirmCalls(order(1))).toBe(2)
    expect(fake.ledger).toEqual([expect.objectContaining({ kind: 'charge', amount: 1999, currency: 'USD' })])
  })

  it('charges in the default currency when the request names none', async () => {
    await gateway.charge({ reservationId: order(2), userId: 'u1', amount: 5000 })
    expect(fake.payment(order(2))).toMatchObject({ amount: 5000, currency: 'KRW', status: 'DONE' })
  })

  it('a decline takes nothing', async () => {
    fake.setBehaviour(order(3), { charge: 'decline' })
    expect(await gateway.charge({ reservationId: order(3), userId: 'u1', amount: 10 })).toEqual({
      status: 'declined',
      reason: 'card declined'
    })
    expect(fake.charges(order(3))).toBe(0)
  })

  it('an unanswered confirm is resolved by asking the provider for the order', async () => {
    fake.setBehaviour(order(4), { charge: 'timeout' })
    const outcome = await gateway.charge({ reservationId: order(4), userId: 'u1', amount: 10 })
    expect(outcome).toEqual({ status: 'approved', providerRef: fake.payment(order(4))?.paymentKey })
    expect(fake.charges(order(4))).toBe(1)
  })

  it('an outcome nobody can tell is a timeout, never an approval', async () => {
    const silent = new HttpPaymentGateway({
      url: 'http://127.0.0.1:9', // nothing listens on the discard port
      secretKey: 'sk',
      timeoutMs: 200,
      defaultCurrency: 'KRW'
    })
    expect(await silent.charge({ reservationId: order(5), userId: 'u1', amount: 10 })).toEqual({
      status: 'timeout'
    })
  })

  it("confirms the buyer's payment key; a key for another order or amount is declined", async () => {
    const key = fake.authorize(order(6), 700, 'KRW')
    expect(
      await gateway.charge({ reservationId: order(6), userId: 'u1', amount: 700, paymentKey: key })
    ).toEqual({ status: 'approved', providerRef: key })
    const other = fake.authorize(order(7), 700, 'KRW')
    expect(
      await gateway.charge({ reservationId: order(7), userId: 'u1', amount: 999, paymentKey: other })
    ).toMatchObject({ status: 'declined' })
    expect(fake.charges(order(7))).toBe(0)
  })

  it('without a key, a provider that requires one declines: nothing is charged', async () => {
    const strict = await startFakeProvider({ requireKey: true })
    try {
      const g = new HttpPaymentGateway({
        url: strict.url,
        secretKey: strict.secretKey,
        timeoutMs: 300,
        defaultCurrency: 'KRW'
      })
      expect(await g.charge({ reservationId: order(8), userId: 'u1', amount: 10 })).toEqual({
        status: 'declined',
        reason: 'payment key required'
      })
    } finally {
      await strict.close()
    }
  })

  it('a wrong secret key is an error (retried, then dead-lettered), not a decline', async () => {
    const wrong = new HttpPaymentGateway({
      url: fake.url,
      secretKey: 'sk_wrong',
      timeoutMs: 300,
      defaultCurrency: 'KRW'
    })
    await expect(wrong.charge({ reservationId: order(9), userId: 'u1', amount: 10 })).rejects.toThrow(
      /401 UNAUTHORIZED_KEY/
    )
  })
})

describe('refunds', () => {
  it('gives back a captured charge once; nothing for an order never charged or declined', async () => {
    await gateway.charge({ reservationId: order(10), userId: 'u1', amount: 10 })
    const first = await gateway.refund({ reservationId: order(10), amount: 10, providerRef: null })
    expect(first).toMatchObject({ status: 'refunded' })
    expect(await gateway.refund({ reservationId: order(10), amount: 10, providerRef: null })).toEqual(first)
    expect(fake.refunds(order(10))).toBe(1)
    expect(await gateway.refund({ reservationId: order(11), amount: 10, providerRef: null })).toEqual({
      status: 'nothing_charged'
    })
    fake.setBehaviour(order(12), { charge: 'decline' })
    await gateway.charge({ reservationId: order(12), userId: 'u1', amount: 10 })
    expect(await gateway.refund({ reservationId: order(12), amount: 10, providerRef: null })).toEqual({
      status: 'nothing_charged'
    })
  })
})

describe('callback signatures', () => {
  const secret = 'whsec_0123456789abcdef0123'
  const verifier = new ProviderCallbackVerifier(secret)
  const body = JSON.stringify({
    eventId: 'evt_1',
    eventType: 'PAYMENT_STATUS_CHANGED',
    data: { orderId: order(1), paymentKey: 'pay_1', status: 'DONE', amount: 10, currency: 'KRW' }
  })
  const sign = (t: number, text = body, key = secret) =>
    `t=${t},v1=${createHmac('sha256', key).update(`${t}.${text}`).digest('hex')}`
  const now = Date.now()
  const t = Math.floor(now / 1000)

  it('accepts the signed body and reads it', () => {
    expect(verifier.verify(body, { [CALLBACK_SIGNATURE_HEADER]: sign(t) }, now)).toEqual({
      eventId: 'evt_1',
      orderId: order(1),
      status: 'approved',
      paymentKey: 'pay_1',
      amount: 10,
      currency: 'KRW'
    })
  })

  it('refuses another secret, a changed body, an old or future timestamp, no header', () => {
    expect(
      verifier.verify(body, { [CALLBACK_SIGNATURE_HEADER]: sign(t, body, 'whsec_other') }, now)
    ).toBeUndefined()
    expect(
      verifier.verify(
        body.replace('"amount":10', '"amount":11'),
        { [CALLBACK_SIGNATURE_HEADER]: sign(t) },
        now
      )
    ).toBeUndefined()
    expect(verifier.verify(body, { [CALLBACK_SIGNATURE_HEADER]: sign(t - 301) }, now)).toBeUndefined()
    expect(verifier.verify(body, { [CALLBACK_SIGNATURE_HEADER]: sign(t + 301) }, now)).toBeUndefined()
    expect(verifier.verify(body, {}, now)).toBeUndefined()
    expect(verifier.verify(body, { [CALLBACK_SIGNATURE_HEADER]: 't=abc,v1=zz' }, now)).toBeUndefined()
  })
})
