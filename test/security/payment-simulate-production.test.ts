/**
 * Finding 9 (medium): buyers chose the payment outcome. `payment.simulate` was accepted in every
 * profile, so in production a buyer could confirm with `simulate: "approve"` and skip the
 * gateway's decision. Now only the development and test profiles accept the field; production
 * refuses it with 400 FC_VALIDATION before anything happens, and its gateway ignores it anyway.
 */
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SimulatedGateway } from '../../src/adapters/payment/simulated-gateway.ts'
import { createHarness, type Harness, seatedSale } from '../support/harness.ts'

let prod: Harness
let test: Harness

beforeAll(async () => {
  ;[prod, test] = await Promise.all([
    createHarness({
      NODE_ENV: 'production',
      FC_JWT_SECRET: randomBytes(32).toString('base64url'),
      FC_TOKEN_SECRET: randomBytes(32).toString('base64url'),
      // This file is about the simulator in production: allowed on purpose.
      FC_PAYMENT_ALLOW_SIMULATOR: '1'
    }),
    createHarness()
  ])
})
afterAll(async () => {
  await Promise.all([prod?.close(), test?.close()])
})

async function heldSeat(h: Harness) {
  const saleId = await h.createSale(seatedSale(1, 1))
  const access = (await h.admit(saleId, ['ana'])).get('ana') as string
  const headers = async (key: string) => ({
    authorization: `Bearer ${await h.userToken('ana')}`,
    'x-access-token': access,
    'idempotency-key': key
  })
  const held = await h.rt.app.inject({
    method: 'POST',
    url: `/v1/events/${saleId}/holds`,
    headers: await headers('h1'),
    payload: { seatId: 'A-1-1' }
  })
  expect(held.statusCode, held.body).toBe(201)
  const { holdId } = held.json() as { holdId: string }
  const confirm = async (key: string, payload: Record<string, unknown>) =>
    h.rt.app.inject({
      method: 'POST',
      url: `/v1/holds/${holdId}/confirm`,
      headers: await headers(key),
      payload
    })
  return { saleId, holdId, confirm }
}

describe('payment.simulate in production', () => {
  it('is refused with 400 FC_VALIDATION, and the hold stays as it was', async () => {
    expect(prod.config.env).toBe('production')
    const { saleId, holdId, confirm } = await heldSeat(prod)
    for (const simulate of ['approve', 'decline', 'timeout']) {
      const res = await confirm(`c-${simulate}`, { payment: { simulate } })
      expect(res.statusCode).toBe(400)
      expect(res.json()).toMatchObject({
        code: 'FC_VALIDATION',
        message: 'body.payment.simulate is not an allowed field'
      })
    }
    expect(await prod.inventory.getHold(saleId, holdId)).toMatchObject({ state: 'held' })
    expect(await prod.inventory.counts(saleId)).toMatchObject({ held: 1, pending: 0, confirmed: 0 })

    // The public view says so, and a confirm without the field goes through the gateway.
    const view = await prod.rt.app.inject({ url: `/v1/events/${saleId}` })
    expect(view.json()).toMatchObject({ simulatedPayments: false })
    expect((await confirm('c-plain', { payment: { method: 'card' } })).statusCode).toBe(202)
  })

  it('is ignored by the gateway of the production profile', async () => {
    const gateway = new SimulatedGateway({
      latencyMs: 0,
      declineRate: 1,
      timeoutRate: 0,
      timeoutMs: 1000,
      obeySimulate: false
    })
    const outcome = await gateway.charge({
      reservationId: 'r1',
      userId: 'ana',
      amount: 100,
      simulate: 'approve'
    })
    expect(outcome.status).toBe('declined')
  })
})

describe('payment.simulate in the test profile', () => {
  it('is accepted and decides the outcome', async () => {
    const { saleId, holdId, confirm } = await heldSeat(test)
    const view = await test.rt.app.inject({ url: `/v1/events/${saleId}` })
    expect(view.json()).toMatchObject({ simulatedPayments: true })
    expect((await confirm('c1', { payment: { simulate: 'decline' } })).statusCode).toBe(202)
    await test.rt.handoff.drain?.()
    expect(await test.inventory.getHold(saleId, holdId)).toBeUndefined()
    expect(await test.inventory.counts(saleId)).toMatchObject({ available: 1, confirmed: 0 })
  })
})
