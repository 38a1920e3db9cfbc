/**
 * Rate limits no URL parameter can rotate. Before, every budget was keyed by the sale id in the
 * URL: after a 429 on one sale the same user went on by naming a made-up sale id (a fresh budget),
 * and each made-up id cost an uncached PostgreSQL look-up. Now an unknown sale id is refused before
 * the limiter or a handler does any work, and the user's and the address's budgets span every
 * sale. Real Redis and PostgreSQL; per-IP limits on, as in production.
 */
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { PgSaleRepository } from '../../src/adapters/postgres/sale-repository.ts'
import { newSaleId } from '../../src/domain/ids.ts'
import { KnownSales } from '../../src/services/traffic/known-sales.ts'
import { createHarness, type Harness, seatedSale } from '../support/harness.ts'

let h: Harness
let admin: Record<string, string>

beforeAll(async () => {
  h = await createHarness({ FC_IP_LIMITS: '1' }, { kafka: false })
  admin = { authorization: `Bearer ${h.adminToken}` }
})
afterAll(async () => {
  await h?.close()
})

async function limits(policies: Record<string, unknown>): Promise<void> {
  const res = await h.rt.app.inject({
    method: 'PUT',
    url: '/v1/admin/rate-limits',
    headers: admin,
    payload: { policies }
  })
  expect(res.statusCode, res.body).toBe(200)
}

const tight = { burst: 3, perSec: 0.01, windowLimit: 0, windowSec: 60 }

describe('rate-limit subjects', () => {
  it('a made-up sale id is refused before the limiter and any look-up of its own', async () => {
    const saleId = await h.createSale(seatedSale(1, 4))
    // On the class: the runtime's own repository is not handed out.
    const snapshots = vi.spyOn(PgSaleRepository.prototype, 'loadSnapshot')
    const sales = vi.spyOn(PgSaleRepository.prototype, 'getSale')
    const before = { ...h.rt.traffic.limiter.stats }
    const user = await h.userToken('rotator')
    const madeUp = Array.from({ length: 200 }, () => newSaleId())
    const answers = await Promise.all(
      madeUp.map((id, i) =>
        h.rt.app.inject({
          method: 'GET',
          url: i % 2 === 0 ? `/v1/events/${id}` : `/v1/events/${id}/seats`,
          headers: { authorization: `Bearer ${user}` },
          // An address of its own: the many 404s count against its pre-auth budget.
          remoteAddress: `192.0.2.${1 + (i % 200)}`
        })
      )
    )
    for (const a of answers) {
      expect(a.statusCode).toBe(404)
      expect(a.json()).toMatchObject({ code: 'FC_NOT_FOUND' })
    }
    expect(snapshots).not.toHaveBeenCalled()
    expect(sales).not.toHaveBeenCalled()
    expect(h.rt.traffic.limiter.stats).toMatchObject({ allowed: before.allowed, denied: before.denied })
    // A real sale created a moment ago is known at once.
    const known = await h.rt.app.inject({ method: 'GET', url: `/v1/events/${saleId}` })
    expect(known.statusCode).toBe(200)
    snapshots.mockRestore()
    sales.mockRestore()
  })

  it("a user's budget spans every sale: another sale's id, real or made up, does not reset it", async () => {
    await limits({ 'queue-read': { user: tight } })
    const [a, b] = [await h.createSale(seatedSale(1, 4)), await h.createSale(seatedSale(1, 4))]
    const as = async (userId: string, saleId: string) =>
      h.rt.app.inject({
        method: 'GET',
        url: `/v1/events/${saleId}/queue`,
        headers: { authorization: `Bearer ${await h.userToken(userId)}` },
        // Each from an address of its own, so only the user's budget can refuse.
        remoteAddress: `198.51.100.${1 + Math.floor(Math.random() * 250)}`
      })
    // Not in the queue (404 from the handler), but each call passes the limiter and counts.
    const first = [await as('greedy', a), await as('greedy', a), await as('greedy', a), await as('greedy', a)]
    expect(first.map((r) => r.statusCode)).toEqual([404, 404, 404, 429])
    const other = await as('greedy', b)
    expect(other.statusCode).toBe(429)
    expect(other.json()).toMatchObject({ code: 'FC_RATE_LIMITED', details: { limit: 'user' } })
    expect((await as('greedy', newSaleId())).json()).toMatchObject({
      code: 'FC_NOT_FOUND',
      message: 'No such sale'
    })
    expect((await as('greedy', a)).statusCode).toBe(429)
    // Another user is not affected.
    expect((await as('calm', b)).statusCode).toBe(404)
    await limits({})
  })

  it("an address's budget spans every sale too", async () => {
    await limits({ read: { ip: tight } })
    const [a, b] = [await h.createSale(seatedSale(1, 4)), await h.createSale(seatedSale(1, 4))]
    const address = `203.0.113.${1 + Math.floor(Math.random() * 250)}`
    const get = (saleId: string) =>
      h.rt.app.inject({ method: 'GET', url: `/v1/events/${saleId}`, remoteAddress: address })
    const first = [await get(a), await get(a), await get(a), await get(a)].map((r) => r.statusCode)
    expect(first).toEqual([200, 200, 200, 429])
    const other = await get(b)
    expect(other.statusCode).toBe(429)
    expect(other.json()).toMatchObject({ details: { limit: 'ip' } })
    await limits({})
  })

  it('a sale created by another process is found by the next look-up; look-ups are shared by every miss', async () => {
    let clock = 0
    const ids = new Set<string>()
    let calls = 0
    const known = new KnownSales({
      directory: {
        saleIds: async () => {
          calls++
          return [...ids]
        }
      },
      gapMs: 250,
      now: () => clock
    })
    await known.refresh()
    expect(calls).toBe(1)
    ids.add('elsewhere000001')
    // 1,000 misses at once wait for one look-up together.
    const answers = await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        known.exists(i === 0 ? 'elsewhere000001' : randomBytes(8).toString('hex'))
      )
    )
    expect(calls).toBe(2)
    expect(answers.filter(Boolean)).toHaveLength(1)
    expect(known.has('elsewhere000001')).toBe(true)
    clock += 1000
    expect(await known.exists('still-unknown01')).toBe(false)
    expect(calls).toBe(3)
  })
})
