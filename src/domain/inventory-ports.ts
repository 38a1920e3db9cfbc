/**
 * The ports of the inventory core: the Redis store every hold, confirm and claim runs through
 * (one atomic script per operation), its idempotency records, and the per-sale stock ledger that
 * is drained into PostgreSQL. Adapters implement them; services never import a datastore client.
 * The other features' ports sit beside this file (`domain/*-ports.ts`).
 */
import type {
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
  /** Position in the sale's ledger stream (`<ms>-<seq>`), unique per sale. */
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
  /**
   * An extend's count of extensions after it (absolute, so applying the entry twice changes
   * nothing). Absent on every other entry, and on extends written before the count was carried:
   * those add one.
   */
  extensions?: number
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
  /** Its seat was withdrawn by the operator while it was live: gone, not freed, when the unit ends. */
  withdrawn?: boolean
}

export interface InventorySnapshot {
  sale: Sale
  seats: Seat[]
  units: LiveUnit[]
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
  /** Another request with the same Idempotency-Key is still running. */
  | 'in_flight'

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
/** A hold of several seats: named by id, or picked by the script (a block in a row, or the best singles). */
export interface HoldSeatsRequest {
  saleId: string
  userId: string
  unitIds: readonly string[]
  pick:
    | { mode: 'ids'; seatIds: readonly string[] }
    | { mode: 'block' | 'best'; section: string; rows: number; seatsPerRow: number }
  idem?: IdempotencyScope
  response: StoredResponse
}

/** What a hold of several seats took. */
export interface HeldSeats {
  holdId: string
  expiresAt: number
  seatIds: string[]
}

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
  holdSeats(a: HoldSeatsRequest): Promise<InventoryResult<HeldSeats>>
  /**
   * Claims a coupon unit; with `idem`, the key's record is checked and written in the same step:
   * a key answered before gives its stored answer as `replay` (nothing changes), a key refused
   * before the same refusal.
   */
  claim(a: {
    saleId: string
    userId: string
    claimId: string
    idem?: IdempotencyScope
    response: StoredResponse
  }): Promise<InventoryResult<{ replay?: StoredResponse }>>
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
  /**
   * A booking accepted before Redis lost its sale, whose unit the reload from PostgreSQL (which
   * trails Redis by a ledger flush) shows held again or not at all. Only when the sale was loaded
   * after `acceptedAt`: units still held by the buyer go pending with their reservation ids
   * (`adopted`), a missing one makes the booking `lost`. Refused `invalid_state` when the sale was
   * not reloaded since (a held unit there was put back by {@link revertPending}) or a unit is sold.
   */
  adoptPending(a: {
    saleId: string
    userId: string
    acceptedAt: number
    units: ReadonlyArray<{ holdId: string; reservationId: string }>
  }): Promise<InventoryResult<'adopted' | 'lost'>>
  /** Undo of {@link toPending} when the hand-off to the pipeline failed: back to held. */
  revertPending(a: { saleId: string; holdId: string }): Promise<InventoryResult<void>>
  /** Undo of {@link claim} when the hand-off failed. */
  revertClaim(a: { saleId: string; userId: string; claimId: string }): Promise<InventoryResult<void>>
  pendingToSold(a: { saleId: string; holdId: string }): Promise<InventoryResult<void>>
  /**
   * `pendingToSold` for many units of one sale at once (a consumer's batch), in a few calls instead
   * of one each; units not pending are left alone. The number of units sold now, or not_warm.
   */
  pendingToSoldMany(saleId: string, unitIds: readonly string[]): Promise<InventoryResult<number>>
  pendingToReleased(a: { saleId: string; holdId: string; reason: string }): Promise<InventoryResult<void>>
  /**
   * A booking cancelled in PostgreSQL: SOLD -> released, stock returned (the whole group of a hold
   * of several seats). Replay-safe: a unit already gone is "done", a seat taken since is untouched.
   */
  cancelSold(a: { saleId: string; unitId: string; reason: string }): Promise<InventoryResult<void>>
  /** Releases up to `limit` holds whose TTL has passed; returns how many it released. */
  expireDue(saleId: string, limit: number): Promise<number>
  getHold(saleId: string, holdId: string): Promise<Hold | undefined>
  /** `getHold` for many units of one sale in one read, in the same order. */
  getHolds(saleId: string, holdIds: readonly string[]): Promise<Array<Hold | undefined>>

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
