/**
 * `GET /v1/events/:id/seats` reads and serialises the whole seat map on every call: it falls
 * under a rate-limit policy of its own (`seat-map`), per user, per address and per sale, which an
 * operator tunes apart from the cheap reads. Real Redis and PostgreSQL; per-IP limits on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { policyOf } from '../../src/http/rate-limits.ts'
import { createHarness, type Harness, seatedSale } from '../support/harness.ts'

let h: Harness

beforeAll(async () => {
  h = await createHarness({ FC_IP_LIMITS: '1' }, { kafka: false })
})
afterAll(async () => {
  await h?.close()
})

const tight = { burst: 2, perSec: 0.01, windowLimit: 0, windowSec: 60 }

async function limits(policies: Record<string, unknown>): Promise<void> {
  const res = await h.rt.app.inject({
    method: 'PUT',
    url: '/v1/admin/rate-limits',
    headers: { authorization: `Bearer ${h.adminToken}` },
    payload: { policies }
  })
  expect(res.statusCode, res.body).toBe(200)
}

describe('the seat map', () => {
  it('is limited per address and per sale under its own policy; the other reads are not touched', async () => {
    expect(policyOf('GET', '/v1/events/:id/seats')).toBe('seat-map')
    const saleId = await h.createSale(seatedSale(2, 10))
    await limits({ 'seat-map': { ip: tight } })
    const seats = () =>
      h.rt.app.inject({ method: 'GET', url: `/v1/events/${saleId}/seats`, remoteAddress: '198.51.100.20' })
    const statuses = [(await seats()).statusCode, (await seats()).statusCode, (await seats()).statusCode]
    expect(statuses).toEqual([200, 200, 429])
    const refused = await seats()
    expect(refused.json()).toMatchObject({ code: 'FC_RATE_LIMITED', details: { limit: 'ip' } })
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1)
    // The sale's public view is a cheap read, under its own budget.
    const view = await h.rt.app.inject({
      method: 'GET',
      url: `/v1/events/${saleId}`,
      remoteAddress: '198.51.100.20'
    })
    expect(view.statusCode).toBe(200)

    // A sale's whole budget for everyone together, whoever asks (a sale not read yet: a fresh budget).
    const other = await h.createSale(seatedSale(2, 10))
    await limits({ 'seat-map': { event: tight } })
    const from = (n: number) =>
      h.rt.app.inject({ method: 'GET', url: `/v1/events/${other}/seats`, remoteAddress: `192.0.2.${n}` })
    expect([(await from(1)).statusCode, (await from(2)).statusCode, (await from(3)).statusCode]).toEqual([
      200, 200, 429
    ])
    await limits({})
  })
})
