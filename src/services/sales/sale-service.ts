import { newSaleId } from '../../domain/ids.ts'
import type { InventoryStore } from '../../domain/inventory-ports.ts'
import { currencyDigits, currencyProblem } from '../../domain/money.ts'
import type { RefundCounts } from '../../domain/pipeline-ports.ts'
import {
  type AdmissionSettings,
  buildSeatMap,
  type CreateSaleRequest,
  type Sale,
  type SaleStatus,
  type Seat,
  type SeatStockState,
  type StockCounts,
  sectionOf
} from '../../domain/sale.ts'
import { type SalePhase, salePhase } from '../../domain/sale-phase.ts'
import type { PipelineStats, SaleRepository } from '../../domain/sale-ports.ts'
import type { QueueCounts } from '../../domain/waiting-room-ports.ts'
import { FcError, isFcError } from '../../errors.ts'

/**
 * What an operator asks for when creating a sale (validated against the route schema first): the
 * request body of `POST /v1/admin/events`, the same type the web app's form sends.
 */
export type CreateSaleInput = CreateSaleRequest

/** The largest seat map one sale may have: warm-up loads it in one script call. */
export const MAX_SEATS = 100_000
export const DEFAULT_HOLD_TTL_SEC = 300
// Sale definitions change rarely (admission settings are read elsewhere); a short cache keeps the
// hold and confirm paths free of a PostgreSQL round trip.
const CACHE_MS = 5000
// The per-section counts read the whole seat hash (100,000 seats at most): however many consoles
// poll the stats, one read per sale per second at most.
const SECTION_COUNTS_MS = 1000

interface CachedSale {
  sale: Sale
  seats: Seat[]
  prices: Map<string, number>
  /** The seat map's version (SaleDefinition), when it can be kept across reloads. */
  version?: string
  at: number
}

/** One section of a seated sale, as the operator's stats count it (seats by state). */
export interface SectionStats {
  name: string
  /** Minor units of the sale's currency. */
  price: number
  capacity: number
  available: number
  held: number
  pending: number
  sold: number
}

/** The waiting-room numbers the operator's stats show (the pre-queue's internals stay out). */
export type SaleQueueStats = Omit<QueueCounts, 'preQueue' | 'sealed'> & { active: number }

/** `GET /v1/admin/events/:id/stats`. */
export interface SaleStats {
  queue: SaleQueueStats
  stock: StockCounts
  /** ISO 4217 code of every amount of the sale. */
  currency: string
  /** Digits of the currency's minor unit (KRW 0, USD 2). */
  currencyDigits: number
  /** Seated sales: each section in the order the operator created it; [] for a coupon sale. */
  sections: SectionStats[]
  /** Seated sales: what the sold seats are worth, in minor units (the sum of their prices); coupons 0. */
  revenue: number
  dlq: number
  consumerLag: number
  ledgerBacklog: number
  /** Ledger entries PostgreSQL refused, waiting for an operator (`GET /v1/admin/ledger-dead-letters`). */
  ledgerDeadLetters: number
  /** Refunds owed for the sale's failed reservations that may have been charged, by status. */
  refunds: RefundCounts
  warm: boolean
  /** Where the sale stands on its timeline. */
  phase: SalePhase
}

/**
 * Sales: creation, warm-up into the inventory core, public reads and live stats. PostgreSQL is
 * the source of truth; a sale becomes visible to buyers only after its inventory is loaded into
 * Redis and verified.
 */
export class SaleService {
  readonly #repo: SaleRepository
  readonly #inventory: InventoryStore
  readonly #pipeline: PipelineStats
  readonly #maxExtensions: number
  readonly #defaultCurrency: string
  readonly #simulatedPayments: boolean
  readonly #onCreate: (saleId: string) => void
  readonly #cache = new Map<string, CachedSale>()
  readonly #loading = new Map<string, Promise<CachedSale>>()
  readonly #sectionCounts = new Map<string, { at: number; counts: Promise<Map<string, SeatTally>> }>()

  constructor(deps: {
    repo: SaleRepository
    inventory: InventoryStore
    pipeline: PipelineStats
    maxExtensions: number
    /** ISO 4217 code of a sale created without `currency` (FC_DEFAULT_CURRENCY). */
    defaultCurrency?: string
    /** Buyers may pick a simulated payment outcome (development and test profiles); shown publicly. */
    simulatedPayments?: boolean
    /** Told of every sale created here, once it is stored (the traffic gate's set of known sales). */
    onCreate?: (saleId: string) => void
  }) {
    this.#repo = deps.repo
    this.#inventory = deps.inventory
    this.#pipeline = deps.pipeline
    this.#maxExtensions = deps.maxExtensions
    this.#defaultCurrency = deps.defaultCurrency ?? 'KRW'
    this.#simulatedPayments = deps.simulatedPayments ?? false
    this.#onCreate = deps.onCreate ?? (() => {})
  }

  async create(input: CreateSaleInput): Promise<Sale> {
    const currency = input.currency ?? this.#defaultCurrency
    const problem = currencyProblem(currency)
    if (problem) throw new FcError('FC_UNKNOWN_CURRENCY', problem)
    let seats: Seat[] = []
    let capacity: number
    if (input.kind === 'seated') {
      if (!input.seats || input.quantity !== undefined) {
        throw new FcError('FC_VALIDATION', 'A seated sale needs `seats.sections` and no `quantity`')
      }
      const names = new Set(input.seats.sections.map((s) => s.name))
      if (names.size !== input.seats.sections.length)
        throw new FcError('FC_VALIDATION', 'Section names must be unique')
      capacity = input.seats.sections.reduce((n, s) => n + s.rows * s.seatsPerRow, 0)
      if (capacity > MAX_SEATS)
        throw new FcError('FC_VALIDATION', `A seat map may have at most ${MAX_SEATS} seats`)
      seats = buildSeatMap(input.seats.sections)
    } else {
      if (input.quantity === undefined || input.seats) {
        throw new FcError('FC_VALIDATION', 'A coupon sale needs `quantity` and no `seats`')
      }
      capacity = input.quantity
    }
    const opensAt = input.opensAt ? new Date(input.opensAt) : null
    if (opensAt && Number.isNaN(opensAt.getTime()))
      throw new FcError('FC_VALIDATION', '`opensAt` is not a date')
    const { preQueueOpensAt, closesAt } = timeline(input, opensAt)
    const sale: Sale = {
      id: newSaleId(),
      name: input.name,
      kind: input.kind,
      capacity,
      perUserLimit: input.perUserLimit,
      holdTtlSec: input.holdTtlSec ?? DEFAULT_HOLD_TTL_SEC,
      opensAt,
      status: 'warming',
      admission: { ...input.admission, paused: false },
      challenge: { difficulty: input.challenge?.difficulty ?? 0 },
      sections: input.seats?.sections ?? [],
      currency,
      cancelWindowSec: input.cancelWindowSec ?? 0,
      createdAt: new Date(),
      preQueueOpensAt,
      closesAt,
      maxWaiting: input.maxWaiting ?? null
    }
    await this.#repo.createSale(sale, seats)
    this.#onCreate(sale.id)
    return this.warm(sale.id)
  }

  /** The newest sales first (for the operator's console), optionally only those in `statuses`. */
  async list(statuses: readonly SaleStatus[] | undefined, limit: number): Promise<Sale[]> {
    return this.#repo.recentSales(statuses, limit)
  }

  /** Every sale in one of `statuses`, however many (the reconcile command's "every open sale"). */
  async listByStatus(statuses: readonly SaleStatus[]): Promise<Sale[]> {
    return this.#repo.listSales(statuses)
  }

  /**
   * Loads a sale's inventory from PostgreSQL into Redis, verifies it, and only then marks it open:
   * at creation, and to rebuild a sale Redis no longer holds. A sale Redis holds is refused
   * (409 FC_SALE_LIVE), atomically in the warm-up script: the ledger reaches PostgreSQL a moment
   * after each change, so a reload from it would erase the newest holds and let a second buyer take
   * their seats. The way to rebuild a live sale is the reconciler's guarded repair.
   */
  async warm(saleId: string): Promise<Sale> {
    const snapshot = await this.#repo.loadSnapshot(saleId)
    if (!snapshot) throw new FcError('FC_NOT_FOUND', 'No such sale')
    const outcome = await this.#inventory.warm(snapshot, { maxExtensions: this.#maxExtensions })
    // A sale still `warming` has never been open in PostgreSQL: if Redis holds it already, another
    // process (the cold re-warm job, racing the creating request) loaded it from this same source,
    // and only the opening is left to do. Any other sale Redis holds is live: refused.
    if (outcome !== 'loaded' && snapshot.sale.status !== 'warming') throw saleLive(saleId)
    if (snapshot.sale.status === 'warming') {
      await this.#repo.setStatus(saleId, 'open')
      snapshot.sale.status = 'open'
    }
    this.#cache.delete(saleId)
    return snapshot.sale
  }

  /**
   * Repairs a sale's inventory from PostgreSQL like {@link warm}, but only if Redis recorded no
   * change after `ledgerId` (read by the caller together with the inventory it compared): false
   * when something changed since, which the snapshot may not include. The reconciler's repair.
   */
  async rewarmIfUnchanged(saleId: string, ledgerId: string): Promise<boolean> {
    const snapshot = await this.#repo.loadSnapshot(saleId)
    if (!snapshot) throw new FcError('FC_NOT_FOUND', 'No such sale')
    const outcome = await this.#inventory.warm(snapshot, {
      maxExtensions: this.#maxExtensions,
      ifLedgerAt: ledgerId
    })
    if (outcome === 'loaded') this.#cache.delete(saleId)
    return outcome === 'loaded'
  }

  /** Re-warms every open or paused sale Redis no longer knows (after a restart that lost data). */
  async rewarmCold(): Promise<string[]> {
    const rewarmed: string[] = []
    for (const sale of await this.#repo.listSales(['open', 'paused', 'warming'])) {
      if (await this.#inventory.isWarm(sale.id)) continue
      try {
        await this.warm(sale.id)
        rewarmed.push(sale.id)
      } catch (err) {
        // Another process rebuilt it between the check and the load: nothing left to do.
        if (!isFcError(err, 'FC_SALE_LIVE')) throw err
      }
    }
    return rewarmed
  }

  /** Per-sale warm state for /ready. */
  async warmState(): Promise<Record<string, boolean>> {
    const out: Record<string, boolean> = {}
    for (const sale of await this.#repo.listSales(['open', 'paused', 'warming'])) {
      out[sale.id] = await this.#inventory.isWarm(sale.id)
    }
    return out
  }

  /** A sale and its seat prices, cached briefly: every hold and confirm needs them. */
  async get(saleId: string): Promise<CachedSale> {
    const hit = this.#cache.get(saleId)
    if (hit && Date.now() - hit.at < CACHE_MS) return hit
    // One load per sale at a time: when the entry expires under load, hundreds of requests would
    // otherwise each load the whole seat map at once and exhaust the connection pool.
    let loading = this.#loading.get(saleId)
    if (!loading) {
      loading = this.#load(saleId).finally(() => this.#loading.delete(saleId))
      this.#loading.set(saleId, loading)
    }
    return loading
  }

  async #load(saleId: string): Promise<CachedSale> {
    // The sale row is read every time (status, phase, limits); its seat map only when it changed.
    const prior = this.#cache.get(saleId)
    const def = await this.#repo.loadDefinition(saleId, prior?.version)
    if (!def || def.sale.status === 'warming') throw new FcError('FC_NOT_FOUND', 'No such sale')
    let entry: CachedSale
    if (def.seats === undefined) {
      if (!prior) throw new Error(`the seat map of sale ${saleId} was not read`)
      entry = { ...prior, sale: { ...def.sale, capacity: prior.sale.capacity }, at: Date.now() }
    } else {
      entry = {
        sale: def.sale,
        seats: def.seats,
        prices: new Map(def.seats.map((s) => [s.id, s.price])),
        ...(def.version === undefined ? {} : { version: def.version }),
        at: Date.now()
      }
    }
    this.#cache.set(saleId, entry)
    return entry
  }

  async publicView(saleId: string) {
    const { sale } = await this.get(saleId)
    const counts = await this.#inventory.counts(saleId)
    return {
      id: sale.id,
      name: sale.name,
      kind: sale.kind,
      status: sale.status,
      opensAt: sale.opensAt?.toISOString() ?? null,
      preQueueOpensAt: sale.preQueueOpensAt?.toISOString() ?? null,
      closesAt: sale.closesAt?.toISOString() ?? null,
      phase: await this.phase(sale),
      capacity: sale.capacity,
      remaining: counts.available,
      perUserLimit: sale.perUserLimit,
      holdTtlSec: sale.holdTtlSec,
      challenge: sale.challenge,
      sections: sale.sections,
      currency: sale.currency,
      currencyDigits: currencyDigits(sale.currency),
      cancelWindowSec: sale.cancelWindowSec,
      simulatedPayments: this.#simulatedPayments
    }
  }

  async stats(saleId: string): Promise<SaleStats> {
    const sale = await this.#repo.getSale(saleId)
    if (!sale) throw new FcError('FC_NOT_FOUND', 'No such sale')
    const [stock, active, queue, dlq, consumerLag, ledgerBacklog, ledgerDeadLetters, refunds, warm, tally] =
      await Promise.all([
        this.#inventory.counts(saleId),
        this.#inventory.activeCount(saleId),
        this.#pipeline.queue(saleId),
        this.#pipeline.dlqDepth(saleId),
        this.#pipeline.consumerLag(),
        this.#pipeline.ledgerBacklog(saleId),
        this.#pipeline.ledgerDeadLetters(saleId),
        this.#pipeline.refunds(saleId),
        this.#inventory.isWarm(saleId),
        sale.kind === 'seated' ? this.#tallyBySection(saleId) : new Map<string, SeatTally>()
      ])
    const sections = sale.sections.map((spec): SectionStats => {
      const t = tally.get(spec.name) ?? emptyTally()
      return {
        name: spec.name,
        price: spec.price,
        // The seats the section has now: withdrawn seats are gone from Redis (docs/inventory.md).
        capacity: t.available + t.held + t.pending + t.sold,
        available: t.available,
        held: t.held,
        pending: t.pending,
        sold: t.sold
      }
    })
    return {
      queue: {
        ...(queue.passedThrough === undefined ? {} : { passedThrough: queue.passedThrough }),
        waiting: queue.waiting,
        admitted: queue.admitted,
        abandoned: queue.abandoned,
        finished: queue.finished,
        left: queue.left,
        frontier: queue.frontier,
        closed: queue.closed,
        active
      },
      stock,
      currency: sale.currency,
      currencyDigits: currencyDigits(sale.currency),
      sections,
      revenue: sections.reduce((sum, s) => sum + s.sold * s.price, 0),
      dlq,
      consumerLag,
      ledgerBacklog,
      ledgerDeadLetters,
      refunds,
      warm,
      phase: salePhase(sale, Date.now(), queue.waiting)
    }
  }

  /**
   * Where the sale stands on its timeline now (domain/sale-phase.ts); reads the queue's length only
   * for a safety-net sale, the one kind whose phase depends on it.
   */
  async phase(sale: Sale): Promise<SalePhase> {
    const waiting = sale.admission.safetyNet ? (await this.#pipeline.queue(sale.id)).waiting : 0
    return salePhase(sale, Date.now(), waiting)
  }

  /** Seats by section and state, from one read of the seat hash shared by the callers of a second. */
  #tallyBySection(saleId: string): Promise<Map<string, SeatTally>> {
    const hit = this.#sectionCounts.get(saleId)
    if (hit && Date.now() - hit.at < SECTION_COUNTS_MS) return hit.counts
    const counts = this.#inventory.seatStockStates(saleId).then((states) => {
      const bySection = new Map<string, SeatTally>()
      for (const [seatId, state] of states) {
        const section = sectionOf(seatId)
        let t = bySection.get(section)
        if (!t) {
          t = emptyTally()
          bySection.set(section, t)
        }
        t[state]++
      }
      return bySection
    })
    // A failed read is not kept: the next call asks Redis again.
    counts.catch(() => {
      if (this.#sectionCounts.get(saleId)?.counts === counts) this.#sectionCounts.delete(saleId)
    })
    this.#sectionCounts.set(saleId, { at: Date.now(), counts })
    return counts
  }

  async updateAdmission(saleId: string, patch: Partial<AdmissionSettings>): Promise<AdmissionSettings> {
    const sale = await this.#repo.getSale(saleId)
    if (!sale) throw new FcError('FC_NOT_FOUND', 'No such sale')
    const admission = { ...sale.admission, ...patch }
    await this.#repo.updateAdmission(saleId, admission)
    this.#cache.delete(saleId)
    return admission
  }

  /** Forgets the cached sale (its status changed elsewhere: the close at `closesAt`, an edit). */
  forget(saleId: string): void {
    this.#cache.delete(saleId)
  }

  async setStatus(saleId: string, status: 'open' | 'paused' | 'closed'): Promise<void> {
    const sale = await this.#repo.getSale(saleId)
    if (!sale) throw new FcError('FC_NOT_FOUND', 'No such sale')
    await this.#repo.setStatus(saleId, status)
    await this.#inventory.setStatus(saleId, status)
    this.#cache.delete(saleId)
  }
}

type SeatTally = Record<SeatStockState, number>

/**
 * The timeline of a new sale, checked: `preQueueOpensAt` < `opensAt` < `closesAt`, and `closesAt`
 * in the future (a pre-queue needs an opening to be ordered at).
 */
function timeline(
  input: CreateSaleInput,
  opensAt: Date | null
): { preQueueOpensAt: Date | null; closesAt: Date | null } {
  const date = (field: 'preQueueOpensAt' | 'closesAt'): Date | null => {
    const text = input[field]
    if (text === undefined) return null
    const d = new Date(text)
    if (Number.isNaN(d.getTime())) throw new FcError('FC_VALIDATION', `\`${field}\` is not a date`)
    return d
  }
  const preQueueOpensAt = date('preQueueOpensAt')
  const closesAt = date('closesAt')
  if (preQueueOpensAt && !opensAt)
    throw new FcError(
      'FC_VALIDATION',
      '`preQueueOpensAt` needs `opensAt`: the pre-queue is ordered at the opening'
    )
  if (preQueueOpensAt && opensAt && preQueueOpensAt.getTime() >= opensAt.getTime())
    throw new FcError('FC_VALIDATION', '`preQueueOpensAt` must be before `opensAt`')
  if (closesAt && closesAt.getTime() <= Date.now())
    throw new FcError('FC_VALIDATION', '`closesAt` must be in the future')
  if (closesAt && opensAt && closesAt.getTime() <= opensAt.getTime())
    throw new FcError('FC_VALIDATION', '`closesAt` must be after `opensAt`')
  return { preQueueOpensAt, closesAt }
}

function emptyTally(): SeatTally {
  return { available: 0, held: 0, pending: 0, sold: 0 }
}

/** The refusal of a warm-up over a sale Redis holds, with the way forward. */
function saleLive(saleId: string): FcError {
  return new FcError(
    'FC_SALE_LIVE',
    "Redis holds this sale's live inventory, with changes PostgreSQL may not have yet: warming it " +
      `would erase them. To rebuild it from PostgreSQL, reconcile it (POST /v1/admin/events/${saleId}/reconcile), ` +
      'which repairs only up to what the ledger has recorded; if the report says busy, pause the sale ' +
      `(PATCH /v1/admin/events/${saleId}/status {"status":"paused"}) so the ledger can drain, then reconcile again`
  )
}
