import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type {
  ControlStore,
  RateLimitStore,
  RateSync,
  RateSyncResult,
  SubjectLimit
} from '../../../src/domain/traffic-ports.ts'
import { DEFAULT_TRAFFIC_POLICY } from '../../../src/http/rate-limits.ts'
import { BotDetector } from '../../../src/services/traffic/bot-detector.ts'
import { type BucketState, charge, freshState, take } from '../../../src/services/traffic/rate-algorithms.ts'
import { MAX_SYNC_KEYS, RateLimiter } from '../../../src/services/traffic/rate-limiter.ts'

/** A shared store that runs the same arithmetic in memory (the sync script's contract). */
function memoryStore(
  now: () => number
): RateLimitStore & ControlStore & { calls: number; fail: boolean; counted: number; maxKeys: number } {
  const states = new Map<string, BucketState>()
  const paces = new Map<string, { until: number; count: number }>()
  let overrides: string | null = null
  return {
    calls: 0,
    fail: false,
    counted: 0,
    maxKeys: 0,
    async sync(batch: RateSync): Promise<RateSyncResult> {
      this.calls++
      this.maxKeys = Math.max(this.maxKeys, batch.subjects.length + batch.paces.length)
      if (this.fail) throw new Error('shared store down')
      const t = now()
      const subjects = batch.subjects.map((s) => {
        const k = `${batch.saleId}|${s.policy}|${s.kind}|${s.id}`
        const st = states.get(k) ?? freshState(s.limit, t)
        charge(st, s.limit, t, s.count)
        states.set(k, st)
        this.counted += s.count
        return {
          at: t,
          tokens: st.tokens,
          windowStart: st.windowStart,
          current: st.current,
          previous: st.previous
        }
      })
      const counts = batch.paces.map((p) => {
        const k = `${batch.saleId}|${p.userId}`
        const e = paces.get(k)
        const next =
          e && e.until > t
            ? { until: e.until, count: e.count + p.count }
            : { until: t + 1000, count: p.count }
        paces.set(k, next)
        return next.count
      })
      return { subjects, paces: counts }
    },
    async readOverrides() {
      return overrides
    },
    async writeOverrides(json) {
      overrides = json
    }
  }
}

describe('rate algorithms', () => {
  it('never let more through than burst + rate x time, nor more than the window allows', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 100 }),
        fc.array(fc.integer({ min: 0, max: 200 }), { minLength: 1, maxLength: 300 }),
        (burst, perSec, gaps) => {
          const limit: SubjectLimit = { burst, perSec, windowLimit: 0, windowSec: 1 }
          let now = 1_000_000
          const st = freshState(limit, now)
          let allowed = 0
          const start = now
          for (const g of gaps) {
            now += g
            if (take(st, limit, now) === 0) allowed++
          }
          expect(allowed).toBeLessThanOrEqual(burst + Math.floor(((now - start) * perSec) / 1000) + 1)
        }
      )
    )
  })

  it('the sliding window never admits more than its limit within any one fixed window', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 1, maxLength: 300 }),
        (windowLimit, gaps) => {
          const limit: SubjectLimit = { burst: 0, perSec: 1, windowLimit, windowSec: 1 }
          let now = 5_000_000
          const st = freshState(limit, now)
          const perWindow = new Map<number, number>()
          for (const g of gaps) {
            now += g
            const wait = take(st, limit, now)
            if (wait === 0) {
              const w = Math.floor(now / 1000)
              perWindow.set(w, (perWindow.get(w) ?? 0) + 1)
            } else {
              expect(wait).toBeGreaterThan(0)
              expect(wait).toBeLessThanOrEqual(2000)
            }
          }
          for (const n of perWindow.values()) expect(n).toBeLessThanOrEqual(windowLimit)
        }
      )
    )
  })
})

const SALE = 'e000000000000001'

/** `n` processes sharing `store`, limiting holds per user with `limit` alone, on the clock `now`. */
function processes(store: RateLimitStore & ControlStore, now: () => number, limit: SubjectLimit, n: number) {
  const defaults = { ...DEFAULT_TRAFFIC_POLICY, policies: { hold: { user: limit } } }
  return Array.from(
    { length: n },
    () => new RateLimiter({ store, control: store, defaults, ipLimits: false, now })
  )
}

describe('the limiter: local decisions, shared in the background', () => {
  it('decides every request in memory: a 10,000-request burst costs the shared store one call per sync', async () => {
    let now = 10_000_000
    const store = memoryStore(() => now)
    const limiter = new RateLimiter({
      store,
      control: store,
      defaults: DEFAULT_TRAFFIC_POLICY,
      ipLimits: false,
      now: () => now
    })
    let ok = 0
    let refused = 0
    for (let i = 0; i < 10_000; i++) {
      if (i % 100 === 0) {
        now += 10
        // The runtime syncs every 100 ms.
        if (i % 1000 === 0) await limiter.sync()
      }
      const r = limiter.check({ policy: 'hold', saleId: SALE, userId: 'bot', ip: '1.2.3.4', mutating: false })
      if (r.ok) ok++
      else {
        refused++
        expect(r.error.code).toBe('FC_RATE_LIMITED')
        expect(r.error.retryAfterSec).toBeGreaterThanOrEqual(1)
      }
    }
    await limiter.sync()
    // 1 s passed: the burst of 60 plus 20 refilled.
    expect(ok).toBeLessThanOrEqual(60 + 20 + 1)
    expect(ok).toBeGreaterThanOrEqual(60)
    expect(refused).toBe(10_000 - ok)
    expect(limiter.stats).toMatchObject({ allowed: ok, denied: refused, syncFailures: 0 })
    // Per sync that had something to send, whatever the number of requests: one call for the
    // sale's event subject and one for the subjects that span every sale (the user's).
    expect(store.calls).toBeLessThanOrEqual(2 * 11)
    expect(limiter.unsynced).toBe(0)
  })

  it('two processes learn of each other at each sync; what one let through is a debt for both', async () => {
    let now = 30_000_000
    const store = memoryStore(() => now)
    const limit = { burst: 10, perSec: 5, windowLimit: 0, windowSec: 60 }
    const [a, b] = processes(store, () => now, limit, 2) as [RateLimiter, RateLimiter]
    const admitted = (p: RateLimiter, n: number) =>
      Array.from({ length: n }, () =>
        p.check({ policy: 'hold', saleId: SALE, userId: 'u', ip: '1.1.1.1', mutating: false })
      ).filter((r) => r.ok).length
    // Before any sync each process spends the one burst it knows of.
    expect(admitted(a, 30)).toBe(10)
    expect(admitted(b, 30)).toBe(10)
    await a.sync()
    await b.sync()
    // b synced last and knows the bucket is 10 in debt: the refill pays 5 of it in 1 s, not enough.
    now += 1000
    expect(admitted(b, 10)).toBe(0)
    // a's copy is as of its own sync (0, before b's 10): it lets the second's refill through, then
    // syncs and knows the debt too.
    expect(admitted(a, 10)).toBe(5)
    await a.sync()
    expect(admitted(a, 10)).toBe(0)
    // The debt of 10 is paid back by t+3 s; at t+4 s the bucket holds 5 for both together.
    now += 3000
    expect(admitted(a, 10)).toBe(5)
    await a.sync()
    // b's copy is as of t (10 in debt, so 10 after 4 s of refill): a copy that has not synced since
    // others spent lets at most one burst too many through, which the next sync turns into a debt.
    const stale = admitted(b, 10)
    expect(stale).toBeLessThanOrEqual(limit.burst)
    await b.sync()
    expect(admitted(b, 10)).toBe(0)
    // Nothing was lost: the shared bucket counted all 20 + 5 + 5 + stale requests.
    expect(a.stats.allowed + b.stats.allowed).toBe(30 + stale)
    expect(store.counted).toBe(30 + stale)
  })

  it('with syncs every 100 ms, processes together stay within the limit plus one burst and one interval each', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 30 })), {
          minLength: 1,
          maxLength: 400
        }),
        async (steps) => {
          let now = 50_000_000
          const start = now
          const store = memoryStore(() => now)
          const limit = { burst: 8, perSec: 20, windowLimit: 0, windowSec: 60 }
          const procs = processes(store, () => now, limit, 3)
          let lastSync = now
          let admitted = 0
          for (const [p, gap] of steps) {
            now += gap
            if (now - lastSync >= 100) {
              for (const q of procs) await q.sync()
              lastSync = now
            }
            const r = procs[p]!.check({
              policy: 'hold',
              saleId: SALE,
              userId: 'u',
              ip: '1.1.1.1',
              mutating: false
            })
            if (r.ok) admitted++
          }
          for (const q of procs) await q.sync()
          const seconds = (now - start) / 1000
          const P = procs.length
          expect(admitted).toBeLessThanOrEqual(
            limit.burst + limit.perSec * seconds + P * (limit.burst + limit.perSec * 0.1) + 1
          )
        }
      ),
      { numRuns: 200 }
    )
  })

  it('splits a large sync into calls of at most MAX_SYNC_KEYS keys, and loses no count', async () => {
    const now = 60_000_000
    const store = memoryStore(() => now)
    const limiter = new RateLimiter({
      store,
      control: store,
      defaults: DEFAULT_TRAFFIC_POLICY,
      ipLimits: false,
      now: () => now
    })
    for (let u = 0; u < 300; u++) {
      const r = limiter.check({
        policy: 'hold',
        saleId: SALE,
        userId: `u${u}`,
        ip: '1.1.1.1',
        mutating: false
      })
      expect(r.ok).toBe(true)
    }
    await limiter.sync()
    // 300 user subjects (spanning every sale) in calls of at most 128, and one for the sale's event subject.
    expect(store.calls).toBe(Math.ceil(300 / MAX_SYNC_KEYS) + 1)
    expect(store.maxKeys).toBe(MAX_SYNC_KEYS)
    expect(store.counted).toBe(300 * 2)
    expect(limiter.unsynced).toBe(0)
  })

  it('keeps limiting on its own while the shared store is down, and sends the counts once it answers', async () => {
    const now = 40_000_000
    const store = memoryStore(() => now)
    const limit = { burst: 5, perSec: 1, windowLimit: 0, windowSec: 60 }
    const [limiter, peer] = processes(store, () => now, limit, 2) as [RateLimiter, RateLimiter]
    store.fail = true
    const results = Array.from({ length: 8 }, () =>
      limiter.check({ policy: 'hold', saleId: SALE, userId: 'u', ip: '1.1.1.1', mutating: true })
    )
    expect(results.filter((r) => r.ok)).toHaveLength(5)
    await expect(limiter.sync()).rejects.toThrow(/rate-limit syncs failed/)
    expect(limiter.stats.syncFailures).toBe(1)
    expect(limiter.unsynced).toBe(5)
    store.fail = false
    await limiter.sync()
    expect(limiter.unsynced).toBe(0)
    // A second process now sees the five and the pace of eight (refused requests count for pace).
    expect(peer.check({ policy: 'hold', saleId: SALE, userId: 'u', ip: '1.1.1.1', mutating: true }).ok).toBe(
      true
    )
    await peer.sync()
    const after = peer.check({ policy: 'hold', saleId: SALE, userId: 'u', ip: '1.1.1.1', mutating: true })
    expect(after.ok).toBe(false)
    expect(after.pace).toBe(10)
  })

  it('takes nothing from the other subjects when one refuses, and applies runtime overrides', async () => {
    const now = 20_000_000
    const store = memoryStore(() => now)
    const limiter = new RateLimiter({
      store,
      control: store,
      defaults: DEFAULT_TRAFFIC_POLICY,
      ipLimits: true,
      now: () => now
    })
    await limiter.setOverrides({
      policies: { hold: { ip: { burst: 2, perSec: 1, windowLimit: 0, windowSec: 60 } } }
    })
    const ask = (userId: string) =>
      limiter.check({ policy: 'hold', saleId: SALE, userId, ip: '9.9.9.9', mutating: false })
    expect(ask('a').ok).toBe(true)
    expect(ask('b').ok).toBe(true)
    const third = ask('c')
    expect(third.ok).toBe(false)
    if (!third.ok) expect(third.error.details).toEqual({ limit: 'ip' })
    // c's own bucket lost nothing to the refusal.
    await limiter.sync()
    // Lifting the address limit at runtime lets c in at once.
    await limiter.setOverrides({ policies: { hold: { ip: null } } })
    expect(ask('c').ok).toBe(true)
    // A second process reads the same overrides.
    const peer = new RateLimiter({ store, control: store, defaults: DEFAULT_TRAFFIC_POLICY, ipLimits: true })
    await peer.refresh()
    expect(peer.policy.policies.hold?.ip).toBeUndefined()
  })
})

describe('the bot detector', () => {
  it('flags a user faster than any person, and many users behind one address or fingerprint', () => {
    let now = 1_000_000
    const policy = {
      ...DEFAULT_TRAFFIC_POLICY.autoBlock,
      userPerSec: 5,
      ipDistinctUsers: 3,
      fingerprintDistinctUsers: 2
    }
    const d = new BotDetector({ policy: () => policy, ipChecks: true, now: () => now })
    const decisions = []
    for (let i = 0; i < 6; i++)
      decisions.push(...d.observe({ userId: 'fast', ip: '1.1.1.1', mutating: true }))
    expect(decisions).toEqual([expect.objectContaining({ kind: 'user', value: 'fast' })])
    now += 1000
    expect(d.observe({ userId: 'fast', ip: '1.1.1.1', mutating: true })).toEqual([])
    const farm = ['u1', 'u2', 'u3'].flatMap((u) =>
      d.observe({ userId: u, ip: '1.1.1.1', fingerprint: 'fp-aaaaaaaa', mutating: false })
    )
    expect(farm.map((x) => x.kind).sort()).toEqual(['fp', 'ip'])
    const off = new BotDetector({ policy: () => policy, ipChecks: false, now: () => now })
    for (const u of ['a', 'b', 'c', 'd', 'e'])
      expect(off.observe({ userId: u, ip: '127.0.0.1', mutating: false })).toEqual([])
  })
})
