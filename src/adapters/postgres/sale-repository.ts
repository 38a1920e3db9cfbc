import type { Pool, PoolClient } from 'pg'
import type { InventorySnapshot, LedgerEntry, LiveUnit } from '../../domain/inventory-ports.ts'
import type { AdmissionSettings, HoldState, Sale, SaleStatus, Seat } from '../../domain/sale.ts'
import type { LedgerChanges, SaleDefinition, SaleRepository } from '../../domain/sale-ports.ts'
import { FcError } from '../../errors.ts'
import { transaction } from './pool.ts'
import { sql } from './sql.ts'

/** Units of one sale that take stock, by state, as the database records them. */
export interface LiveUnitCounts {
  held: number
  pending: number
  sold: number
}

export interface SaleRow {
  id: string
  name: string
  kind: Sale['kind']
  capacity: number
  per_user_limit: number
  hold_ttl_sec: number
  opens_at: Date | null
  status: SaleStatus
  admission: AdmissionSettings
  challenge: Sale['challenge']
  sections: Sale['sections']
  currency: string
  cancel_window_sec: number
  created_at: Date
  pre_queue_opens_at: Date | null
  closes_at: Date | null
  max_waiting: number | null
  /** select-sale.sql only: changes with every write of the row. */
  row_version?: string
}

interface SeatRow {
  seat_id: string
  section: string
  row_no: number
  seat_no: number
  price: number
  withdrawn: boolean
}

interface LiveUnitRow {
  id: string
  seat_id: string | null
  user_id: string
  state: LiveUnit['state']
  expires_at: Date | null
  extensions: number
  reservation_id: string | null
}

/** The state a batch of ledger entries leaves one unit in. */
interface UnitChange {
  id: string
  saleId: string
  seatId: string | null
  userId: string
  state: HoldState
  expiresAt: number | null
  /** The unit's extensions after the batch, as far as its extends say (0 without one). */
  extensions: number
  reservationId: string | null
  firstAt: number
  lastAt: number
  /** Stream id of the unit's last entry in the batch (see {@link ledgerPosition}). */
  lastMs: number
  lastSeq: number
}

const LIVE_STATES: ReadonlySet<HoldState> = new Set(['held', 'pending', 'sold'])

/**
 * PostgreSQL implementation of {@link SaleRepository}: sales, seat maps, the holds table mirrored
 * from the inventory core's ledger, and the counts the reconciler compares with Redis.
 */
export class PgSaleRepository implements SaleRepository {
  readonly #pool: Pool

  constructor(pool: Pool) {
    this.#pool = pool
  }

  /**
   * Stores a new sale and its seat map in one transaction; the seats go in one set-based statement
   * (10,000 seats: about 100 ms on a local PostgreSQL 15). Fails with PostgreSQL error 23505 when
   * the sale id exists.
   */
  async createSale(sale: Sale, seats: readonly Seat[]): Promise<void> {
    await transaction(this.#pool, async (client) => {
      await client.query(sql('insert-sale'), [
        sale.id,
        sale.name,
        sale.kind,
        sale.capacity,
        sale.perUserLimit,
        sale.holdTtlSec,
        sale.opensAt,
        sale.status,
        // Stringified by hand: node-postgres would turn a JS array (sections) into a PostgreSQL array.
        JSON.stringify(sale.admission),
        JSON.stringify(sale.challenge),
        JSON.stringify(sale.sections),
        sale.createdAt,
        sale.currency,
        sale.cancelWindowSec,
        sale.preQueueOpensAt ?? null,
        sale.closesAt ?? null,
        sale.maxWaiting ?? null
      ])
      if (seats.length > 0) {
        await client.query(sql('insert-seats'), [
          sale.id,
          seats.map((s) => s.id),
          seats.map((s) => s.section),
          seats.map((s) => s.row),
          seats.map((s) => s.number),
          seats.map((s) => s.price)
        ])
      }
    })
  }

  /** The sale, or undefined when no sale has this id. */
  async getSale(saleId: string): Promise<Sale | undefined> {
    return getSale(this.#pool, saleId)
  }

  /** Every sale id, whatever its status. */
  async saleIds(): Promise<string[]> {
    const { rows } = await this.#pool.query<{ id: string }>(sql('select-sale-ids'))
    return rows.map((r) => r.id)
  }

  /** Sales in any of the given statuses, oldest first. */
  async listSales(statuses: readonly SaleStatus[]): Promise<Sale[]> {
    if (statuses.length === 0) return []
    const { rows } = await this.#pool.query<SaleRow>(sql('select-sales-by-status'), [statuses])
    return rows.map(toSale)
  }

  /** The newest sales first, in any of the given statuses (any status when none are given). */
  async recentSales(statuses: readonly SaleStatus[] | undefined, limit: number): Promise<Sale[]> {
    const { rows } = await this.#pool.query<SaleRow>(sql('select-recent-sales'), [statuses ?? null, limit])
    return rows.map(toSale)
  }

  /** Sets a sale's status; throws FC_NOT_FOUND for an unknown sale. */
  async setStatus(saleId: string, status: SaleStatus): Promise<void> {
    const { rowCount } = await this.#pool.query(sql('update-sale-status'), [saleId, status])
    if (rowCount === 0) throw saleNotFound(saleId)
  }

  /** Replaces a sale's admission settings; throws FC_NOT_FOUND for an unknown sale. */
  async updateAdmission(saleId: string, admission: AdmissionSettings): Promise<void> {
    const { rowCount } = await this.#pool.query(sql('update-sale-admission'), [
      saleId,
      JSON.stringify(admission)
    ])
    if (rowCount === 0) throw saleNotFound(saleId)
  }

  /**
   * The sale, its seats and its live units (held, pending, sold), read in one repeatable-read
   * transaction so the three agree even while ledger batches are being applied.
   */
  async loadSnapshot(saleId: string): Promise<InventorySnapshot | undefined> {
    return transaction(
      this.#pool,
      async (client) => {
        const sale = await getSale(client, saleId)
        if (!sale) return undefined
        const seats =
          sale.kind === 'seated' ? await client.query<SeatRow>(sql('select-seats'), [saleId]) : undefined
        const units = (await client.query<LiveUnitRow>(sql('select-live-units'), [saleId])).rows.map(
          toLiveUnit
        )
        if (!seats) return { sale, seats: [], units }
        // A withdrawn seat takes stock only while a live unit still has it (docs/inventory.md).
        const withdrawn = new Set(seats.rows.filter((s) => s.withdrawn).map((s) => s.seat_id))
        const held = new Set(units.map((u) => u.seatId))
        for (const u of units) if (u.seatId !== null && withdrawn.has(u.seatId)) u.withdrawn = true
        const kept = seats.rows.filter((s) => !s.withdrawn || held.has(s.seat_id)).map(toSeat)
        return { sale: { ...sale, capacity: kept.length }, seats: kept, units }
      },
      'snapshot'
    )
  }

  /**
   * The sale and its seat map without its live units: the API caches this for every hold and
   * confirm and reloads it every few seconds in each process. The units (every held, pending and
   * sold one, merged with the booking rows) were most of the cost of that read, growing with the
   * sale, and the seats the rest: with `knownVersion` unchanged, only the sale row is read. A sale
   * with a withdrawn seat is read in full every time, units included: such a seat stays in the map
   * while a live unit has it, which no write of the sale row says.
   */
  async loadDefinition(saleId: string, knownVersion?: string): Promise<SaleDefinition | undefined> {
    const read = await transaction(
      this.#pool,
      async (client): Promise<SaleDefinition | 'with-withdrawn-seats' | undefined> => {
        const row = (await client.query<SaleRow>(sql('select-sale'), [saleId])).rows[0]
        if (!row) return undefined
        const sale = toSale(row)
        if (sale.kind !== 'seated') return { sale, seats: [] }
        const version = row.row_version
        if (knownVersion !== undefined && version === knownVersion) return { sale, version }
        const seats = await client.query<SeatRow>(sql('select-seats'), [saleId])
        if (seats.rows.some((s) => s.withdrawn)) return 'with-withdrawn-seats'
        return {
          sale: { ...sale, capacity: seats.rows.length },
          seats: seats.rows.map(toSeat),
          ...(version === undefined ? {} : { version })
        }
      },
      'snapshot'
    )
    if (read !== 'with-withdrawn-seats') return read
    const snapshot = await this.loadSnapshot(saleId)
    return snapshot && { sale: snapshot.sale, seats: snapshot.seats }
  }

  /**
   * Applies ledger entries (in ledger order) in one transaction, idempotently: each unit's row takes
   * the state its last entry in the batch leaves it in, and only if the row has no later entry
   * applied (each row keeps its last entry's position, `ledger_pos`), so applying a batch again (a
   * replay after a crash between the commit and the trim, or a late batch of a drainer whose lease
   * ran out) sets nothing back. Extends carry the hold's count of extensions for the same reason.
   *
   * One row per unit, not one per entry: the entries are folded per unit, in order, into the state
   * they leave it in (state, expiry, reservation, extensions), and only that is written, so a hold
   * and its confirm, release or expiry in one batch cost one row write. (The insert-only
   * `stock_ledger` of every entry, which used to be written beside it and made replays no-ops by
   * its unique stream id, cost as much again as the `holds` row; it is no longer written, see
   * docs/inventory.md.) At most four round trips per batch whatever its size (BEGIN, two
   * statements, COMMIT):
   * 1. upsert the units whose final state is dead (released, expired), then
   * 2. the units whose final state is live (held, pending, sold).
   * The split keeps holds_one_live_per_seat satisfied at every row: the ledger comes from Redis,
   * where a seat never has two live holders, so after the batch at most one unit per seat is live,
   * and any unit that stopped being live in the batch is marked dead before its seat's new holder
   * is written (within one statement the row order is not guaranteed, hence two statements).
   * This relies on batches arriving in ledger order, which the single applier per sale provides;
   * a replay re-reads from the first entry not yet trimmed, so it covers at least every entry the
   * applied batch had, and its fold ends each unit in the same state.
   */
  async applyLedger(entries: readonly LedgerEntry[]): Promise<void> {
    // An operator's edit (kind `edit`) travels in the ledger but is no unit's change.
    const edits = entries.filter((e) => e.kind === 'edit')
    const changes = foldUnits(entries.filter((e) => e.kind !== 'edit'))
    if (changes.length === 0 && edits.length === 0) return
    await transaction(this.#pool, async (client) => {
      // The edit's own transaction wrote its row; this insert of the same key waits for that
      // commit, so whoever sees what came after the edit in PostgreSQL sees the edit too.
      if (edits.length > 0)
        await client.query(sql('insert-ledger-entries'), [
          edits.map((e) => e.saleId),
          edits.map((e) => e.sourceId),
          edits.map((e) => e.kind),
          edits.map((e) => e.unitId),
          edits.map((e) => e.seatId),
          edits.map((e) => e.userId),
          edits.map((e) => e.delta),
          edits.map((e) => e.state),
          edits.map((e) => e.expiresAt),
          edits.map((e) => e.reservationId),
          edits.map((e) => e.at)
        ])
      await upsertUnits(
        client,
        changes.filter((c) => !LIVE_STATES.has(c.state))
      )
      await upsertUnits(
        client,
        changes.filter((c) => LIVE_STATES.has(c.state))
      )
    }).catch((err: unknown) => {
      throw refusedForGood(err) ?? err
    })
  }

  /** The units, seats and users named by the sale's ledger entries applied after `sourceId`. */
  async ledgerChangesSince(saleId: string, sourceId: string): Promise<LedgerChanges> {
    const { rows } = await this.#pool.query<{ unit_id: string; seat_id: string | null; user_id: string }>(
      sql('select-ledger-changes-since'),
      [saleId, ledgerPosition(sourceId)]
    )
    const changes = { seats: new Set<string>(), units: new Set<string>(), users: new Set<string>() }
    for (const r of rows) {
      changes.units.add(r.unit_id)
      changes.users.add(r.user_id)
      if (r.seat_id) changes.seats.add(r.seat_id)
    }
    return changes
  }

  /** How many units of the sale the database counts as held, pending and sold. */
  async countLiveUnits(saleId: string): Promise<LiveUnitCounts> {
    const { rows } = await this.#pool.query<LiveUnitCounts>(sql('count-live-units'), [saleId])
    return rows[0] ?? { held: 0, pending: 0, sold: 0 }
  }

  /** Live units (held, pending, sold) per user of the sale; users with none are absent. */
  async userCounts(saleId: string): Promise<Map<string, number>> {
    const { rows } = await this.#pool.query<{ user_id: string; units: number }>(
      sql('count-live-units-by-user'),
      [saleId]
    )
    return new Map(rows.map((r) => [r.user_id, r.units]))
  }
}

async function getSale(db: Pool | PoolClient, saleId: string): Promise<Sale | undefined> {
  const { rows } = await db.query<SaleRow>(sql('select-sale'), [saleId])
  const row = rows[0]
  return row ? toSale(row) : undefined
}

/**
 * A PostgreSQL refusal no retry can change, as FC_INVALID_STATE with the constraint and its
 * detail: integrity violations (SQLSTATE class 23, e.g. a seat's second live holder against
 * holds_one_live_per_seat) and data exceptions (class 22, a value the column cannot store).
 * Anything else (a lost connection, a timeout, a serialization failure) is left as it is.
 */
function refusedForGood(err: unknown): FcError | undefined {
  const e = err as { code?: unknown; constraint?: unknown; detail?: unknown; message?: unknown }
  if (typeof e?.code !== 'string' || !/^2[23]/.test(e.code)) return undefined
  const parts = [
    typeof e.constraint === 'string' ? e.constraint : undefined,
    typeof e.message === 'string' ? e.message : undefined,
    typeof e.detail === 'string' ? e.detail : undefined
  ].filter((p) => p !== undefined)
  return new FcError('FC_INVALID_STATE', `PostgreSQL refused it (${e.code}): ${parts.join(': ')}`, {
    cause: err
  })
}

function saleNotFound(saleId: string): FcError {
  return new FcError('FC_NOT_FOUND', `sale ${saleId} not found`)
}

/**
 * A stream id `<ms>-<seq>` as one number that keeps the stream's order, ms * 1,000,000 + seq (as a
 * decimal string: it passes 2^53), the `ledger_pos` of holds rows. 0 for anything else ('0-0').
 */
export function ledgerPosition(sourceId: string): string {
  const [ms, seq] = streamId(sourceId)
  return (BigInt(ms) * 1_000_000n + BigInt(seq)).toString()
}

/** The two parts of a stream id; [0, 0] for anything that is not one. */
function streamId(sourceId: string): [number, number] {
  const dash = sourceId.indexOf('-')
  const ms = Number(sourceId.slice(0, dash))
  const seq = Number(sourceId.slice(dash + 1))
  return dash > 0 && Number.isSafeInteger(ms) && Number.isSafeInteger(seq) ? [ms, seq] : [0, 0]
}

/**
 * Folds entries into one change per unit (first appearance order): the state its latest entry (by
 * stream id) leaves it in. An entry not after the unit's latest so far (a repeat, or out of order)
 * changes nothing. An extend carries the hold's count of extensions after it; the row keeps the
 * greater of its own and this one. An extend without a count (written before the count was
 * carried) counts one.
 */
function foldUnits(entries: readonly LedgerEntry[]): UnitChange[] {
  const units = new Map<string, UnitChange>()
  for (const e of entries) {
    const [ms, seq] = streamId(e.sourceId)
    let unit = units.get(e.unitId)
    if (unit) {
      if (ms < unit.lastMs || (ms === unit.lastMs && seq <= unit.lastSeq)) continue
      unit.state = e.state
      unit.expiresAt = e.expiresAt
      unit.reservationId = e.reservationId
      unit.lastAt = e.at
      unit.lastMs = ms
      unit.lastSeq = seq
    } else {
      unit = {
        id: e.unitId,
        saleId: e.saleId,
        seatId: e.seatId,
        userId: e.userId,
        state: e.state,
        expiresAt: e.expiresAt,
        extensions: 0,
        reservationId: e.reservationId,
        firstAt: e.at,
        lastAt: e.at,
        lastMs: ms,
        lastSeq: seq
      }
      units.set(e.unitId, unit)
    }
    if (e.kind === 'extend') unit.extensions = Math.max(unit.extensions + 1, e.extensions ?? 0)
  }
  return [...units.values()]
}

async function upsertUnits(client: PoolClient, units: readonly UnitChange[]): Promise<void> {
  if (units.length === 0) return
  await client.query(sql('upsert-holds'), [
    units.map((u) => u.id),
    units.map((u) => u.saleId),
    units.map((u) => u.seatId),
    units.map((u) => u.userId),
    units.map((u) => u.state),
    units.map((u) => u.expiresAt),
    units.map((u) => u.extensions),
    units.map((u) => u.reservationId),
    units.map((u) => u.firstAt),
    units.map((u) => u.lastAt),
    units.map((u) => (BigInt(u.lastMs) * 1_000_000n + BigInt(u.lastSeq)).toString())
  ])
}

export function toSale(row: SaleRow): Sale {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    capacity: row.capacity,
    perUserLimit: row.per_user_limit,
    holdTtlSec: row.hold_ttl_sec,
    opensAt: row.opens_at,
    status: row.status,
    admission: row.admission,
    challenge: row.challenge,
    sections: row.sections,
    currency: row.currency,
    cancelWindowSec: row.cancel_window_sec,
    createdAt: row.created_at,
    preQueueOpensAt: row.pre_queue_opens_at,
    closesAt: row.closes_at,
    maxWaiting: row.max_waiting
  }
}

function toSeat(row: SeatRow): Seat {
  return { id: row.seat_id, section: row.section, row: row.row_no, number: row.seat_no, price: row.price }
}

function toLiveUnit(row: LiveUnitRow): LiveUnit {
  return {
    unitId: row.id,
    seatId: row.seat_id,
    userId: row.user_id,
    state: row.state,
    expiresAt: row.expires_at ? row.expires_at.getTime() : null,
    extensions: row.extensions,
    reservationId: row.reservation_id
  }
}
