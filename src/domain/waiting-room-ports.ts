/**
 * The ports of the waiting room: its Redis store (places, admission ticks, leases), the feed each
 * process subscribes to, and the pre-queue seeds kept in PostgreSQL.
 */

/** Where a user stands in a sale's waiting room, as the store sees it at one instant. */
export interface QueuePlace {
  /**
   * `none` never joined; `waiting` has a ticket behind the frontier; `admitted` admission is live;
   * `pre` joined before opening (ticket assigned by the shuffle at opening); `lost` skipped as
   * abandoned, or admitted and expired.
   */
  place: 'none' | 'waiting' | 'admitted' | 'pre' | 'lost'
  /** 0 while pre-queued. */
  ticket: number
  /** Exact rank among those still waiting (1 = next); 0 unless waiting. */
  position: number
  /** Access expiry (ms) when admitted, else 0. */
  admittedUntil: number
  closed: boolean
  frontier: number
  /** Measured admissions per second (moving average over ticks). */
  rate: number
  /** True when this join took a new place. */
  fresh: boolean
}

/** What the scheduler broadcasts after every tick of one sale. */
export interface QueueFeedMessage {
  /** Highest ticket admitted or skipped so far. */
  frontier: number
  /** No stock left that could still be sold: everyone waiting is told "sold out". */
  closed: boolean
  /** Measured admissions per second. */
  rate: number
  /** The configured admissions per second (estimates use it until a rate has been measured). */
  configuredRate: number
  /** Users still waiting. */
  waiting: number
  admittedTotal: number
  /** Redis time of the tick, ms. */
  at: number
}

/** The settings one admission tick runs with, read fresh for every tick. */
export interface AdmissionTickInput {
  owner: string
  ratePerSec: number
  maxActive: number
  accessTtlMs: number
  graceMs: number
  paused: boolean
  /** 0 when the sale has no opening time (no pre-queue). */
  opensAtMs: number
  tickMs: number
  /** Most waiting entries one tick looks at (admitted + skipped). */
  budget: number
}

export type AdmissionTickResult =
  | {
      kind: 'ticked'
      message: QueueFeedMessage
      admitted: string[]
      skipped: number
      /**
       * How long each admitted buyer waited, ms, from taking their place (or from the opening, for
       * the pre-queue) to this admission; in the order of `admitted`, absent when not known.
       */
      waitedMs?: number[]
    }
  | { kind: 'not_leader' }
  | { kind: 'needs_seal' }
  | { kind: 'not_warm' }

/** The join's own refusals (join-queue): checked in the same step as the place is taken. */
export interface JoinLimits {
  /** Joins before this time (ms) are refused, FC_QUEUE_NOT_OPEN; 0: none. */
  preQueueOpensAtMs: number
  /** A new place is refused while this many wait (pre-queue included), FC_QUEUE_FULL; 0: no cap. */
  maxWaiting: number
}

/** The limits a safety-net sale lets arrivals straight through under. */
export interface PassThroughInput {
  opensAtMs: number
  maxActive: number
  /** Most arrivals let through in one clock second (the sale's admission rate). */
  ratePerSec: number
  accessTtlMs: number
  paused: boolean
}

/** Live numbers of one waiting room (the operator's stats show all but the pre-queue's two). */
export interface QueueCounts {
  waiting: number
  admitted: number
  /** Skipped at admission: silent past the grace period. */
  abandoned: number
  /** Admissions ended before their expiry: the buyer reached the per-user limit, or left. */
  finished: number
  /** Waiting or pre-queued buyers who gave their place up. */
  left: number
  /** Highest ticket admitted or skipped. */
  frontier: number
  /** Buyers admitted so far (the admission ticks' running total; absent where not read). */
  admittedTotal?: number
  /** Safety-net sales: arrivals let straight through, no queue (absent where not read). */
  passedThrough?: number
  /** No stock left that could still be sold. */
  closed: boolean
  /** Buyers who joined before the opening, waiting for the shuffle. */
  preQueue: number
  /** The pre-queue's tickets are handed out (the shuffle ran). */
  sealed: boolean
}

/** Redis: the waiting room. Each mutating method is one atomic script. */
export interface WaitingRoomStore {
  /**
   * Joins idempotently: the same user gets the same place back while it is theirs. Throws
   * FC_QUEUE_NOT_OPEN before `limits.preQueueOpensAtMs` and FC_QUEUE_FULL for a new place past
   * `limits.maxWaiting`, changing nothing.
   */
  join(saleId: string, userId: string, opensAtMs: number, limits?: JoinLimits): Promise<QueuePlace>
  /**
   * Safety-net mode: admits the user at once when nobody waits and the live admissions and this
   * second's passes are under the limits; undefined (nothing changed) otherwise.
   */
  passThrough(saleId: string, userId: string, input: PassThroughInput): Promise<QueuePlace | undefined>
  /** The user's place; `touch` also records a sign of life. */
  status(saleId: string, userId: string, opensAtMs: number, touch: boolean): Promise<QueuePlace>
  /** Records a sign of life for users whose stream is open or who sent a heartbeat. */
  touch(saleId: string, userIds: readonly string[]): Promise<void>
  /** One admission tick; refused unless `input.owner` holds the scheduler lease. */
  tick(saleId: string, input: AdmissionTickInput): Promise<AdmissionTickResult>
  /** Every pre-queued user id (unordered). */
  preQueue(saleId: string): Promise<string[]>
  /** Hands tickets 1..P to the pre-queue in the given order, once; only the lease holder may. */
  seal(
    saleId: string,
    owner: string,
    ordered: readonly string[]
  ): Promise<'sealed' | 'already' | 'not_leader' | 'changed'>
  takeLease(saleId: string, job: string, owner: string, ttlMs: number): Promise<boolean>
  releaseLease(saleId: string, job: string, owner: string): Promise<void>
  counts(saleId: string): Promise<QueueCounts>
  /**
   * When each of these users took their place (ms), null where not recorded; forgets it (called
   * once, for the users a tick admitted).
   */
  takeJoinTimes(saleId: string, userIds: readonly string[]): Promise<Array<number | null>>
  /**
   * The user leaves: a waiting or pre-queued place is given up, a live admission ends (its slot is
   * free for the next tick). `none` never joined, `gone` the place was already gone.
   */
  leave(saleId: string, userId: string): Promise<{ outcome: LeaveOutcome; ticket: number }>
}

/** What leaving the waiting room did (see {@link WaitingRoomStore.leave}). */
export type LeaveOutcome = 'none' | 'left' | 'finished' | 'gone'

/** A process's subscription to waiting-room feeds: one per sale per process, never one per client. */
export interface QueueFeed {
  subscribe(saleId: string, onMessage: (message: QueueFeedMessage) => void): Promise<void>
  unsubscribe(saleId: string): Promise<void>
  close(): Promise<void>
}

/** PostgreSQL: the pre-queue shuffle seed of each sale, so it survives the loss of Redis. */
export interface QueueSeedRepository {
  /** The sale's seed and its SHA-256 hash (hex), created on first call and never changed after. */
  ensureSeed(saleId: string): Promise<{ seed: string; hash: string }>
}
