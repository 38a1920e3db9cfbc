/**
 * Warm-up: a sale is visible only once Redis holds its verified inventory, and after Redis loses
 * its data `rewarmCold` rebuilds exactly what PostgreSQL says. Runs against a redis-server of its
 * own, since the test wipes it with FLUSHALL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SeatState, StockCounts } from '../../../src/domain/sale.ts'
import { couponSale, createHarness, type Harness, seatedSale } from '../../support/harness.ts'
import { startOwnRedis } from '../../support/redis-server.ts'

let h: Harness
const cleanups: Array<() => Promise<void>> = []

beforeAll(async () => {
  const redis = await startOwnRedis()
  cleanups.push(() => redis.kill())
  h = await createHarness({ REDIS_URL: redis.url, FC_READY_CACHE_MS: '0' })
  cleanups.push(() => h.close())
})
afterAll(async () => {
  // Every step runs even if an earlier one fails: the redis-server must not outlive the file.
  const errors: unknown[] = []
  for (const cleanup of cleanups.reverse()) await cleanup().catch((err: unknown) => errors.push(err))
  if (errors.length > 0) throw errors[0]
})

async function buyer(
  method: 'POST' | 'DELETE',
  url: string,
  userId: string,
  access: string,
  key?: string,
  payload?: Record<string, unknown>
) {
  return h.rt.app.inject({
    method,
    url,
    headers: {
      authorization: `Bearer ${await h.userToken(userId)}`,
      'x-access-token': access,
      ...(key === undefined ? {} : { 'idempotency-key': key })
    },
    ...(payload === undefined ? {} : { payload })
  })
}

async function ready(): Promise<{ status: number; ready: boolean; events: Record<string, boolean> }> {
  const res = await h.rt.internal.inject({ method: 'GET', url: '/ready' })
  const body = res.json() as { ready: boolean; events: Record<string, boolean> }
  return { status: res.statusCode, ready: body.ready, events: body.events }
}

interface InventoryPicture {
  counts: StockCounts
  seats: Record<string, SeatState>
  users: Record<string, string>
  units: Record<string, unknown>
  expiry: Array<{ value: string; score: number }>
}

/** Everything Redis knows about one sale's inventory (not admissions, idempotency or the ledger). */
async function picture(saleId: string): Promise<InventoryPicture> {
  const k = h.keys.sale(saleId)
  const [counts, seats, users, units, expiry] = await Promise.all([
    h.inventory.counts(saleId),
    h.inventory.seatStates(saleId),
    h.redis.hGetAll(k.users),
    h.redis.hGetAll(k.units),
    h.redis.zRangeWithScores(k.expiry, 0, -1)
  ])
  return {
    counts,
    seats: Object.fromEntries(seats),
    users: { ...users },
    // A sold unit keeps its old hold expiry in Redis but not in PostgreSQL; it never expires, so
    // only a held unit's expiry is part of the picture.
    units: Object.fromEntries(
      Object.entries(units).map(([id, raw]) => {
        const { x, ...unit } = JSON.parse(raw) as { x: number; st: string }
        return [id, unit.st === 'held' ? { ...unit, x } : unit]
      })
    ),
    expiry
  }
}

/** Waits until every accepted booking is processed and every ledger entry is in PostgreSQL. */
async function settle(saleId: string): Promise<void> {
  await h.rt.handoff.drain?.()
  await h.rt.drainLedger()
  expect(await h.inventory.ledgerLength(saleId)).toBe(0)
}

describe('creating a sale', () => {
  it('makes it visible only once warm: right after create it reads with remaining == capacity', async () => {
    const saleId = await h.createSale(seatedSale(2, 3))
    expect(await h.inventory.isWarm(saleId)).toBe(true)
    const res = await h.rt.app.inject({ method: 'GET', url: `/v1/events/${saleId}` })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ id: saleId, status: 'open', capacity: 6, remaining: 6 })
    expect((await ready()).events[saleId]).toBe(true)

    const coupons = await h.createSale(couponSale(7))
    const view = await h.rt.app.inject({ method: 'GET', url: `/v1/events/${coupons}` })
    expect(view.json()).toMatchObject({
      id: coupons,
      kind: 'coupon',
      status: 'open',
      capacity: 7,
      remaining: 7
    })
  })

  it('opens a sale another process warmed first (the cold re-warm job racing the creating request), and still refuses a live one', async () => {
    const saleId = await h.createSale(seatedSale(2, 3))
    // The moment between the insert (status `warming`) and the creating request's own warm-up, with
    // the re-warm job's load already done: Redis holds the sale, PostgreSQL has not opened it.
    await h.repo.setStatus(saleId, 'warming')
    await expect(h.rt.sales.warm(saleId)).resolves.toMatchObject({ id: saleId, status: 'open' })
    expect((await h.repo.getSale(saleId))?.status).toBe('open')
    expect(await h.inventory.counts(saleId)).toMatchObject({ capacity: 6, available: 6 })
    // An open sale Redis holds is live: warming it again is refused.
    await expect(h.rt.sales.warm(saleId)).rejects.toMatchObject({ code: 'FC_SALE_LIVE' })
  })
})

describe('listing sales', () => {
  const list = async (query: string, token = h.adminToken) =>
    h.rt.app.inject({
      method: 'GET',
      url: `/v1/admin/events${query}`,
      headers: { authorization: `Bearer ${token}` }
    })

  it('shows the newest first, filters by status, bounds the count, and is for admins only', async () => {
    const first = await h.createSale(couponSale(3))
    const second = await h.createSale(seatedSale(1, 2))
    await h.rt.app.inject({
      method: 'PATCH',
      url: `/v1/admin/events/${first}/status`,
      headers: { authorization: `Bearer ${h.adminToken}` },
      payload: { status: 'paused' }
    })

    const all = await list('?limit=500')
    expect(all.statusCode).toBe(200)
    const ids = (all.json() as { events: Array<{ id: string }> }).events.map((e) => e.id)
    expect(ids.indexOf(second)).toBeGreaterThanOrEqual(0)
    expect(ids.indexOf(second)).toBeLessThan(ids.indexOf(first))

    const paused = (await list('?status=paused')).json() as { events: Array<{ id: string; status: string }> }
    expect(paused.events.map((e) => e.id)).toContain(first)
    expect(paused.events.every((e) => e.status === 'paused')).toBe(true)

    const one = (await list('?limit=1')).json() as { events: Array<{ id: string; capacity: number }> }
    expect(one.events).toEqual([expect.objectContaining({ id: second, kind: 'seated', capacity: 2 })])

    for (const bad of ['?limit=0', '?limit=501', '?status=sold', '?limit=x', '?order=asc']) {
      const res = await list(bad)
      expect(res.statusCode, bad).toBe(400)
      expect(res.json().code, bad).toBe('FC_VALIDATION')
    }
    const buyer = await list('', await h.userToken('not-an-admin'))
    expect(buyer.statusCode).toBe(403)
    expect(buyer.json().code).toBe('FC_FORBIDDEN')
  })
})

describe('rebuilding after Redis lost its data', () => {
  it('a seated sale comes back exactly as PostgreSQL has it: counts, seats, holds, per-user counts', async () => {
    const saleId = await h.createSale(seatedSale(2, 5, { perUserLimit: 3 }))
    const users = ['alice', 'bob', 'carol']
    const access = await h.admit(saleId, users)
    const holds = new Map<string, string>()
    for (const [userId, seatId] of [
      ['alice', 'A-1-1'],
      ['alice', 'A-1-2'],
      ['alice', 'A-1-3'],
      ['bob', 'A-2-1'],
      ['bob', 'A-2-2'],
      ['carol', 'A-1-5']
    ] as const) {
      const res = await buyer(
        'POST',
        `/v1/events/${saleId}/holds`,
        userId,
        access.get(userId)!,
        `h-${seatId}`,
        { seatId }
      )
      expect(res.statusCode, res.body).toBe(201)
      holds.set(seatId, (res.json() as { holdId: string }).holdId)
    }
    const confirm = async (userId: string, seatId: string, simulate: 'approve' | 'decline') => {
      const res = await buyer(
        'POST',
        `/v1/holds/${holds.get(seatId)}/confirm`,
        userId,
        access.get(userId)!,
        `c-${seatId}`,
        {
          payment: { simulate }
        }
      )
      expect(res.statusCode, res.body).toBe(202)
    }
    await confirm('alice', 'A-1-1', 'approve')
    await confirm('bob', 'A-2-1', 'approve')
    await confirm('alice', 'A-1-2', 'decline')
    const extended = await buyer(
      'POST',
      `/v1/holds/${holds.get('A-1-5')}/extend`,
      'carol',
      access.get('carol')!
    )
    expect(extended.statusCode, extended.body).toBe(200)
    const released = await buyer(
      'DELETE',
      `/v1/holds/${holds.get('A-2-2')}`,
      'bob',
      access.get('bob')!,
      'r-A-2-2'
    )
    expect(released.statusCode, released.body).toBe(200)
    await settle(saleId)

    const before = await picture(saleId)
    // Sold A-1-1 (alice) and A-2-1 (bob); held A-1-3 (alice) and A-1-5 (carol, extended once).
    expect(before.counts).toEqual({ capacity: 10, available: 6, held: 2, pending: 0, confirmed: 2 })
    expect(before.users).toEqual({ alice: '2', bob: '1', carol: '1' })
    expect(before.seats).toMatchObject({
      'A-1-1': 'sold',
      'A-2-1': 'sold',
      'A-1-3': 'held',
      'A-1-5': 'held',
      'A-1-2': 'available'
    })

    await h.redis.flushAll()
    expect(await h.inventory.isWarm(saleId)).toBe(false)
    const cold = await ready()
    expect(cold.events[saleId]).toBe(false)
    // Per-event warm-up is reported, not gated on (src/http/health.ts): other sales keep selling.
    expect(cold).toMatchObject({ status: 200, ready: true })

    // Admissions went with the data; even a freshly admitted buyer is turned away until re-warmed.
    const again = await h.admit(saleId, users)
    const refusals = await Promise.all([
      buyer('POST', `/v1/events/${saleId}/holds`, 'carol', again.get('carol')!, 'cold-hold', {
        seatId: 'A-2-5'
      }),
      buyer('POST', `/v1/holds/${holds.get('A-1-5')}/extend`, 'carol', again.get('carol')!),
      buyer(
        'POST',
        `/v1/holds/${holds.get('A-1-3')}/confirm`,
        'alice',
        again.get('alice')!,
        'cold-confirm',
        {}
      ),
      buyer('DELETE', `/v1/holds/${holds.get('A-1-3')}`, 'alice', again.get('alice')!, 'cold-release')
    ])
    for (const res of refusals) {
      expect(res.statusCode, res.body).toBe(503)
      expect(res.json()).toMatchObject({ code: 'FC_UNAVAILABLE' })
    }

    expect(await h.rt.sales.rewarmCold()).toContain(saleId)
    expect(await picture(saleId)).toEqual(before)
    const warm = await ready()
    expect(warm).toMatchObject({ status: 200, ready: true })
    expect(warm.events[saleId]).toBe(true)
    // Nothing left to re-warm, and the rebuilt sale sells on: limits and taken seats hold.
    expect(await h.rt.sales.rewarmCold()).toEqual([])
    await h.admit(saleId, users)
    const taken = await buyer('POST', `/v1/events/${saleId}/holds`, 'carol', again.get('carol')!, 'warm-1', {
      seatId: 'A-1-3'
    })
    expect(taken.json()).toMatchObject({ code: 'FC_SEAT_TAKEN' })
    const limited = await buyer(
      'POST',
      `/v1/events/${saleId}/holds`,
      'alice',
      again.get('alice')!,
      'warm-2',
      { seatId: 'A-2-5' }
    )
    expect(limited.statusCode, limited.body).toBe(201)
    const over = await buyer('POST', `/v1/events/${saleId}/holds`, 'alice', again.get('alice')!, 'warm-3', {
      seatId: 'A-2-4'
    })
    expect(over.json()).toMatchObject({ code: 'FC_LIMIT_REACHED' })
  })

  it('a coupon sale comes back with the same counts and per-user claims', async () => {
    const saleId = await h.createSale(couponSale(5, { perUserLimit: 2 }))
    const users = ['dave', 'erin', 'frank']
    const access = await h.admit(saleId, users)
    for (const [userId, key] of [
      ['dave', 'a'],
      ['dave', 'b'],
      ['erin', 'a']
    ] as const) {
      const res = await buyer('POST', `/v1/events/${saleId}/claims`, userId, access.get(userId)!, key)
      expect(res.statusCode, res.body).toBe(202)
    }
    await settle(saleId)
    const before = await picture(saleId)
    expect(before.counts).toEqual({ capacity: 5, available: 2, held: 0, pending: 0, confirmed: 3 })
    expect(before.users).toEqual({ dave: '2', erin: '1' })

    await h.redis.flushAll()
    expect((await ready()).events[saleId]).toBe(false)
    const again = await h.admit(saleId, users)
    const cold = await buyer('POST', `/v1/events/${saleId}/claims`, 'frank', again.get('frank')!, 'cold')
    expect(cold.statusCode, cold.body).toBe(503)
    expect(cold.json()).toMatchObject({ code: 'FC_UNAVAILABLE' })

    expect(await h.rt.sales.rewarmCold()).toContain(saleId)
    expect(await picture(saleId)).toEqual(before)
    expect((await ready()).events[saleId]).toBe(true)
    await h.admit(saleId, users)
    const over = await buyer('POST', `/v1/events/${saleId}/claims`, 'dave', again.get('dave')!, 'c')
    expect(over.json()).toMatchObject({ code: 'FC_LIMIT_REACHED' })
    const ok = await buyer('POST', `/v1/events/${saleId}/claims`, 'frank', again.get('frank')!, 'warm')
    expect(ok.statusCode, ok.body).toBe(202)
  })
})
