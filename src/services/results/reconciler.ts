import type { InventorySnapshot, InventoryStore } from '../../domain/inventory-ports.ts'
import type { InventoryAudit, InventoryImage, StaleUnit, StaleUnitStore } from '../../domain/result-ports.ts'
import type { LedgerChanges, SaleRepository } from '../../domain/sale-ports.ts'
import { FcError } from '../../errors.ts'
import type { LedgerSink } from '../pipeline/ledger-sink.ts'
import type { SaleService } from '../sales/sale-service.ts'

/** One difference between Redis and the source of truth. */
export interface Drift {
  /** warm, capacity, available, held, pending, sold, units, seats or users. */
  field: string
  redis: unknown
  database: unknown
  /** For units, seats and users: how many entries differ (the values show at most 20). */
  count?: number
}

/** What one reconciliation found and did. */
export interface ReconcileReport {
  saleId: string
  checkedAt: string
  drift: Drift[]
  /** Whether Redis was rebuilt from PostgreSQL (drift was found and the repair went through). */
  repaired: boolean
  /** Pending units nobody would have finished, settled as failed (their booking ids). */
  stale: string[]
  /** True when the sale kept changing during every attempt, so no comparison could be trusted. */
  busy: boolean
  /**
   * Present when drift was found but not repaired because ledger entries of the sale wait as dead
   * letters (PostgreSQL refused them): their number. PostgreSQL then lacks changes Redis made, and
   * rebuilding Redis from it would undo them; an operator replays or dismisses them first.
   */
  ledgerDeadLetters?: number
}

/** Options of {@link Reconciler}. */
export interface ReconcilerOptions {
  repo: Pick<SaleRepository, 'getSale' | 'loadSnapshot' | 'ledgerChangesSince'>
  inventory: Pick<InventoryStore, 'pendingToReleased'>
  audit: InventoryAudit
  stale: StaleUnitStore
  sales: Pick<SaleService, 'rewarmIfUnchanged'>
  /**
   * This process's ledger sink (its lease owner shared with the periodic one); when another
   * process holds the ledger lease the reconciler waits for that one to drain instead.
   */
  sink: Pick<LedgerSink, 'drain'>
  /**
   * How long a unit may stay pending without a booking row before it counts as lost (default
   * 120 s), when nothing better is known. Well above the pipeline's worst normal latency (consumer
   * retries with backoff), since a request that does arrive later finds the failed row and stops.
   */
  stalePendingMs?: number
  /**
   * Resolves true once every request published before the call has been handled by the pipeline
   * (its consumers committed past it), false when that cannot be told within a few seconds.
   * When it answers true, a unit pending for longer than {@link publishWindowMs} with no booking
   * row and no booking attempt was never published at all, so it is settled without waiting for
   * the full grace period: nothing that is still on its way is cut short.
   */
  pipelineCaughtUp?: () => Promise<boolean>
  /**
   * The longest time between a unit going pending and its request reaching the broker: the API's
   * publish deadline plus the producer's own retries behind it, with a wide margin (default 30 s).
   */
  publishWindowMs?: number
  /** Called with every report that found drift or settled stale units (metrics, logs). */
  onReport?: (report: ReconcileReport) => void
  /** Unresolved ledger dead letters of a sale (a repair waits while there are any). */
  ledgerDeadLetters?: (saleId: string) => Promise<number>
}

// At most this many differing entries are shown per field; `count` has the total.
const SHOWN = 20
const ATTEMPTS = 3
// The ledger sinks run every 200 ms; another process's sink catches up well within this.
const CATCH_UP_MS = 5000

/**
 * Compares a sale's inventory in Redis with PostgreSQL, the source of truth, and repairs Redis from
 * it (I5). The database's view is the warm-up snapshot: holds mirrored from the ledger merged with
 * the booking rows (confirmed reservations and issued claims are sold; pending ones pending; held
 * holds held), so a repair is exactly a re-warm.
 *
 * A fair comparison on a live sale: the reconciler reads Redis in pages (never holding it for the
 * whole inventory), between two reads of the ledger stream's last generated id (a version of the
 * inventory that survives trimming). It waits until the ledger is in PostgreSQL up to the second
 * one, loads the snapshot, and compares, leaving out the seats, units and users that ledger
 * entries after the first one name: those changed while they were read. It repairs
 * with a re-warm that Redis refuses if any change was recorded after that id (a hold, confirm or
 * booking outcome the snapshot may lack, or that the image predates), then starts over, up to three
 * times; on a sale that never stands still the report says `busy` and nothing is repaired: a
 * repair from a stale comparison would erase a live hold. What it can still report on a busy sale
 * is the pipeline's own window: a booking committed in PostgreSQL whose Redis transition is a
 * moment away (repairing it early is harmless, the transition then finds it done).
 *
 * Stale pending units (I4: nothing stuck forever): a unit pending for longer than the grace period
 * with no booking row is one whose request never reached the pipeline (a process died between
 * hold->pending and the publish, after the idempotent 202 was recorded; or Redis failed between
 * the two and the compensation could not run, so a retry of the confirm was answered the stored
 * 202). The grace period is the publish window instead of two minutes when the pipeline has
 * provably handled everything published so far (see `pipelineCaughtUp`). It is settled as failed:
 * a failed booking row plus its result event (so the buyer who was told "pending" hears "failed"
 * on the stream and when polling), then released in Redis, stock returned. Reverting it to held
 * instead would leave the buyer's reservation id pointing at nothing (404) with no result ever.
 */
export class Reconciler {
  readonly #o: ReconcilerOptions
  readonly #staleMs: number
  readonly #publishWindowMs: number
  /** The last answer of `pipelineCaughtUp`, with the time it was asked (it holds for what was published before). */
  #caughtUpAnswer: { askedAt: number; ok: boolean } | undefined

  constructor(options: ReconcilerOptions) {
    this.#o = options
    this.#staleMs = options.stalePendingMs ?? 120_000
    this.#publishWindowMs = options.publishWindowMs ?? 30_000
  }

  /**
   * Reconciles one sale; `repair: false` only reports. `stalePendingMs` overrides the grace period
   * (tests, an operator finishing a sale after an incident).
   */
  async reconcile(
    saleId: string,
    options: { repair?: boolean; stalePendingMs?: number } = {}
  ): Promise<ReconcileReport> {
    const repair = options.repair ?? true
    const staleMs = options.stalePendingMs ?? this.#staleMs
    if (!(await this.#o.repo.getSale(saleId))) throw new FcError('FC_NOT_FOUND', 'No such sale')
    const stale: string[] = []
    if (repair) {
      // Stale candidates come from the holds mirror: bring it up to date first.
      await this.#o.sink.drain(saleId)
      stale.push(...(await this.#settleStale(saleId, staleMs)))
    }
    let drift: Drift[] = []
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      const image = await this.#o.audit.image(saleId)
      if (!(await this.#caughtUp(saleId, image.ledgerId))) continue
      const snapshot = await this.#o.repo.loadSnapshot(saleId)
      if (!snapshot) throw new FcError('FC_NOT_FOUND', 'No such sale')
      const changed =
        image.readFrom === image.ledgerId
          ? undefined
          : await this.#o.repo.ledgerChangesSince(saleId, image.readFrom)
      drift = compare(snapshot, image, changed)
      if (drift.length === 0 || !repair) return this.#report(saleId, drift, false, stale, false)
      const refused = (await this.#o.ledgerDeadLetters?.(saleId)) ?? 0
      if (refused > 0) return this.#report(saleId, drift, false, stale, false, refused)
      if (await this.#o.sales.rewarmIfUnchanged(saleId, image.ledgerId))
        return this.#report(saleId, drift, true, stale, false)
    }
    return this.#report(saleId, drift, false, stale, true)
  }

  /**
   * When the pipeline was last seen to have handled everything published before the question:
   * the time of that question, or undefined if it has not (or cannot tell). An answer is reused
   * for a third of the publish window (the periodic reconciler asks for every sale in turn).
   */
  async #pipelineCaughtUpAt(): Promise<number | undefined> {
    const last = this.#caughtUpAnswer
    if (!last || Date.now() - last.askedAt >= this.#publishWindowMs / 3) {
      const askedAt = Date.now()
      const ok = (await this.#o.pipelineCaughtUp?.().catch(() => false)) ?? false
      this.#caughtUpAnswer = { askedAt, ok }
    }
    const answer = this.#caughtUpAnswer
    return answer?.ok ? answer.askedAt : undefined
  }

  /** Drains the ledger up to `ledgerId` into PostgreSQL, or waits for the sink that holds its lease. */
  async #caughtUp(saleId: string, ledgerId: string): Promise<boolean> {
    const deadline = Date.now() + CATCH_UP_MS
    for (;;) {
      await this.#o.sink.drain(saleId)
      if (!(await this.#o.audit.ledgerHoldsUpTo(saleId, ledgerId))) return true
      if (Date.now() > deadline) return false
      await new Promise((r) => setTimeout(r, 50))
    }
  }

  async #settleStale(saleId: string, staleMs: number): Promise<string[]> {
    let graceMs = staleMs
    // Only worth asking when units wait that the shorter grace period would settle. A unit that
    // went pending a publish window or more before the question had its request published, if
    // ever, before it, and so handled by now: the grace period is the window plus the answer's age.
    if (
      staleMs > this.#publishWindowMs &&
      this.#o.pipelineCaughtUp &&
      (await this.#o.stale.stalePending(saleId, this.#publishWindowMs)).length > 0
    ) {
      const askedAt = await this.#pipelineCaughtUpAt()
      if (askedAt !== undefined) graceMs = Math.min(staleMs, this.#publishWindowMs + (Date.now() - askedAt))
    }
    const settled: string[] = []
    for (const unit of await this.#o.stale.stalePending(saleId, graceMs)) {
      if (await this.#settle(saleId, unit)) settled.push(unit.bookingId)
    }
    return settled
  }

  async #settle(saleId: string, unit: StaleUnit): Promise<boolean> {
    const reason = 'the request was lost before it reached the booking pipeline'
    // The row first: if the pipeline wrote one meanwhile, it decides and Redis is left alone.
    if (!(await this.#o.stale.failStale(saleId, unit, reason, new Date()))) return false
    await this.#o.inventory.pendingToReleased({ saleId, holdId: unit.unitId, reason: 'stale pending' })
    return true
  }

  #report(
    saleId: string,
    drift: Drift[],
    repaired: boolean,
    stale: string[],
    busy: boolean,
    ledgerDeadLetters?: number
  ): ReconcileReport {
    const report: ReconcileReport = {
      saleId,
      checkedAt: new Date().toISOString(),
      drift,
      repaired,
      stale,
      busy
    }
    if (ledgerDeadLetters !== undefined) report.ledgerDeadLetters = ledgerDeadLetters
    if (drift.length > 0 || stale.length > 0) this.#o.onReport?.(report)
    return report
  }
}

const LETTER = { held: 'H', pending: 'P', sold: 'S' } as const

/**
 * Every difference between what the snapshot would load into Redis and what Redis holds. Seats,
 * units and users in `changed` (they changed while the image was read) are left out; the counters
 * are read at one point in time and always compared.
 */
export function compare(
  snapshot: InventorySnapshot,
  image: InventoryImage,
  changed?: LedgerChanges
): Drift[] {
  const drift: Drift[] = []
  if (!image.warm) drift.push({ field: 'warm', redis: false, database: true })
  const { sale, seats, units } = snapshot
  const expected = { held: 0, pending: 0, sold: 0 }
  const expectedUsers = new Map<string, number>()
  const expectedUnits = new Map<string, string>()
  const expectedSeats = new Map<string, string>(seats.map((s) => [s.id, 'A']))
  for (const u of units) {
    expected[u.state]++
    expectedUsers.set(u.userId, (expectedUsers.get(u.userId) ?? 0) + 1)
    expectedUnits.set(u.unitId, `${u.state} ${u.userId} ${u.seatId ?? ''}`)
    if (u.seatId !== null) expectedSeats.set(u.seatId, LETTER[u.state] + u.unitId)
  }
  const counts: Array<[string, number, number]> = [
    ['capacity', image.counts.capacity, sale.capacity],
    ['available', image.counts.available, sale.capacity - units.length],
    ['held', image.counts.held, expected.held],
    ['pending', image.counts.pending, expected.pending],
    ['sold', image.counts.confirmed, expected.sold]
  ]
  for (const [field, redis, database] of counts) {
    if (redis !== database) drift.push({ field, redis, database })
  }
  const actualUnits = new Map(
    [...image.units].map(([id, u]) => [id, `${u.state} ${u.userId} ${u.seatId ?? ''}`] as const)
  )
  diffMaps(drift, 'units', actualUnits, expectedUnits, changed?.units)
  diffMaps(drift, 'seats', image.seats, expectedSeats, changed?.seats)
  diffMaps(drift, 'users', image.users, expectedUsers, changed?.users)
  return drift
}

function diffMaps<V>(
  drift: Drift[],
  field: string,
  redis: Map<string, V>,
  database: Map<string, V>,
  skip: ReadonlySet<string> = new Set()
): void {
  const r: Record<string, V | null> = {}
  const d: Record<string, V | null> = {}
  let count = 0
  for (const key of new Set([...redis.keys(), ...database.keys()])) {
    if (skip.has(key)) continue
    const a = redis.get(key) ?? null
    const b = database.get(key) ?? null
    if (a === b) continue
    if (count < SHOWN) {
      r[key] = a
      d[key] = b
    }
    count++
  }
  if (count > 0) drift.push({ field, redis: r, database: d, count })
}
