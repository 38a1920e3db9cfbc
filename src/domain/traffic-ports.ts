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

/** Requests one process let through for one subject of one route policy since its last sync. */
export interface SubjectCount {
  policy: string
  kind: SubjectKind
  id: string
  limit: SubjectLimit
  count: number
}

/**
 * What one process let through since its last sync, for the event subjects of one sale, or (sale
 * '') for the user and address subjects and the users' paces, which span every sale: the keys of
 * one sync share a slot.
 */
export interface RateSync {
  saleId: string
  subjects: readonly SubjectCount[]
  /** Mutating requests per user, for the users' one-second pace. */
  paces: ReadonlyArray<{ userId: string; count: number }>
}

/**
 * A subject's shared state after a sync, every process's requests included: the token bucket
 * (tokens may be below zero: requests let through before the process learnt the bucket was empty)
 * and the sliding window, on the shared store's clock.
 */
export interface SharedSubjectState {
  /** When the state was counted (ms, the store's clock). */
  at: number
  tokens: number
  windowStart: number
  current: number
  previous: number
}

/** The answer to a {@link RateSync}, in the same order. */
export interface RateSyncResult {
  subjects: SharedSubjectState[]
  /** Each user's mutating requests in the current second, every process's included. */
  paces: number[]
}

/**
 * The shared (Redis) side of rate limiting: each process decides alone, from its local copy of every
 * subject, and adds what it let through to the shared state in one atomic step per sale and sync.
 */
export interface RateLimitStore {
  sync(batch: RateSync): Promise<RateSyncResult>
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
  /**
   * Marks the challenge identified by `mark` (its decoded salt, never the id's text) used; false
   * when it already was. Forgotten after `ttlMs` (it has expired by then).
   */
  consumeOnce(saleId: string, mark: string, ttlMs: number): Promise<boolean>
}

/** Where the traffic gate learns which sales exist (PostgreSQL, the source of truth). */
export interface SaleDirectory {
  /** Every sale id, whatever its status. */
  saleIds(): Promise<string[]>
}
