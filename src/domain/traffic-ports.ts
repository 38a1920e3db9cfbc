/**
 * Ports of traffic control: rate limits, the blocklist, runtime overrides and proof-of-work
 * challenges. The Redis adapter implements them; the services in `src/services/` only see these.
 */

/**
 * The limit one subject (a user, a client address, or a whole event) has on one route policy: a
 * token bucket for bursts and a sliding window for the steady rate. A zero turns that part off.
 */
export interface SubjectLimit {
  /** Token bucket size: how many requests may arrive at once. 0 = no bucket. */
  burst: number
  /** Token refill per second: the sustained rate the bucket allows. */
  perSec: number
  /** Requests allowed per sliding window. 0 = no window. */
  windowLimit: number
  /** Length of the sliding window in seconds. */
  windowSec: number
}

/** Who a rate-limit subject is. */
export type SubjectKind = 'user' | 'ip' | 'event'

/** One subject to check: its identity and its limit. */
export interface RateSubject {
  kind: SubjectKind
  id: string
  limit: SubjectLimit
}

/** One request, as the shared (Redis) rate limiter checks it. */
export interface RateCheck {
  /** The sale the request is about ('' for requests about no sale): keys of one check share a slot. */
  saleId: string
  /** The route policy's name. */
  policy: string
  /** The subjects to check together: all take one request, or none does. */
  subjects: readonly RateSubject[]
  /** Count the request in this user's one-second pace (mutating routes), for the bot detector. */
  paceUser?: string
}

/** The shared limiter's answer. */
export type RateVerdict =
  | { allowed: true; pace: number }
  | { allowed: false; retryAfterMs: number; denied: SubjectKind; pace: number }

/** The shared rate limiter: one atomic step per request, whatever the number of subjects. */
export interface RateLimitStore {
  check(check: RateCheck): Promise<RateVerdict>
}

/** Runtime overrides every process reads (rate-limit policies), stored as one JSON document. */
export interface ControlStore {
  /** The overrides document, or null when none was ever written. */
  readOverrides(): Promise<string | null>
  writeOverrides(json: string): Promise<void>
}

/** What a block applies to: a client address, a user id, or a client fingerprint header value. */
export type BlockKind = 'ip' | 'user' | 'fp'

/** One entry of the blocklist. */
export interface BlockEntry {
  kind: BlockKind
  value: string
  reason: string
  /** When it ends (ms since the epoch). */
  expiresAt: number
  /** True when the bot detector made it, false when an operator did. */
  auto: boolean
}

/** The shared blocklist: entries expire by themselves (a TTL per entry). */
export interface BlocklistStore {
  add(entry: BlockEntry): Promise<void>
  /** True when there was such an entry. */
  remove(kind: BlockKind, value: string): Promise<boolean>
  /** Every live entry. */
  list(): Promise<BlockEntry[]>
  /** Changes whenever an entry is added or removed, so processes reload only when needed. */
  version(): Promise<string>
}

/** Remembers which proof-of-work challenges were used, so each one works once. */
export interface ChallengeLedger {
  /** Marks the challenge used; false when it already was. Forgotten after `ttlMs` (it has expired by then). */
  consumeOnce(saleId: string, challengeId: string, ttlMs: number): Promise<boolean>
}
