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
export interface SaleRepository {
  createSale(sale: Sale, seats: readonly Seat[]): Promise<void>
  getSale(saleId: string): Promise<Sale | undefined>
  listSales(statuses: readonly SaleStatus[]): Promise<Sale[]>
  setStatus(saleId: string, status: SaleStatus): Promise<void>
  updateAdmission(saleId: string, admission: AdmissionSettings): Promise<void>
  loadSnapshot(saleId: string): Promise<InventorySnapshot | undefined>
  /** Applies ledger entries in order, idempotently (a replayed sourceId changes nothing). */
  applyLedger(entries: readonly LedgerEntry[]): Promise<void>
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

/**
 * Redis: the inventory core. Each method is one atomic script. `idem` (when given) is completed
 * with the success response inside the same script, so an effect and its remembered answer can
 * never be separated by a crash.
 */
export interface InventoryStore {
  warm(snapshot: InventorySnapshot, settings: { maxExtensions: number }): Promise<void>
  isWarm(saleId: string): Promise<boolean>
  counts(saleId: string): Promise<StockCounts>
  seatStates(saleId: string): Promise<Map<string, SeatState>>
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
  idempotencyComplete(scope: IdempotencyScope, response: StoredResponse): Promise<void>
  idempotencyAbandon(scope: IdempotencyScope): Promise<void>
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

/** A payment provider. Charging the same reservation twice must not charge twice. */
export interface PaymentGateway {
  charge(request: PaymentRequest): Promise<PaymentOutcome>
}
