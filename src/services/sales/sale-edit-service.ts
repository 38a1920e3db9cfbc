import type { AdmissionSettings, Sale, SaleStatus, Seat, SectionSpec } from '../../domain/sale.ts'
import { buildSeatMap } from '../../domain/sale.ts'
import type {
  AuditEntry,
  InventoryEdit,
  InventoryEditDone,
  InventoryEditor,
  InventoryEditRefusal,
  SaleChange,
  SaleEditStore,
  SeatIndex
} from '../../domain/sale-edit-ports.ts'
import { FcError } from '../../errors.ts'
import { MAX_SEATS } from './sale-service.ts'

/** The body of `PATCH /v1/admin/events/:id`: every field optional, at least one given. */
export interface SaleEditRequest {
  perUserLimit?: number
  /** Seconds; applies to holds taken from now on. */
  holdTtlSec?: number
  /** Moves the planned close (ISO time, in the future, after `opensAt`), or removes it (null). */
  closesAt?: string | null
  /** New prices of existing sections (seated sales), minor units. */
  prices?: Array<{ section: string; price: number }>
  /** Coupon sales: the new number of units (never below held + pending + sold). */
  quantity?: number
  /** Seated sales: new sections, after the existing ones. */
  addSections?: SectionSpec[]
  /** Seated sales: rows added behind an existing section's last row (its seats per row and price). */
  addRows?: Array<{ section: string; rows: number }>
  /** Seated sales: seats to withdraw (a held or pending one goes when its hold ends; a sold one is refused). */
  withdrawSeats?: string[]
  /** Seated sales: every seat of these sections still in the sale, withdrawn as `withdrawSeats` does. */
  withdrawSections?: string[]
}

/** What an accepted edit did. */
export interface SaleEditOutcome {
  sale: Sale
  audit: AuditEntry
  /** Withdrawn seats gone now (free) and later (held or pending: when their hold ends). */
  withdrawn: { now: number; later: number }
}

/** The sale service's part an edit needs: its cached definitions are dropped after each edit. */
interface SaleCache {
  forget(saleId: string): void
}

/** Status changes reach the inventory core too (buyers' scripts check it). */
interface StatusTarget {
  setStatus(saleId: string, status: SaleStatus): Promise<void>
}

/**
 * An operator's edits of a running sale, every one recorded in the audit log.
 *
 * Order: PostgreSQL's transaction is opened first and holds the sale's row (edits of one sale run
 * one at a time); the change and its audit row are written; then the inventory core applies the
 * same edit in one script, atomically with every hold and claim, checking what only it knows
 * exactly (what each buyer holds, what is taken, which seats are sold); its refusal rolls the
 * transaction back, so a refused edit changes nothing anywhere. The script's ledger entry is
 * recorded in the same transaction, which then commits. If the commit fails after the script ran,
 * Redis has an edit PostgreSQL does not: the answer is 503, and the reconciler restores Redis from
 * PostgreSQL (the source of truth) on its next run, as for any drift (docs/inventory.md).
 */
export class SaleEditService {
  readonly #store: SaleEditStore
  readonly #inventory: InventoryEditor & StatusTarget
  readonly #cache: SaleCache

  constructor(deps: { store: SaleEditStore; inventory: InventoryEditor & StatusTarget; cache: SaleCache }) {
    this.#store = deps.store
    this.#inventory = deps.inventory
    this.#cache = deps.cache
  }

  async edit(saleId: string, actor: string, req: SaleEditRequest): Promise<SaleEditOutcome> {
    let planned: Sale | undefined
    const { entry, result } = await this.#store
      .edit(
        saleId,
        actor,
        (sale, seats) => {
          const change = planEdit(sale, seats, req)
          planned = applied(sale, change)
          return change
        },
        async (change) => this.#apply(saleId, actor, change)
      )
      .finally(() => this.#cache.forget(saleId))
    return {
      sale: planned as Sale,
      audit: entry,
      withdrawn: { now: result.withdrawnNow, later: result.withdrawnLater }
    }
  }

  /** Admission settings (PostgreSQL only: the waiting room reads them from there), audited. */
  async updateAdmission(
    saleId: string,
    actor: string,
    patch: Partial<AdmissionSettings>
  ): Promise<AdmissionSettings> {
    let admission: AdmissionSettings | undefined
    await this.#store
      .edit(
        saleId,
        actor,
        (sale) => {
          admission = { ...sale.admission, ...patch }
          return {
            action: 'admission',
            before: { admission: sale.admission },
            after: { admission },
            admission
          }
        },
        async () => undefined
      )
      .finally(() => this.#cache.forget(saleId))
    return admission as AdmissionSettings
  }

  /** Open, pause or close, audited: PostgreSQL in the transaction, then the inventory core's flag. */
  async setStatus(saleId: string, actor: string, status: 'open' | 'paused' | 'closed'): Promise<void> {
    await this.#store
      .edit(
        saleId,
        actor,
        (sale) => {
          if (sale.status === 'warming') throw notEditable(sale)
          return { action: 'status', before: { status: sale.status }, after: { status }, status }
        },
        async () => {
          await this.#inventory.setStatus(saleId, status)
          return undefined
        }
      )
      .finally(() => this.#cache.forget(saleId))
  }

  /** One page of the audit log, newest first. */
  async audit(saleId: string, page: { limit: number; before?: string }): Promise<AuditEntry[]> {
    return this.#store.audit(saleId, page)
  }

  async #apply(saleId: string, actor: string, change: SaleChange): Promise<InventoryEditDone> {
    const edit: InventoryEdit = {
      saleId,
      actor,
      ...(change.perUserLimit !== undefined ? { limit: change.perUserLimit } : {}),
      ...(change.holdTtlSec !== undefined ? { holdTtlMs: change.holdTtlSec * 1000 } : {}),
      ...(change.quantity !== undefined ? { capacity: change.quantity } : {}),
      ...(change.addSeats?.length ? { addSeats: change.addSeats.map((s) => s.id) } : {}),
      ...(change.withdrawSeats?.length ? { withdrawSeats: change.withdrawSeats } : {})
    }
    const done = await this.#inventory.editSale(edit)
    if (!done.ok) throw refusal(done)
    return done
  }
}

/** The change an edit request makes to `sale`, or the refusal (FC_VALIDATION, FC_INVALID_STATE). */
export function planEdit(sale: Sale, seats: SeatIndex, req: SaleEditRequest): SaleChange {
  if (sale.status === 'closed' || sale.status === 'warming') throw notEditable(sale)
  const fields = Object.entries(req).filter(([, v]) => v !== undefined)
  if (fields.length === 0) throw invalid('Nothing to change: give at least one field')
  const before: Record<string, unknown> = {}
  const after: Record<string, unknown> = {}
  const change: SaleChange = { action: 'edit', before, after }

  if (req.perUserLimit !== undefined) {
    before.perUserLimit = sale.perUserLimit
    after.perUserLimit = change.perUserLimit = req.perUserLimit
  }
  if (req.holdTtlSec !== undefined) {
    before.holdTtlSec = sale.holdTtlSec
    after.holdTtlSec = change.holdTtlSec = req.holdTtlSec
  }

  if (req.closesAt !== undefined) {
    const closesAt = req.closesAt === null ? null : new Date(req.closesAt)
    if (closesAt && Number.isNaN(closesAt.getTime())) throw invalid('`closesAt` is not a date')
    if (closesAt && closesAt.getTime() <= Date.now()) throw invalid('`closesAt` must be in the future')
    if (closesAt && sale.opensAt && closesAt.getTime() <= sale.opensAt.getTime())
      throw invalid('`closesAt` must be after `opensAt`')
    before.closesAt = sale.closesAt?.toISOString() ?? null
    after.closesAt = closesAt?.toISOString() ?? null
    change.closesAt = closesAt
  }

  if (sale.kind === 'coupon') {
    for (const f of ['prices', 'addSections', 'addRows', 'withdrawSeats', 'withdrawSections'] as const) {
      if (req[f] !== undefined)
        throw invalid(`\`${f}\` is for seated sales; a coupon sale changes \`quantity\``)
    }
    if (req.quantity !== undefined) {
      before.quantity = sale.capacity
      after.quantity = change.quantity = change.capacity = req.quantity
    }
    return change
  }
  if (req.quantity !== undefined)
    throw invalid('`quantity` is for coupon sales; a seated sale adds or withdraws seats')

  const sections = sale.sections.map((s) => ({ ...s }))
  const byName = new Map(sections.map((s) => [s.name, s]))
  if (req.prices !== undefined) {
    const prices = new Map<string, number>()
    for (const { section, price } of req.prices) {
      const spec = byName.get(section)
      if (!spec) throw invalid(`No section ${section} in this sale`)
      if (prices.has(section)) throw invalid(`Section ${section} is priced twice`)
      prices.set(section, price)
    }
    before.prices = Object.fromEntries([...prices.keys()].map((s) => [s, byName.get(s)?.price]))
    after.prices = Object.fromEntries(prices)
    for (const [section, price] of prices) (byName.get(section) as SectionSpec).price = price
    change.prices = prices
  }

  const add: Seat[] = []
  if (req.addRows !== undefined) {
    const seen = new Set<string>()
    for (const { section, rows } of req.addRows) {
      const spec = byName.get(section)
      if (!spec) throw invalid(`No section ${section} in this sale`)
      if (seen.has(section)) throw invalid(`Rows are added to section ${section} twice`)
      seen.add(section)
      const first = Math.max(spec.rows, seats.rows.get(section) ?? 0) + 1
      if (first + rows - 1 > 1000) throw invalid(`Section ${section} may have at most 1000 rows`)
      for (let row = first; row < first + rows; row++) {
        for (let number = 1; number <= spec.seatsPerRow; number++) {
          add.push({ id: `${section}-${row}-${number}`, section, row, number, price: spec.price })
        }
      }
      spec.rows = first + rows - 1
    }
    after.addRows = req.addRows
  }
  if (req.addSections !== undefined) {
    for (const spec of req.addSections) {
      if (byName.has(spec.name)) throw invalid(`Section ${spec.name} exists already`)
      byName.set(spec.name, { ...spec })
      sections.push({ ...spec })
    }
    add.push(...buildSeatMap(req.addSections))
    after.addSections = req.addSections
  }
  for (const s of add) {
    if (seats.all.has(s.id)) throw invalid(`Seat ${s.id} exists already`)
  }

  const withdraw: string[] = []
  const live = new Set([...seats.liveBySection.values()].flat())
  if (req.withdrawSeats !== undefined) {
    for (const id of req.withdrawSeats) {
      if (!seats.all.has(id)) throw invalid(`No seat ${id} in this sale`)
      if (!live.has(id)) throw invalid(`Seat ${id} is withdrawn already`)
      withdraw.push(id)
    }
    after.withdrawSeats = req.withdrawSeats
  }
  if (req.withdrawSections !== undefined) {
    for (const name of req.withdrawSections) {
      if (!byName.has(name)) throw invalid(`No section ${name} in this sale`)
      withdraw.push(...(seats.liveBySection.get(name) ?? []))
    }
    after.withdrawSections = req.withdrawSections
  }
  // A seat named twice, or named and inside a named section, is withdrawn once.
  const unique = [...new Set(withdraw)]

  if (add.length > 0 || unique.length > 0) {
    const capacity = live.size + add.length - unique.length
    if (capacity > MAX_SEATS) throw invalid(`A seat map may have at most ${MAX_SEATS} seats`)
    if (capacity < 1) throw invalid('A sale keeps at least one seat')
    before.capacity = sale.capacity
    after.capacity = change.capacity = capacity
    if (add.length > 0) change.addSeats = add
    if (unique.length > 0) change.withdrawSeats = unique
  }
  if (req.prices !== undefined || add.length > 0) change.sections = sections
  return change
}

/** The sale as it stands after `change`. */
function applied(sale: Sale, change: SaleChange): Sale {
  return {
    ...sale,
    perUserLimit: change.perUserLimit ?? sale.perUserLimit,
    holdTtlSec: change.holdTtlSec ?? sale.holdTtlSec,
    capacity: change.capacity ?? sale.capacity,
    sections: change.sections ?? sale.sections,
    admission: change.admission ?? sale.admission,
    status: change.status ?? sale.status,
    closesAt: change.closesAt === undefined ? sale.closesAt : change.closesAt
  }
}

function refusal(r: InventoryEditRefusal): FcError {
  switch (r.refusal) {
    case 'not_warm':
      return new FcError(
        'FC_UNAVAILABLE',
        'This sale is not loaded in Redis right now: try again in a moment',
        {
          retryAfterSec: 2
        }
      )
    case 'limit_below_owned':
      return new FcError(
        'FC_LIMIT_BELOW_OWNED',
        `A buyer holds or owns ${r.owned} units: the per-user limit cannot go below ${r.owned}`,
        { details: { owned: r.owned } }
      )
    case 'capacity_below_taken':
      return new FcError(
        'FC_CAPACITY_BELOW_TAKEN',
        `${r.taken} units are held, pending or sold: the quantity cannot go below ${r.taken}`,
        { details: { taken: r.taken } }
      )
    case 'seat_sold':
      return new FcError('FC_SEAT_SOLD', `Seat ${r.seatId} is sold: a sold seat cannot be withdrawn`, {
        details: { seatId: r.seatId }
      })
    case 'seat_unknown':
    case 'seat_exists':
      return new FcError(
        'FC_INVALID_STATE',
        `Redis and PostgreSQL disagree about seat ${r.seatId}: reconcile the sale, then edit again`
      )
  }
}

function invalid(message: string): FcError {
  return new FcError('FC_VALIDATION', message)
}

function notEditable(sale: Sale): FcError {
  return new FcError(
    'FC_SALE_NOT_EDITABLE',
    `This sale is ${sale.status}: only an open or paused sale is edited`
  )
}
