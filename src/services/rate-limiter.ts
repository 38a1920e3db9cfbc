import type {
  ControlStore,
  RateLimitStore,
  RateSubject,
  SubjectKind,
  SubjectLimit
} from '../domain/traffic-ports.ts'
import { FcError } from '../errors.ts'
import { type BucketState, freshState, giveBack, take } from './rate-algorithms.ts'

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

/** The limiter's answer: `pace` is the user's mutating requests this second as Redis counted them (0 if not asked). */
export type RateOutcome = { ok: true; pace: number } | { ok: false; error: FcError; pace: number }

/** Counters for tests, metrics and the benchmark notes. */
export interface RateLimiterStats {
  /** Requests refused in this process without asking Redis. */
  localDenials: number
  /** Requests checked in Redis. */
  sharedChecks: number
  /** Requests Redis refused. */
  sharedDenials: number
}

interface LocalEntry {
  state: BucketState
  /** Redis or the local mirror said no until then (ms): answer no without asking again. */
  deniedUntil: number
}

// Local entries kept per process: one per active (policy, sale, subject); the oldest go first.
const LOCAL_CAPACITY = 100_000

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
 * Rate limits shared by every API process, in Redis, with an in-process pre-limiter in front.
 *
 * The pre-limiter is LINE's lesson (seed 001, "join throttling"): a hot key must not cost a shared
 * store one round trip per request. Each process keeps, per subject, a copy of the same bucket and
 * window. A subject's local copy only ever sees this process's share of its requests, so when the
 * local copy is empty the shared one is too: the request is refused here, without Redis. And once
 * Redis refused a subject until a time, this process refuses it until then on its own. An abusive
 * client therefore costs Redis about one call per refill, not one per request; a legitimate
 * request costs exactly one script call, whatever the number of subjects it is checked against.
 */
export class RateLimiter {
  readonly #store: RateLimitStore
  readonly #control: ControlStore
  readonly #defaults: TrafficPolicy
  readonly #ipLimits: boolean
  readonly #now: () => number
  readonly #local = new Map<string, LocalEntry>()
  #overrides: TrafficOverrides = {}
  #overridesText: string | null = null
  #policy: TrafficPolicy
  readonly stats: RateLimiterStats = { localDenials: 0, sharedChecks: 0, sharedDenials: 0 }

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
    // Local copies were sized for the old limits; denials cached under them may no longer hold.
    this.#local.clear()
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

  /** Checks and counts one request: locally first, then in Redis (one script call). */
  async check(req: RateRequest): Promise<RateOutcome> {
    const subjects = this.subjects(req)
    const paceUser = req.mutating ? req.userId : undefined
    if (subjects.length === 0 && paceUser === undefined) return { ok: true, pace: 0 }
    const now = this.#now()

    const taken: Array<{ entry: LocalEntry; limit: SubjectLimit }> = []
    for (const s of subjects) {
      const key = `${req.policy}|${req.saleId}|${s.kind}|${s.id}`
      const entry = this.#entry(key, s.limit, now)
      const wait = entry.deniedUntil > now ? entry.deniedUntil - now : take(entry.state, s.limit, now)
      if (wait > 0) {
        for (const t of taken) giveBack(t.entry.state, t.limit)
        entry.deniedUntil = Math.max(entry.deniedUntil, now + wait)
        this.stats.localDenials++
        return { ok: false, error: limited(s.kind, wait), pace: 0 }
      }
      taken.push({ entry, limit: s.limit })
    }

    this.stats.sharedChecks++
    let verdict: Awaited<ReturnType<RateLimitStore['check']>>
    try {
      verdict = await this.#store.check({
        saleId: req.saleId,
        policy: req.policy,
        subjects,
        ...(paceUser === undefined ? {} : { paceUser })
      })
    } catch (cause) {
      for (const t of taken) giveBack(t.entry.state, t.limit)
      throw new FcError('FC_UNAVAILABLE', 'Rate limits cannot be checked right now: try again', {
        cause,
        retryAfterSec: 1
      })
    }
    if (verdict.allowed) return { ok: true, pace: verdict.pace }
    this.stats.sharedDenials++
    const i = subjects.findIndex((s) => s.kind === verdict.denied)
    // The other subjects get their request back. The refusing one keeps it spent: its local copy
    // was ahead of Redis (other processes' requests, or Redis counting refills from a later clock
    // under load), and staying one behind lets the next local pass find a token in Redis too.
    taken.forEach((t, j) => {
      if (j !== i) giveBack(t.entry.state, t.limit)
    })
    const denied = taken[i]
    if (denied) denied.entry.deniedUntil = now + verdict.retryAfterMs
    return { ok: false, error: limited(verdict.denied, verdict.retryAfterMs), pace: verdict.pace }
  }

  #entry(key: string, limit: SubjectLimit, now: number): LocalEntry {
    let entry = this.#local.get(key)
    if (!entry) {
      if (this.#local.size >= LOCAL_CAPACITY) this.#local.delete(this.#local.keys().next().value as string)
      entry = { state: freshState(limit, now), deniedUntil: 0 }
      this.#local.set(key, entry)
    }
    return entry
  }
}

function limited(kind: SubjectKind, waitMs: number): FcError {
  const retryAfterSec = Math.max(1, Math.ceil(waitMs / 1000))
  return new FcError('FC_RATE_LIMITED', `Too many requests ${WHO[kind]}: retry after ${retryAfterSec} s`, {
    retryAfterSec,
    details: { limit: kind }
  })
}
