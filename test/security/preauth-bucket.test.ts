/**
 * Requests that fail before doing anything count against their address. Before, a failed bearer
 * check or a schema refusal was counted by no limiter and no detector: a client could send junk (or
 * guess tokens) as fast as the server answered, each costing a token check or a parse. Now each
 * such answer (400, 401, 404, 405, 413, 415) takes from the address's `failures` budget, and
 * an address that spent it is refused before authentication, at the cost of one look in memory.
 * Per-IP defences on (FC_IP_LIMITS=1), as in production. Real Redis and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { newSaleId } from '../../src/domain/ids.ts'
import { createHarness, type Harness, seatedSale } from '../support/harness.ts'

let h: Harness
let saleId: string

beforeAll(async () => {
  h = await createHarness({ FC_IP_LIMITS: '1' }, { kafka: false })
  saleId = await h.createSale(seatedSale(1, 4))
  const res = await h.rt.app.inject({
    method: 'PUT',
    url: '/v1/admin/rate-limits',
    headers: { authorization: `Bearer ${h.adminToken}` },
    payload: { policies: { failures: { ip: { burst: 5, perSec: 0.01, windowLimit: 0, windowSec: 60 } } } }
  })
  expect(res.statusCode, res.body).toBe(200)
})
afterAll(async () => {
  await h?.close()
})

const FORGED =
  'Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ4IiwiYXVkIjoiZmlyc3Rjb21lIiwiZXhwIjo0MTAyNDQ0ODAwfQ.' +
  'c2lnbmF0dXJlLXRoYXQtZG9lcy1ub3QtbWF0Y2g'

/** A request that is fine in every way, from `address`. */
async function good(address: string) {
  return h.rt.app.inject({
    method: 'GET',
    url: '/v1/me/reservations',
    headers: { authorization: `Bearer ${await h.userToken('honest')}` },
    remoteAddress: address
  })
}

describe('the pre-authentication budget of failed requests per address', () => {
  it('failed bearer checks use it up; then the address is refused before any token check', async () => {
    const verify = vi.spyOn(h.rt.app.tokenVerifier, 'verify')
    for (let i = 0; i < 5; i++) {
      const res = await h.rt.app.inject({
        method: 'GET',
        url: '/v1/me/reservations',
        headers: { authorization: FORGED },
        remoteAddress: '198.51.100.40'
      })
      expect(res.statusCode).toBe(401)
    }
    const calls = verify.mock.calls.length
    const refused = await good('198.51.100.40')
    expect(refused.statusCode).toBe(429)
    expect(refused.json()).toMatchObject({
      code: 'FC_RATE_LIMITED',
      details: { limit: 'ip', policy: 'failures' }
    })
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1)
    // Refused before authentication: no token was checked for it.
    expect(verify.mock.calls.length).toBe(calls)
    verify.mockRestore()
    // Another address is not affected.
    expect((await good('198.51.100.41')).statusCode).toBe(200)
  })

  it('schema refusals and made-up sale ids use it up too', async () => {
    const token = await h.userToken('junk')
    for (let i = 0; i < 3; i++) {
      const res = await h.rt.app.inject({
        method: 'POST',
        url: `/v1/events/${saleId}/holds`,
        headers: { authorization: `Bearer ${token}`, 'idempotency-key': 'k'.repeat(300) },
        payload: { seatId: 42, extra: true },
        remoteAddress: '198.51.100.50'
      })
      expect(res.statusCode).toBe(400)
    }
    for (let i = 0; i < 2; i++) {
      const res = await h.rt.app.inject({
        method: 'GET',
        url: `/v1/events/${newSaleId()}`,
        remoteAddress: '198.51.100.50'
      })
      expect(res.statusCode).toBe(404)
    }
    expect((await good('198.51.100.50')).statusCode).toBe(429)
    // Unknown paths and /health answer the same from there.
    expect(
      (await h.rt.app.inject({ method: 'GET', url: '/health', remoteAddress: '198.51.100.50' })).statusCode
    ).toBe(429)
  })

  it('successful requests do not use it', async () => {
    for (let i = 0; i < 20; i++) {
      const res = await h.rt.app.inject({
        method: 'GET',
        url: `/v1/events/${saleId}`,
        remoteAddress: '198.51.100.60'
      })
      expect(res.statusCode).toBe(200)
    }
  })
})
