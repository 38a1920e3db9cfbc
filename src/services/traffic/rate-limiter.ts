import type {
  ControlStore,
  RateLimitStore,
  RateSubject,
  SubjectKind,
  SubjectLimit
} from '../../domain/traffic-ports.ts'
import { FcError } from '../../errors.ts'
import { type BucketState, charge, freshState, giveBack, take } from './rate-algorithms.ts'

/** The limits of one route policy, per subject; a subject left out is not limited. */
export interface RatePolicy {
  user?: SubjectLimit
  ip?: SubjectLimit
  event?: SubjectLimit
}

/** When the bot detector blocks on its own (see `BotDetector`). */
export interface AutoBlockPolicy {
  /** Block a user who sends more than this many mutating requests in one second. 0 = off. */
  userPerSec: number
  /** Block an address from which more than this many distinct users arrive within the window. 0 = off. */
  ipDistinctUsers: number
  /** Block a client fingerprint (`X-Client-Fingerprint`) shared by more than this many users in the window. 0 = off. */
  fingerprintDistinctUsers: number
  /** The window of the two distinct-user counts, in seconds. */
  distinctWindowSec: number
  /** How long an automatic block lasts, in seconds. */
  blockSec: number
}

/** Every route policy by name, and the auto-block thresholds. */
export interface TrafficPolicy {
  policies: Record<string, RatePolicy>
  autoBlock: AutoBlockPolicy
}

/**
 * What an operator changed at runtime (`PUT /v1/admin/rate-limits`): per policy and subject a new
 * limit, or null to lift that subject's limit; auto-block thresholds. Everything else keeps its default.
 */
export interface TrafficOverrides {
  policies?: Record<string, Partial<Record<SubjectKind, SubjectLimit | null>>>
  autoBlock?: Partial<AutoBlockPolicy>
}

/** One request as the limiter sees it. */
export interface RateRequest {
  /** Route policy name. */
  policy: string
  /** The sale the request is about, '' for none. */
  saleId: string
  userId?: string
  ip: string
  /** Counts toward the user's pace (mutating routes). */
  mutating: boolean
}

/** The limiter's answer: `pace` is the user's mutating requests this second, every process's as far as known (0 if not asked). */
export type RateOutcome = { ok: true; pace: number } | { ok: false; error: FcError; pace: number }

/** Counters for tests, metrics and the benchmark notes. */
export interface RateLimiterStats {
  /** Requests let through. */
  allowed: number
  /** Requests refused. */
  denied: number
  /** Sync calls to the shared store (one per sale with requests since the last sync, one for users and addresses). */
  syncs: number
  /** Sync calls that failed (their counts are sent again with the next one). */
  syncFailures: number
}

interface LocalEntry {
  saleId: string
  policy: string
  kind: SubjectKind
  id: string
  limit: SubjectLimit
  /** The shared state as of the last sync, with this process's requests since then counted in. */
  state: BucketState
  /** Requests let through here and not yet sent to the shared store. */
  unsynced: number
}

/** One sync call: some of one sale's subjects and paces, with the counts sent for each. */
interface SyncCall {
  saleId: string
  entries: LocalEntry[]
  sent: number[]
  paces: PaceEntry[]
  paceSent: number[]
}

interface PaceEntry {
  saleId: string
  userId: string
  second: number
  /** The count every process had reached this second, as of the last sync. */
  known: number
  unsynced: number
}

// Local entries kept per process: one per active (policy, sale, subject); the oldest go first.
const LOCAL_CAPACITY = 100_000

/** Keys (subjects and paces) per sync call. */
export const MAX_SYNC_KEYS = 128

/** How often each process adds what it let through to the shared state, by default. */
export const RATE_SYNC_MS = 100

const WHO: Record<SubjectKind, string> = {
  user: 'from you',
  ip: 'from your network address',
  event: 'for this sale right now'
}

/** Applies overrides to the defaults. */
export function mergePolicy(defaults: TrafficPolicy, overrides: TrafficOverrides): TrafficPolicy {
  const policies: Record<string, RatePolicy> = {}
  for (const [name, policy] of Object.entries(defaults.policies)) {
    const merged: RatePolicy = { ...policy }
    for (const [kind, limit] of Object.entries(overrides.policies?.[name] ?? {})) {
      if (limit === null) delete merged[kind as SubjectKind]
      else if (limit !== undefined) merged[kind as SubjectKind] = limit
    }
    policies[name] = merged
  }
  return { policies, autoBlock: { ...defaults.autoBlock, ...overrides.autoBlock } }
}

/**
 * Rate limits shared by every API process: each process decides alone, and the processes share
 * what they let through in Redis, in the background.
 *
 * LINE's lesson (seed 001, "join throttling"): a hot key must not cost a shared store one round
 * trip per request. Here no request waits for Redis. Each process keeps, per subject, a copy of its
 * token bucket and sliding window, decides on it, and every {@link RATE_SYNC_MS} ms (`sync()`) adds
 * the requests it let through to the shared state (`rate-sync-n.lua`, one call per sale for its
 * event subjects, and one for the user and address subjects, which span every sale) and takes
 * back the shared state, everyone's requests included. Within one process a limit is exact. Across
 * processes a subject can get more than its limit only within one sync interval: each process
 * spends from the budget it last heard of, so with P processes at most P-1 times what was left at
 * the last sync, plus one burst per process for a subject it has not synced yet. What got through
 * is still counted (the bucket goes into debt), so over time the limit holds. If Redis cannot be
 * reached, every process keeps limiting on its own and sends its counts when Redis is back.
 */
export class RateLimiter {
  readonly #store: RateLimitStore
  readonly #control: ControlStore
  readonly #defaults: TrafficPolicy
  readonly #ipLimits: boolean
  readonly #now: () => number
  readonly #local = new Map<string, LocalEntry>()
  readonly #pace = new Map<string, PaceEntry>()
  /** Entries and paces with requests not yet sent. */
  #dirty = new Set<LocalEntry>()
  #dirtyPace = new Set<PaceEntry>()
  #overrides: TrafficOverrides = {}
  #overridesText: string | null = null
  #policy: TrafficPolicy
  readonly stats: RateLimiterStats = { allowed: 0, denied: 0, syncs: 0, syncFailures: 0 }

  constructor(deps: {
    store: RateLimitStore
    control: ControlStore
    defaults: TrafficPolicy
    /** Check per-address limits (`FC_IP_LIMITS`). */
    ipLimits: boolean
    now?: () => number
  }) {
    this.#store = deps.store
    this.#control = deps.control
    this.#defaults = deps.defaults
    this.#ipLimits = deps.ipLimits
    this.#now = deps.now ?? Date.now
    this.#policy = deps.defaults
  }

  /** Whether per-address limits are on. */
  get ipLimits(): boolean {
    return this.#ipLimits
  }

  /** The policies in force (defaults with overrides applied). */
  get policy(): TrafficPolicy {
    return this.#policy
  }

  get defaults(): TrafficPolicy {
    return this.#defaults
  }

  get overrides(): TrafficOverrides {
    return this.#overrides
  }

  /** Stores new overrides for every process and applies them here at once. */
  async setOverrides(overrides: TrafficOverrides): Promise<TrafficPolicy> {
    for (const name of Object.keys(overrides.policies ?? {})) {
      if (!(name in this.#defaults.policies))
        throw new FcError('FC_VALIDATION', `There is no policy "${name}"`)
    }
    const text = JSON.stringify(overrides)
    await this.#control.writeOverrides(text)
    this.#apply(text)
    return this.#policy
  }

  /** Reloads the overrides other processes may have written (every second, from the runtime). */
  async refresh(): Promise<void> {
    const text = await this.#control.readOverrides()
    if (text !== this.#overridesText) this.#apply(text)
  }

  #apply(text: string | null): void {
    let overrides: TrafficOverrides = {}
    try {
      if (text !== null) overrides = JSON.parse(text) as TrafficOverrides
    } catch {
      // A document this version cannot read keeps the defaults rather than stopping every request.
    }
    this.#overrides = overrides
    this.#overridesText = text
    this.#policy = mergePolicy(this.#defaults, overrides)
  }

  /** The subjects one request is checked against under the current policy. */
  subjects(req: RateRequest): RateSubject[] {
    const policy = this.#policy.policies[req.policy]
    if (!policy) return []
    const out: RateSubject[] = []
    if (policy.user && req.userId !== undefined)
      out.push({ kind: 'user', id: req.userId, limit: policy.user })
    if (policy.ip && this.#ipLimits) out.push({ kind: 'ip', id: req.ip, limit: policy.ip })
    if (policy.event && req.saleId !== '') out.push({ kind: 'event', id: req.saleId, limit: policy.event })
    return out
  }

  /**
   * Checks and counts one request against every subject of its policy, on this process's copies:
   * all of them take it, or none does. Never waits for Redis.
   */
  check(req: RateRequest): RateOutcome {
    const subjects = this.subjects(req)
    const paceUser = req.mutating ? req.userId : undefined
    if (subjects.length === 0 && paceUser === undefined) return { ok: true, pace: 0 }
    const now = this.#now()
    const pace = paceUser === undefined ? undefined : this.#paceEntry(paceUser, now)
    if (pace) pace.unsynced++
    const paceNow = pace ? pace.known + pace.unsynced : 0

    const taken: LocalEntry[] = []
    for (const s of subjects) {
      const entry = this.#entry(req, s, now)
      const wait = take(entry.state, entry.limit, now)
      if (wait > 0) {
        for (const t of taken) giveBack(t.state, t.limit)
        this.stats.denied++
        return { ok: false, error: limited(s.kind, wait), pace: paceNow }
      }
      taken.push(entry)
    }
    for (const entry of taken) {
      entry.unsynced++
      this.#dirty.add(entry)
    }
    this.stats.allowed++
    return { ok: true, pace: paceNow }
  }

  /**
   * Counts one request against every subject of its policy whatever their budgets (a bucket may go
   * into debt): for what already happened, such as a request that failed. Never refuses, and not
   * counted in {@link stats}.
   */
  record(req: RateRequest): void {
    const now = this.#now()
    for (const s of this.subjects(req)) {
      const entry = this.#entry(req, s, now)
      charge(entry.state, entry.limit, now, 1)
      entry.unsynced++
      this.#dirty.add(entry)
    }
  }

  /**
   * How long (ms) until one more request of `policy` fits the budget of one subject that spans every
   * sale (a user or an address), without taking from it: 0 when it fits, or when the policy does
   * not limit that subject. The pre-authentication check of failed requests per address reads it.
   */
  waitFor(policy: string, kind: 'user' | 'ip', id: string): number {
    const limit = this.#policy.policies[policy]?.[kind]
    if (!limit || (kind === 'ip' && !this.#ipLimits)) return 0
    const entry = this.#local.get(`${policy}|${scopeOf(kind, '')}|${kind}|${id}`)
    if (!entry) return 0
    // On a copy: a look must not count as a request.
    return take({ ...entry.state }, limit, this.#now())
  }

  /**
   * Adds the requests let through since the last sync to the shared state, one call per sale, and
   * takes the shared state back into the local copies. Runs every {@link RATE_SYNC_MS} ms (the
   * runtime) and once more on shutdown. A failed call keeps its counts for the next one.
   */
  async sync(): Promise<void> {
    if (this.#dirty.size === 0 && this.#dirtyPace.size === 0) return
    const entries = this.#dirty
    const paces = this.#dirtyPace
    this.#dirty = new Set()
    this.#dirtyPace = new Set()
    // One call per sale and at most MAX_SYNC_KEYS keys: a script over thousands of keys would hold
    // Redis for milliseconds, and every hold waiting behind it with it.
    const calls: SyncCall[] = []
    const open = new Map<string, SyncCall>()
    const callFor = (saleId: string) => {
      let c = open.get(saleId)
      if (!c || c.entries.length + c.paces.length >= MAX_SYNC_KEYS) {
        c = { saleId, entries: [], sent: [], paces: [], paceSent: [] }
        open.set(saleId, c)
        calls.push(c)
      }
      return c
    }
    for (const e of entries) {
      const c = callFor(e.saleId)
      c.entries.push(e)
      c.sent.push(e.unsynced)
      e.unsynced = 0
    }
    for (const p of paces) {
      const c = callFor(p.saleId)
      c.paces.push(p)
      c.paceSent.push(p.unsynced)
      p.known += p.unsynced
      p.unsynced = 0
    }
    const failures: unknown[] = []
    // One after another: the calls are in the background, and Redis serves others in between.
    for (const call of calls) await this.#send(call, failures)
    if (failures.length > 0)
      throw new AggregateError(failures, `${failures.length} of ${calls.length} rate-limit syncs failed`)
  }

  /** Sends one sync call and takes the shared state back; on failure keeps its counts for the next sync. */
  async #send(g: SyncCall, failures: unknown[]): Promise<void> {
    const saleId = g.saleId
    this.stats.syncs++
    let result: Awaited<ReturnType<RateLimitStore['sync']>>
    try {
      result = await this.#store.sync({
        saleId,
        subjects: g.entries.map((e, i) => ({
          policy: e.policy,
          kind: e.kind,
          id: e.id,
          limit: e.limit,
          count: g.sent[i] ?? 0
        })),
        paces: g.paces.map((p, j) => ({ userId: p.userId, count: g.paceSent[j] ?? 0 }))
      })
    } catch (err) {
      // Sent again next time: the local copies went on counting them all along.
      this.stats.syncFailures++
      failures.push(err)
      g.entries.forEach((e, i) => {
        e.unsynced += g.sent[i] ?? 0
        this.#dirty.add(e)
      })
      g.paces.forEach((p, j) => {
        p.known -= g.paceSent[j] ?? 0
        p.unsynced += g.paceSent[j] ?? 0
        this.#dirtyPace.add(p)
      })
      return
    }
    const now = this.#now()
    g.entries.forEach((e, i) => {
      const shared = result.subjects[i]
      if (!shared) return
      // The shared state has every process's requests; the ones let through here while the
      // sync was on its way are counted in again.
      e.state = {
        tokens: shared.tokens,
        at: shared.at,
        size: e.limit.burst,
        windowStart: shared.windowStart,
        current: shared.current,
        previous: shared.previous
      }
      if (e.unsynced > 0) charge(e.state, e.limit, now, e.unsynced)
    })
    g.paces.forEach((p, j) => {
      const total = result.paces[j]
      if (total !== undefined && p.second === Math.floor(now / 1000)) p.known = Math.max(p.known, total)
    })
  }

  /** Requests let through and not yet sent to the shared store (tests, shutdown). */
  get unsynced(): number {
    let n = 0
    for (const e of this.#dirty) n += e.unsynced
    return n
  }

  #entry(req: RateRequest, s: RateSubject, now: number): LocalEntry {
    const saleId = scopeOf(s.kind, req.saleId)
    const key = `${req.policy}|${saleId}|${s.kind}|${s.id}`
    let entry = this.#local.get(key)
    // A limit changed at runtime applies at once: `take` adds a changed bucket size's difference.
    if (entry && entry.limit !== s.limit) entry.limit = s.limit
    if (!entry) {
      if (this.#local.size >= LOCAL_CAPACITY) this.#evictOne()
      entry = {
        saleId,
        policy: req.policy,
        kind: s.kind,
        id: s.id,
        limit: s.limit,
        state: freshState(s.limit, now),
        unsynced: 0
      }
      this.#local.set(key, entry)
    }
    return entry
  }

  /** Drops the oldest entry that has nothing left to send (its shared state stays in Redis). */
  #evictOne(): void {
    for (const [key, entry] of this.#local) {
      if (entry.unsynced === 0) {
        this.#local.delete(key)
        return
      }
    }
  }

  #paceEntry(userId: string, now: number): PaceEntry {
    // Across every sale, like the user's own limits: a bot spreading over sales is one pace.
    const saleId = ''
    const second = Math.floor(now / 1000)
    const key = userId
    let p = this.#pace.get(key)
    if (!p || (p.second !== second && p.unsynced === 0)) {
      if (!p && this.#pace.size >= LOCAL_CAPACITY) {
        for (const [k, v] of this.#pace) {
          if (v.unsynced === 0) {
            this.#pace.delete(k)
            break
          }
        }
      }
      p = { saleId, userId, second, known: 0, unsynced: 0 }
      this.#pace.set(key, p)
    } else if (p.second !== second) {
      // A new second while the last one's count is unsent: send it, but count from zero here.
      p.second = second
      p.known = -p.unsynced
    }
    this.#dirtyPace.add(p)
    return p
  }
}
/**
 * The sale a subject's budget belongs to: the event's own sale, and none ('') for users and
 * addresses. A user's or an address's budget spans every sale, so no URL parameter (a made-up or
 * another real sale id) can open a fresh one after a 429.
 */
function scopeOf(kind: SubjectKind, saleId: string): string {
  return kind === 'event' ? saleId : ''
}

function limited(kind: SubjectKind, waitMs: number): FcError {
  const retryAfterSec = Math.max(1, Math.ceil(waitMs / 1000))
  return new FcError('FC_RATE_LIMITED', `Too many requests ${WHO[kind]}: retry after ${retryAfterSec} s`, {
    retryAfterSec,
    details: { limit: kind }
  })
}
