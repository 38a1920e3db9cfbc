/**
 * The ports the services depend on. Adapters (Redis, PostgreSQL, Kafka, the payment gateway)
 * implement them; services never import a datastore client.
 */
import type {
  AdmissionSettings,
  Hold,
  HoldState,
  Sale,
  SaleStatus,
  Seat,
  SeatState,
  SeatStockState,
  StockCounts
} from './sale.ts'

/** One change of stock, as the inventory core recorded it atomically with the change itself. */
export interface LedgerEntry {
  /** Position in the sale's ledger stream; unique per sale, so replays are absorbed. */
  sourceId: string
  saleId: string
  /** What happened: hold, extend, release, expire, pending, sold, fail, claim, issue, repair. */
  kind: string
  /** The hold or claim the entry is about. */
  unitId: string
  seatId: string | null
  userId: string
  /** Change of available stock: -1 taken, +1 returned, 0 state change only. */
  delta: number
  /** State of the unit after the change. */
  state: HoldState
  expiresAt: number | null
  reservationId: string | null
  at: number
}

/** A live unit (held, pending or sold) as the source of truth knows it; used for warm-up. */
export interface LiveUnit {
  unitId: string
  seatId: string | null
  userId: string
  state: 'held' | 'pending' | 'sold'
  expiresAt: number | null
  extensions: number
  reservationId: string | null
}

export interface InventorySnapshot {
  sale: Sale
  seats: Seat[]
  units: LiveUnit[]
}

/** PostgreSQL: the source of truth for sales, seats, holds, bookings and the stock ledger. */
/** The seats, units and users named by a sale's ledger entries after a given one. */
export interface LedgerChanges {
  seats: ReadonlySet<string>
  units: ReadonlySet<string>
  users: ReadonlySet<string>
}

export interface SaleRepository {
  createSale(sale: Sale, seats: readonly Seat[]): Promise<void>
  getSale(saleId: string): Promise<Sale | undefined>
  listSales(statuses: readonly SaleStatus[]): Promise<Sale[]>
  /** The newest sales first, in any of `statuses` (any status when undefined), at most `limit`. */
  recentSales(statuses: readonly SaleStatus[] | undefined, limit: number): Promise<Sale[]>
  setStatus(saleId: string, status: SaleStatus): Promise<void>
  updateAdmission(saleId: string, admission: AdmissionSettings): Promise<void>
  loadSnapshot(saleId: string): Promise<InventorySnapshot | undefined>
  /**
   * Applies ledger entries in order, idempotently (a replayed sourceId changes nothing), all or
   * none. Throws FC_INVALID_STATE (canRetry false) when PostgreSQL refuses one for good (a
   * constraint, a value it cannot store): trying the same entries again cannot succeed.
   */
  applyLedger(entries: readonly LedgerEntry[]): Promise<void>
  /**
   * What the sale's recorded ledger entries after the one with stream id `sourceId` name (every
   * entry's when that one is not recorded, e.g. '0-0').
   */
  ledgerChangesSince(saleId: string, sourceId: string): Promise<LedgerChanges>
}

/** The outcome of an operation the inventory core refused. */
export type InventoryRefusal =
  | 'not_warm'
  | 'not_open'
  | 'not_admitted'
  | 'not_found'
  | 'forbidden'
  | 'seat_taken'
  | 'sold_out'
  | 'limit_reached'
  | 'hold_expired'
  | 'extend_limit'
  | 'invalid_state'
  | 'idempotency_mismatch'
  | 'sale_closed'
  | 'no_seats_together'

export type InventoryResult<T> = { ok: true; value: T } | { ok: false; refusal: InventoryRefusal }

/** What an idempotent operation answered the first time. */
export interface StoredResponse {
  statusCode: number
  body: unknown
}

export type IdempotencyBegin =
  | { state: 'new' }
  | { state: 'done'; response: StoredResponse }
  | { state: 'in_flight' }
  | { state: 'mismatch' }

export interface IdempotencyScope {
  saleId: string
  userId: string
  key: string
  fingerprint: string
}

/** What a warm-up did: loaded, or refused because the sale changed since the ledger id, or is live. */
export type WarmOutcome = 'loaded' | 'changed' | 'live'

/**
 * Redis: the inventory core. Each method is one atomic script. `idem` (when given) is completed
 * with the success response inside the same script, so an effect and its remembered answer can
 * never be separated by a crash.
 */
export interface InventoryStore {
  /**
   * Loads the snapshot into Redis, never over live state it cannot account for. Without
   * `ifLedgerAt` only a sale Redis does not hold is loaded (`'live'` otherwise): a new sale, or one
   * Redis lost. With `ifLedgerAt` (a ledger id the caller read with the inventory) the inventory is
   * replaced unless a change was recorded since (`'changed'`), one the snapshot may not include:
   * the reconciler's repair must never erase a live hold.
   */
  warm(
    snapshot: InventorySnapshot,
    settings: { maxExtensions: number; ifLedgerAt?: string }
  ): Promise<WarmOutcome>
  isWarm(saleId: string): Promise<boolean>
  counts(saleId: string): Promise<StockCounts>
  seatStates(saleId: string): Promise<Map<string, SeatState>>
  /**
   * Every seat's stock state, pending apart from held (what buyers see as held): one read of the
   * sale's seat hash, for the operator's per-section stats.
   */
  seatStockStates(saleId: string): Promise<Map<string, SeatStockState>>
  setStatus(saleId: string, status: SaleStatus): Promise<void>

  /** Takes a seat. With `idem`, a retry gets the first request's hold (its id) or its refusal. */
  holdSeat(a: {
    saleId: string
    userId: string
    seatId: string
    holdId: string
    idem?: IdempotencyScope
    response: (expiresAt: number) => StoredResponse
  }): Promise<InventoryResult<{ holdId: string; expiresAt: number }>>
  /**
   * Takes several seats as one hold, all or nothing: the seats named (`ids`), or the best block of
   * adjacent seats (`block`) or best single seats (`best`) of a section, picked in the same atomic
   * step. `unitIds` are the new units' ids, one per seat, the hold id first. With `idem`, a retry
   * gets the first request's hold (its id and seats) or its refusal.
   */
  holdSeats(a: {
    saleId: string
    userId: string
    unitIds: readonly string[]
    pick:
      | { mode: 'ids'; seatIds: readonly string[] }
      | { mode: 'block' | 'best'; section: string; rows: number; seatsPerRow: number }
    idem?: IdempotencyScope
    response: StoredResponse
  }): Promise<InventoryResult<{ holdId: string; expiresAt: number; seatIds: string[] }>>
  claim(a: {
    saleId: string
    userId: string
    claimId: string
    idem?: IdempotencyScope
    response: StoredResponse
  }): Promise<InventoryResult<void>>
  extendHold(a: {
    saleId: string
    userId: string
    holdId: string
    idem?: IdempotencyScope
    response: (expiresAt: number) => StoredResponse
  }): Promise<InventoryResult<{ expiresAt: number }>>
  releaseHold(a: {
    saleId: string
    userId: string
    holdId: string
    idem?: IdempotencyScope
    response: StoredResponse
  }): Promise<InventoryResult<void>>
  toPending(a: {
    saleId: string
    userId: string
    holdId: string
    reservationId: string
    idem?: IdempotencyScope
    response: StoredResponse
  }): Promise<InventoryResult<Hold>>
  /** Undo of {@link toPending} when the hand-off to the pipeline failed: back to held. */
  revertPending(a: { saleId: string; holdId: string }): Promise<InventoryResult<void>>
  /** Undo of {@link claim} when the hand-off failed. */
  revertClaim(a: { saleId: string; userId: string; claimId: string }): Promise<InventoryResult<void>>
  pendingToSold(a: { saleId: string; holdId: string }): Promise<InventoryResult<void>>
  pendingToReleased(a: { saleId: string; holdId: string; reason: string }): Promise<InventoryResult<void>>
  /** Releases up to `limit` holds whose TTL has passed; returns how many it released. */
  expireDue(saleId: string, limit: number): Promise<number>
  getHold(saleId: string, holdId: string): Promise<Hold | undefined>

  /** Admits users until `untilMs`: the waiting room's decision, recorded where the scripts check it. */
  admit(saleId: string, userIds: readonly string[], untilMs: number): Promise<void>
  /** Buyers whose admission is live now. */
  activeCount(saleId: string): Promise<number>
  /** Sale ids this Redis holds inventory for. */
  knownSales(): Promise<string[]>

  idempotencyBegin(scope: IdempotencyScope): Promise<IdempotencyBegin>
  /**
   * Remembers a refusal (a 4xx that changed nothing) under the key, briefly: long enough for a
   * client's retry to hear the same answer, not so long that refused requests pile up in Redis.
   */
  idempotencyRefused(scope: IdempotencyScope, response: StoredResponse): Promise<void>
  idempotencyAbandon(scope: IdempotencyScope): Promise<void>
}

/** A ledger entry PostgreSQL refused, set aside so the entries behind it are not held up. */
export interface LedgerDeadLetter {
  id: string
  saleId: string
  sourceId: string
  entry: LedgerEntry
  /** Why PostgreSQL refused it (the constraint and its detail). */
  reason: string
  /** `replayed`: applied after all; `dismissed`: an operator gave it up; null: waiting. */
  resolution: 'replayed' | 'dismissed' | null
  createdAt: string
  resolvedAt: string | null
}

/** Where refused ledger entries wait for an operator. */
export interface LedgerDeadLetterStore {
  /** Sets an entry aside; one already set aside (a replayed drain) is kept as it was. */
  record(entry: LedgerEntry, reason: string): Promise<void>
  list(filter: { saleId?: string; limit: number; includeResolved?: boolean }): Promise<LedgerDeadLetter[]>
  get(id: string): Promise<LedgerDeadLetter | undefined>
  /** Marks it handled; false when it was already. */
  resolve(id: string, resolution: 'replayed' | 'dismissed'): Promise<boolean>
  /** Unresolved entries, of one sale or of all. */
  depth(saleId?: string): Promise<number>
}

/** The per-sale stream of stock changes the inventory scripts append to; drained into PostgreSQL. */
export interface LedgerSource {
  readLedger(saleId: string, afterId: string, count: number): Promise<LedgerEntry[]>
  trimLedger(saleId: string, upToId: string): Promise<void>
  ledgerLength(saleId: string): Promise<number>
  /** A per-sale lease, so one process at a time runs a per-sale job. */
  tryLease(saleId: string, job: string, owner: string, ttlMs: number): Promise<boolean>
}

export type PaymentOutcome =
  | { status: 'approved'; providerRef: string }
  | { status: 'declined'; reason: string }
  | { status: 'timeout' }

export interface PaymentRequest {
  reservationId: string
  userId: string
  amount: number
  /** `approve` | `decline` | `timeout` forces an outcome (tests, demos); otherwise the configured rates apply. */
  simulate?: 'approve' | 'decline' | 'timeout'
}

/** Give back whatever was captured for one reservation (all of it: a booking is one charge). */
export interface RefundRequest {
  reservationId: string
  amount: number
  /** The charge's reference when the booking recorded one; a timed-out charge has none. */
  providerRef: string | null
}

export type RefundOutcome =
  | { status: 'refunded'; providerRef: string }
  /** The provider holds no captured charge for the reservation (declined, timed out unpaid, never charged). */
  | { status: 'nothing_charged' }
  /** No answer in time: ask again later (refunding is idempotent per reservation). */
  | { status: 'timeout' }

/**
 * A payment provider. Charging the same reservation twice must not charge twice; refunding it
 * twice must not pay back twice.
 */
export interface PaymentGateway {
  charge(request: PaymentRequest): Promise<PaymentOutcome>
  refund(request: RefundRequest): Promise<RefundOutcome>
}

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
  | { kind: 'ticked'; message: QueueFeedMessage; admitted: string[]; skipped: number }
  | { kind: 'not_leader' }
  | { kind: 'needs_seal' }
  | { kind: 'not_warm' }

/** Live numbers of one waiting room. */
export interface QueueCounts {
  waiting: number
  admitted: number
  abandoned: number
  /** Admissions ended before their expiry: the buyer reached the per-user limit, or left. */
  finished: number
  /** Waiting or pre-queued buyers who gave their place up. */
  left: number
  frontier: number
  closed: boolean
  preQueue: number
  sealed: boolean
}

/** Redis: the waiting room. Each mutating method is one atomic script. */
export interface WaitingRoomStore {
  /** Joins idempotently: the same user gets the same place back while it is theirs. */
  join(saleId: string, userId: string, opensAtMs: number): Promise<QueuePlace>
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
