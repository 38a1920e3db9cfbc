/**
 * The shared side of rate limiting on real Redis (`rate-sync-n.lua` through RedisTrafficStore):
 * what several processes send adds up, a bucket spent past empty stays in debt until its refill
 * pays it back, windows count per fixed window, a changed bucket size applies its difference, and users' paces
 * add up within the second.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SubjectLimit } from '../../../src/domain/traffic-ports.ts'
import { createHarness, type Harness } from '../../support/harness.ts'

let h: Harness

beforeAll(async () => {
  h = await createHarness()
})
afterAll(async () => {
  await h?.close()
})

const bucket = (burst: number, perSec: number): SubjectLimit => ({
  burst,
  perSec,
  windowLimit: 0,
  windowSec: 60
})

describe('rate-sync-n.lua', () => {
  it('adds up what every process sends, and keeps a debt past empty', async () => {
    const store = h.rt.traffic.store
    const saleId = `rs${randomUUID().slice(0, 8)}`
    const limit = bucket(10, 1)
    const send = (count: number) =>
      store.sync({ saleId, subjects: [{ policy: 'hold', kind: 'user', id: 'u', limit, count }], paces: [] })
    const first = await send(6)
    expect(first.subjects[0]?.tokens).toBeCloseTo(4, 1)
    // A second process sends 9 it let through on its own copy: 5 past empty.
    const second = await send(9)
    expect(second.subjects[0]?.tokens).toBeLessThan(-4.5)
    expect(second.subjects[0]?.tokens).toBeGreaterThan(-5.1)
    // The key lives until the debt is paid back and the bucket is full again (~15 s at 1/s).
    const key = h.keys.rateSubject(saleId, 'hold', 'user', 'u')
    expect(await h.redis.pTTL(key)).toBeGreaterThan(14_000)
  })

  it('counts the window of the current second, and a changed bucket size at once', async () => {
    const store = h.rt.traffic.store
    const saleId = `rs${randomUUID().slice(0, 8)}`
    const windowed: SubjectLimit = { burst: 0, perSec: 1, windowLimit: 100, windowSec: 1 }
    const subject = (limit: SubjectLimit, count: number, kind: 'user' | 'event' = 'event') => ({
      policy: 'claim',
      kind,
      id: saleId,
      limit,
      count
    })
    const a = await store.sync({ saleId, subjects: [subject(windowed, 30)], paces: [] })
    const s = a.subjects[0]!
    expect(s.current).toBe(30)
    expect(s.windowStart).toBe(s.at - (s.at % 1000))
    // A raised bucket size adds its difference to what is left.
    await store.sync({ saleId, subjects: [subject(bucket(10, 1), 10, 'user')], paces: [] })
    const raised = await store.sync({ saleId, subjects: [subject(bucket(50, 1), 0, 'user')], paces: [] })
    expect(raised.subjects[0]?.tokens).toBeGreaterThanOrEqual(40)
    expect(raised.subjects[0]?.tokens).toBeLessThan(41)
  })

  it('adds up a user pace within the second, and answers in the order it was asked', async () => {
    const store = h.rt.traffic.store
    const saleId = `rs${randomUUID().slice(0, 8)}`
    const one = await store.sync({
      saleId,
      subjects: [],
      paces: [
        { userId: 'p1', count: 3 },
        { userId: 'p2', count: 1 }
      ]
    })
    const two = await store.sync({ saleId, subjects: [], paces: [{ userId: 'p1', count: 4 }] })
    expect(one.paces).toEqual([3, 1])
    expect(two.paces).toEqual([7])
    expect(await h.redis.pTTL(h.keys.pace(saleId, 'p1'))).toBeLessThanOrEqual(1000)
  })
})
