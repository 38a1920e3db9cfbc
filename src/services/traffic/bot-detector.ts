import type { BlockKind } from '../../domain/traffic-ports.ts'
import type { AutoBlockPolicy } from './rate-limiter.ts'

/** A block the detector asks for. */
export interface BlockDecision {
  kind: BlockKind
  value: string
  reason: string
}

/** One request as the detector sees it. */
export interface Observation {
  userId?: string
  ip: string
  /** The client's `X-Client-Fingerprint` header, if it sent one. */
  fingerprint?: string
  mutating: boolean
}

interface Distinct {
  start: number
  users: Set<string>
}

// Tracked addresses, fingerprints and users per process; the oldest go first past this.
const CAPACITY = 50_000

/**
 * Spots patterns no person produces, per process and in memory (nothing here costs a round trip):
 * - one user sending mutating requests faster than anyone clicks (`userPerSec` in one second; the
 *   shared rate-limit script also counts this pace across processes, see {@link paceExceeded});
 * - many distinct users arriving from one address, or with one client fingerprint, in a short
 *   window (a farm of accounts behind one machine). The address check is off where every client
 *   shares an address (the development profile, the local load lab: `FC_IP_LIMITS=0`).
 */
export class BotDetector {
  readonly #policy: () => AutoBlockPolicy
  readonly #ipChecks: boolean
  readonly #now: () => number
  readonly #pace = new Map<string, { second: number; count: number }>()
  readonly #byIp = new Map<string, Distinct>()
  readonly #byFingerprint = new Map<string, Distinct>()

  constructor(deps: { policy: () => AutoBlockPolicy; ipChecks: boolean; now?: () => number }) {
    this.#policy = deps.policy
    this.#ipChecks = deps.ipChecks
    this.#now = deps.now ?? Date.now
  }

  /** Counts one request; returns the blocks it calls for (usually none). */
  observe(o: Observation): BlockDecision[] {
    const policy = this.#policy()
    const now = this.#now()
    const out: BlockDecision[] = []
    if (o.userId !== undefined && o.mutating && policy.userPerSec > 0) {
      const second = Math.floor(now / 1000)
      let p = this.#pace.get(o.userId)
      if (!p || p.second !== second) {
        p = { second, count: 0 }
        bounded(this.#pace, o.userId, p)
      }
      p.count++
      if (this.paceExceeded(p.count)) out.push(paceBlock(o.userId, policy))
    }
    if (o.userId !== undefined) {
      const window = policy.distinctWindowSec * 1000
      if (this.#ipChecks && policy.ipDistinctUsers > 0) {
        const n = countDistinct(this.#byIp, o.ip, o.userId, now, window, policy.ipDistinctUsers)
        if (n > policy.ipDistinctUsers) {
          // Counting starts over: once the block ends, the address gets a clean slate.
          this.#byIp.delete(o.ip)
          out.push({
            kind: 'ip',
            value: o.ip,
            reason: `auto: more than ${policy.ipDistinctUsers} users from one address in ${policy.distinctWindowSec} s`
          })
        }
      }
      if (o.fingerprint !== undefined && policy.fingerprintDistinctUsers > 0) {
        const n = countDistinct(
          this.#byFingerprint,
          o.fingerprint,
          o.userId,
          now,
          window,
          policy.fingerprintDistinctUsers
        )
        if (n > policy.fingerprintDistinctUsers) {
          this.#byFingerprint.delete(o.fingerprint)
          out.push({
            kind: 'fp',
            value: o.fingerprint,
            reason: `auto: more than ${policy.fingerprintDistinctUsers} users with one client fingerprint in ${policy.distinctWindowSec} s`
          })
        }
      }
    }
    return out
  }

  /** True when a user's pace in one second is beyond any person's. */
  paceExceeded(pace: number): boolean {
    const limit = this.#policy().userPerSec
    return limit > 0 && pace > limit
  }

  /** The block for a user whose shared pace (counted in Redis across processes) is too high. */
  paceBlock(userId: string): BlockDecision {
    return paceBlock(userId, this.#policy())
  }
}

function paceBlock(userId: string, policy: AutoBlockPolicy): BlockDecision {
  return {
    kind: 'user',
    value: userId,
    reason: `auto: more than ${policy.userPerSec} changing requests in one second`
  }
}

function bounded<V>(map: Map<string, V>, key: string, value: V): void {
  if (!map.has(key) && map.size >= CAPACITY) map.delete(map.keys().next().value as string)
  map.set(key, value)
}

/** Adds `userId` to the window of `key`; returns how many distinct users the window has seen. */
function countDistinct(
  map: Map<string, Distinct>,
  key: string,
  userId: string,
  now: number,
  windowMs: number,
  threshold: number
): number {
  let d = map.get(key)
  if (!d || now - d.start >= windowMs) {
    d = { start: now, users: new Set() }
    bounded(map, key, d)
  }
  // One past the threshold is enough to decide; the set never grows beyond that.
  if (d.users.size <= threshold) d.users.add(userId)
  return d.users.size
}
