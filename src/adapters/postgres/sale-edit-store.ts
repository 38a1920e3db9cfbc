import type { Pool, PoolClient } from 'pg'
import type { Sale } from '../../domain/sale.ts'
import type { AuditEntry, SaleChange, SaleEditStore, SeatIndex } from '../../domain/sale-edit-ports.ts'
import { FcError } from '../../errors.ts'
import { transaction } from './pool.ts'
import { toSale } from './sale-repository.ts'
import { sql } from './sql.ts'

interface AuditRow {
  id: string
  sale_id: string
  actor: string
  action: string
  before: Record<string, unknown>
  after: Record<string, unknown>
  at: Date
}

/**
 * PostgreSQL's side of an operator's edit of a running sale, and the audit log. One transaction
 * holds the sale's row lock, writes the change and its audit row, runs the inventory side (Redis)
 * and records that side's ledger entry before it commits: see {@link SaleEditStore.edit}.
 */
export class PgSaleEditStore implements SaleEditStore {
  readonly #pool: Pool

  constructor(pool: Pool) {
    this.#pool = pool
  }

  async edit<T extends { ledgerId: string } | undefined>(
    saleId: string,
    actor: string,
    plan: (sale: Sale, seats: SeatIndex) => SaleChange,
    apply: (change: SaleChange) => Promise<T>
  ): Promise<{ entry: AuditEntry; result: T }> {
    return transaction(this.#pool, async (client) => {
      const { rows } = await client.query(sql('lock-sale'), [saleId])
      if (!rows[0]) throw new FcError('FC_NOT_FOUND', 'No such sale')
      const sale = toSale(rows[0])
      const change = plan(sale, sale.kind === 'seated' ? await seatIndex(client, saleId) : EMPTY_INDEX)
      await write(client, sale, change)
      const audit = await client.query<{ id: string; at: Date }>(sql('insert-sale-audit'), [
        saleId,
        actor,
        change.action,
        JSON.stringify(change.before),
        JSON.stringify(change.after)
      ])
      const result = await apply(change)
      // The inventory's ledger entry of this edit, recorded now: the ledger sink's copy of it waits
      // for this commit (same unique key), so whoever has seen it in PostgreSQL sees the edit too.
      if (result) {
        const at = Date.now()
        await client.query(sql('insert-ledger-entries'), [
          [saleId],
          [result.ledgerId],
          ['edit'],
          ['edit'],
          [null],
          [actor],
          [0],
          ['released'],
          [null],
          [null],
          [at]
        ])
      }
      const { id, at } = audit.rows[0] as { id: string; at: Date }
      return {
        entry: { id, saleId, actor, action: change.action, before: change.before, after: change.after, at },
        result
      }
    })
  }

  async audit(saleId: string, page: { limit: number; before?: string }): Promise<AuditEntry[]> {
    const { rows } = await this.#pool.query<AuditRow>(sql('select-sale-audit'), [
      saleId,
      page.limit,
      page.before ?? null
    ])
    if (rows.length === 0 && (await this.#pool.query(sql('select-sale'), [saleId])).rowCount === 0)
      throw new FcError('FC_NOT_FOUND', 'No such sale')
    return rows.map((r) => ({
      id: r.id,
      saleId: r.sale_id,
      actor: r.actor,
      action: r.action,
      before: r.before,
      after: r.after,
      at: r.at
    }))
  }
}

const EMPTY_INDEX: SeatIndex = { all: new Set(), liveBySection: new Map(), rows: new Map() }

async function seatIndex(client: PoolClient, saleId: string): Promise<SeatIndex> {
  const { rows } = await client.query<{
    seat_id: string
    section: string
    row_no: number
    withdrawn: boolean
  }>(sql('select-seat-index'), [saleId])
  const all = new Set<string>()
  const live = new Map<string, string[]>()
  const rowsOf = new Map<string, number>()
  for (const r of rows) {
    all.add(r.seat_id)
    rowsOf.set(r.section, Math.max(rowsOf.get(r.section) ?? 0, r.row_no))
    if (r.withdrawn) continue
    let list = live.get(r.section)
    if (!list) {
      list = []
      live.set(r.section, list)
    }
    list.push(r.seat_id)
  }
  return { all, liveBySection: live, rows: rowsOf }
}

async function write(client: PoolClient, sale: Sale, change: SaleChange): Promise<void> {
  await client.query(sql('update-sale-edit'), [
    sale.id,
    change.perUserLimit ?? sale.perUserLimit,
    change.holdTtlSec ?? sale.holdTtlSec,
    JSON.stringify(change.admission ?? sale.admission),
    JSON.stringify(change.sections ?? sale.sections),
    change.capacity ?? sale.capacity,
    change.status ?? sale.status,
    change.closesAt === undefined ? sale.closesAt : change.closesAt
  ])
  if (change.prices && change.prices.size > 0) {
    await client.query(sql('update-section-prices'), [
      sale.id,
      [...change.prices.keys()],
      [...change.prices.values()]
    ])
  }
  if (change.withdrawSeats && change.withdrawSeats.length > 0) {
    await client.query(sql('withdraw-seats'), [sale.id, change.withdrawSeats])
  }
  const add = change.addSeats ?? []
  if (add.length > 0) {
    await client.query(sql('insert-seats'), [
      sale.id,
      add.map((s) => s.id),
      add.map((s) => s.section),
      add.map((s) => s.row),
      add.map((s) => s.number),
      add.map((s) => s.price)
    ])
  }
}
