import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type {
  ControlStore,
  RateCheck,
  RateLimitStore,
  RateVerdict,
  SubjectLimit
} from '../../src/domain/traffic-ports.ts'
import { DEFAULT_TRAFFIC_POLICY } from '../../src/http/rate-limits.ts'
import { BotDetector } from '../../src/services/bot-detector.ts'
import { freshState, take } from '../../src/services/rate-algorithms.ts'
import { RateLimiter } from '../../src/services/rate-limiter.ts'

/** A shared store that runs the same algorithms in memory (the Lua script's contract). */
function memoryStore(now: () => number): RateLimitStore & ControlStore & { calls: number } {
  const states = new Map<string, ReturnType<typeof freshState>>()
  let overrides: string | null = null
  return {
    calls: 0,
    async check(c: RateCheck): Promise<RateVerdict> {
      this.calls++
      const t = now()
      const trial = c.subjects.map((s) => {
        const k = `${c.saleId}|${c.policy}|${s.kind}|${s.id}`
        const st = { ...(states.get(k) ?? freshState(s.limit, t)) }
        return { k, st, wait: take(st, s.limit, t), kind: s.kind }
      })
      const denied = trial.find((x) => x.wait > 0)
      if (denied) return { allowed: false, retryAfterMs: denied.wait, denied: denied.kind, pace: 0 }
      for (const x of trial) states.set(x.k, x.st)
      return { allowed: true, pace: 0 }
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

describe('the in-process pre-limiter', () => {
  it('answers a hot abusive key locally: Redis sees about one call per refill, not one per request', async () => {
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
      if (i % 100 === 0) now += 10
      const r = await limiter.check({
        policy: 'hold',
        saleId: 'e000000000000001',
        userId: 'bot',
        ip: '1.2.3.4',
        mutating: false
      })
      if (r.ok) ok++
      else {
        refused++
        expect(r.error.code).toBe('FC_RATE_LIMITED')
        expect(r.error.retryAfterSec).toBeGreaterThanOrEqual(1)
      }
    }
    // 1 s passed: the burst of 60 plus 20 refilled.
    expect(ok).toBeLessThanOrEqual(60 + 20 + 1)
    expect(ok).toBeGreaterThanOrEqual(60)
    expect(refused).toBe(10_000 - ok)
    expect(store.calls).toBeLessThanOrEqual(ok + 5)
    expect(limiter.stats.localDenials).toBeGreaterThan(9000)
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
      limiter.check({ policy: 'hold', saleId: 'e000000000000001', userId, ip: '9.9.9.9', mutating: false })
    expect((await ask('a')).ok).toBe(true)
    expect((await ask('b')).ok).toBe(true)
    const third = await ask('c')
    expect(third.ok).toBe(false)
    if (!third.ok) expect(third.error.details).toEqual({ limit: 'ip' })
    // Lifting the address limit at runtime lets c in at once.
    await limiter.setOverrides({ policies: { hold: { ip: null } } })
    expect((await ask('c')).ok).toBe(true)
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
