import type { Pool } from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrate } from '../../../src/adapters/postgres/migrate.ts'
import { createPool } from '../../../src/adapters/postgres/pool.ts'
import { PgSaleRepository } from '../../../src/adapters/postgres/sale-repository.ts'
import { newChildId, newSaleId } from '../../../src/domain/ids.ts'
import type { LedgerEntry } from '../../../src/domain/inventory-ports.ts'
import {
  buildSeatMap,
  type HoldState,
  type Sale,
  type Seat,
  type SectionSpec
} from '../../../src/domain/sale.ts'
import { isFcError } from '../../../src/errors.ts'
import { cleanupStack, createTestDatabase } from './test-database.ts'

const stack = cleanupStack()
afterAll(() => stack.run())

let pool: Pool
let repo: PgSaleRepository

beforeAll(async () => {
  const db = await createTestDatabase()
  stack.defer(db.drop)
  await migrate(db.url)
  pool = createPool(db.url)
  stack.defer(() => pool.end())
  repo = new PgSaleRepository(pool)
})

// A fixed clock keeps timestamps exact and comparable across round trips.
const T0 = Date.parse('2030-05-01T10:00:00.000Z')

function saleOf(kind: Sale['kind'], sections: SectionSpec[] = [], capacity = 100): Sale {
  return {
    id: newSaleId(),
    name: `test ${kind} sale`,
    kind,
    capacity: kind === 'seated' ? sections.reduce((n, s) => n + s.rows * s.seatsPerRow, 0) : capacity,
    perUserLimit: 4,
    holdTtlSec: 300,
    opensAt: new Date(T0 + 3_600_000),
    status: 'warming',
    admission: { ratePerSec: 50, maxActive: 500, accessTtlSec: 600, paused: false },
    challenge: { difficulty: 0 },
    sections,
    currency: 'KRW',
    cancelWindowSec: 0,
    createdAt: new Date(T0),
    preQueueOpensAt: new Date(T0 + 1_800_000),
    closesAt: new Date(T0 + 7_200_000),
    maxWaiting: 10_000
  }
}

async function seatedSale(sections: SectionSpec[] = [{ name: 'A', rows: 2, seatsPerRow: 5, price: 1000 }]) {
  const sale = saleOf('seated', sections)
  const seats = buildSeatMap(sections)
  await repo.createSale(sale, seats)
  return { sale, seats }
}

let sequence = 0

/** A ledger entry with a fresh stream id; `at` follows the stream id so entries read naturally. */
function entry(
  e: Pick<LedgerEntry, 'saleId' | 'unitId' | 'kind' | 'state'> & Partial<LedgerEntry>
): LedgerEntry {
  sequence += 1
  return {
    sourceId: `${T0 + sequence}-0`,
    seatId: null,
    userId: 'u1',
    delta: 0,
    expiresAt: null,
    reservationId: null,
    at: T0 + sequence,
    ...e
  }
}

/** Entries for one seat hold: taken at `at`, expiring 5 minutes later. */
function hold(saleId: string, seatId: string, userId: string) {
  const unitId = newChildId(saleId, 'h')
  const take = entry({ saleId, unitId, seatId, userId, kind: 'hold', state: 'held', delta: -1 })
  take.expiresAt = take.at + 300_000
  const step = (kind: string, state: HoldState, delta: number, extra: Partial<LedgerEntry> = {}) =>
    entry({ saleId, unitId, seatId, userId, kind, state, delta, expiresAt: take.expiresAt, ...extra })
  return { unitId, take, step }
}

async function holdsRows(saleId: string) {
  const { rows } = await pool.query(
    'SELECT id, seat_id, user_id, state, expires_at, extensions, reservation_id, created_at, updated_at FROM holds WHERE sale_id = $1 ORDER BY id',
    [saleId]
  )
  return rows
}

async function ledgerCount(saleId: string): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM stock_ledger WHERE sale_id = $1',
    [saleId]
  )
  return rows[0]?.n ?? -1
}

async function stateOf(unitId: string): Promise<string | undefined> {
  const { rows } = await pool.query<{ state: string }>('SELECT state FROM holds WHERE id = $1', [unitId])
  return rows[0]?.state
}

const bySeatId = (a: Seat, b: Seat) => a.id.localeCompare(b.id)

describe('PgSaleRepository: sales', () => {
  it('stores a seated sale with a 2,000-seat map and reads it back', async () => {
    const { sale, seats } = await seatedSale([
      { name: 'A', rows: 20, seatsPerRow: 50, price: 12_000 },
      { name: 'B', rows: 40, seatsPerRow: 25, price: 8_000 }
    ])
    expect(seats).toHaveLength(2000)

    expect(await repo.getSale(sale.id)).toEqual(sale)
    const snapshot = await repo.loadSnapshot(sale.id)
    expect(snapshot?.sale).toEqual(sale)
    expect(snapshot?.seats).toHaveLength(2000)
    expect([...(snapshot?.seats ?? [])].sort(bySeatId)).toEqual([...seats].sort(bySeatId))
    expect(snapshot?.units).toEqual([])
    // What the request path caches: the same sale and seats, read without the units.
    const def = await repo.loadDefinition(sale.id)
    expect(def).toMatchObject({ sale: snapshot?.sale, seats: snapshot?.seats })
    expect(def?.version).toEqual(expect.any(String))
    // Asked again with that version, the seats are not read; a write of the sale row changes it.
    expect(await repo.loadDefinition(sale.id, def?.version)).toEqual({ sale, version: def?.version })
    await repo.setStatus(sale.id, 'open')
    const after = await repo.loadDefinition(sale.id, def?.version)
    expect(after?.seats).toHaveLength(2000)
    expect(after?.version).not.toBe(def?.version)
    expect(after?.sale.status).toBe('open')
  })

  it('stores a 10,000-seat map in one set-based statement', async () => {
    const { sale } = await seatedSale([{ name: 'Hall', rows: 100, seatsPerRow: 100, price: 5_000 }])
    const { rows } = await pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM seats WHERE sale_id = $1',
      [sale.id]
    )
    expect(rows[0]?.n).toBe(10_000)
  })

  it('stores a coupon sale without seats, and refuses a second sale with the same id', async () => {
    const sale = saleOf('coupon', [], 1000)
    await repo.createSale(sale, [])
    expect(await repo.getSale(sale.id)).toEqual(sale)
    expect((await repo.loadSnapshot(sale.id))?.seats).toEqual([])
    expect(await repo.loadDefinition(sale.id)).toEqual({ sale, seats: [] })
    await expect(repo.createSale(sale, [])).rejects.toMatchObject({ code: '23505' })
  })

  it('answers undefined for an unknown sale', async () => {
    expect(await repo.getSale(newSaleId())).toBeUndefined()
    expect(await repo.loadSnapshot(newSaleId())).toBeUndefined()
    expect(await repo.loadDefinition(newSaleId())).toBeUndefined()
  })

  it('lists sales by status and changes status and admission', async () => {
    const a = saleOf('coupon')
    const b = saleOf('coupon')
    await repo.createSale(a, [])
    await repo.createSale(b, [])
    await repo.setStatus(b.id, 'open')
    const admission = { ratePerSec: 5, maxActive: 20, accessTtlSec: 120, paused: true }
    await repo.updateAdmission(b.id, admission)

    const open = (await repo.listSales(['open'])).map((s) => s.id)
    expect(open).toContain(b.id)
    expect(open).not.toContain(a.id)
    const both = (await repo.listSales(['warming', 'open'])).map((s) => s.id)
    expect(both).toEqual(expect.arrayContaining([a.id, b.id]))
    expect(await repo.listSales([])).toEqual([])
    expect(await repo.getSale(b.id)).toEqual({ ...b, status: 'open', admission })
  })

  it('refuses to change an unknown sale with FC_NOT_FOUND', async () => {
    const missing = newSaleId()
    await expect(repo.setStatus(missing, 'open')).rejects.toSatisfy((e) => isFcError(e, 'FC_NOT_FOUND'))
    await expect(
      repo.updateAdmission(missing, { ratePerSec: 1, maxActive: 1, accessTtlSec: 60, paused: false })
    ).rejects.toSatisfy((e) => isFcError(e, 'FC_NOT_FOUND'))
  })
})

describe('PgSaleRepository: ledger', () => {
  it('snapshots live units with their expiry, extensions and reservation', async () => {
    const { sale } = await seatedSale()
    const h1 = hold(sale.id, 'A-1-1', 'u1')
    const h2 = hold(sale.id, 'A-1-2', 'u2')
    const h3 = hold(sale.id, 'A-1-3', 'u1')
    const reservationId = newChildId(sale.id, 'r')
    const extended = h1.take.expiresAt! + 120_000
    await repo.applyLedger([
      h1.take,
      h2.take,
      h3.take,
      h1.step('extend', 'held', 0, { expiresAt: extended }),
      h2.step('pending', 'pending', 0, { reservationId }),
      h3.step('release', 'released', 1)
    ])

    const snapshot = await repo.loadSnapshot(sale.id)
    // Live units change nothing in the definition (no seat is withdrawn).
    expect(await repo.loadDefinition(sale.id)).toMatchObject({ sale: snapshot?.sale, seats: snapshot?.seats })
    expect(snapshot?.units).toEqual([
      {
        unitId: h1.unitId,
        seatId: 'A-1-1',
        userId: 'u1',
        state: 'held',
        expiresAt: extended,
        extensions: 1,
        reservationId: null
      },
      {
        unitId: h2.unitId,
        seatId: 'A-1-2',
        userId: 'u2',
        state: 'pending',
        expiresAt: h2.take.expiresAt,
        extensions: 0,
        reservationId
      }
    ])
    expect(await stateOf(h3.unitId)).toBe('released')
    expect(await repo.countLiveUnits(sale.id)).toEqual({ held: 1, pending: 1, sold: 0 })
    expect(await repo.userCounts(sale.id)).toEqual(
      new Map([
        ['u1', 1],
        ['u2', 1]
      ])
    )
  })

  it('keeps coupon claims in holds with no seat, counted per user', async () => {
    const sale = saleOf('coupon', [], 10)
    await repo.createSale(sale, [])
    const claims = ['u1', 'u1', 'u2', 'u3'].map((userId) => ({ userId, unitId: newChildId(sale.id, 'c') }))
    await repo.applyLedger(
      claims.map((c) => entry({ saleId: sale.id, ...c, kind: 'claim', state: 'pending', delta: -1 }))
    )
    await repo.applyLedger([
      entry({ saleId: sale.id, ...claims[0]!, kind: 'issue', state: 'sold' }),
      entry({ saleId: sale.id, ...claims[3]!, kind: 'fail', state: 'released', delta: 1 })
    ])

    expect(await repo.countLiveUnits(sale.id)).toEqual({ held: 0, pending: 2, sold: 1 })
    expect(await repo.userCounts(sale.id)).toEqual(
      new Map([
        ['u1', 2],
        ['u2', 1]
      ])
    )
    const units = (await repo.loadSnapshot(sale.id))?.units ?? []
    expect(units.map((u) => u.seatId)).toEqual([null, null, null])
  })

  it('is idempotent: a replayed batch changes nothing', async () => {
    const { sale } = await seatedSale()
    const h1 = hold(sale.id, 'A-2-1', 'u1')
    const h2 = hold(sale.id, 'A-2-2', 'u2')
    const batch = [
      h1.take,
      h2.take,
      h1.step('extend', 'held', 0, { expiresAt: h1.take.expiresAt! + 60_000, extensions: 1 }),
      h2.step('pending', 'pending', 0, { reservationId: newChildId(sale.id, 'r') }),
      h2.step('sold', 'sold', 0)
    ]
    await repo.applyLedger(batch)
    const rows = await holdsRows(sale.id)

    await repo.applyLedger(batch)
    await repo.applyLedger([...batch].reverse())
    expect(await holdsRows(sale.id)).toEqual(rows)
    expect(rows.find((r) => r.id === h1.unitId)?.extensions).toBe(1)

    // A batch overlapping the last one: its new entries apply, the old ones set nothing back.
    const extendAgain = h1.step('extend', 'held', 0, {
      expiresAt: h1.take.expiresAt! + 120_000,
      extensions: 2
    })
    await repo.applyLedger([...batch.slice(3), extendAgain])
    const [unit] = (await repo.loadSnapshot(sale.id))?.units.filter((u) => u.unitId === h1.unitId) ?? []
    expect(unit).toMatchObject({ extensions: 2, expiresAt: h1.take.expiresAt! + 120_000 })
    expect((await holdsRows(sale.id)).find((r) => r.id === h2.unitId)).toEqual(
      rows.find((r) => r.id === h2.unitId)
    )
  })

  it('sets nothing back when a late batch arrives after a later one (a drainer whose lease ran out)', async () => {
    const { sale } = await seatedSale()
    const h = hold(sale.id, 'A-1-3', 'u1')
    const release = h.step('release', 'released', 1, { expiresAt: null })
    await repo.applyLedger([h.take, release])
    await repo.applyLedger([h.take])
    expect(await stateOf(h.unitId)).toBe('released')
    // A new holder of the seat is then written as usual.
    const next = hold(sale.id, 'A-1-3', 'u2')
    await repo.applyLedger([h.take, next.take])
    expect((await repo.loadSnapshot(sale.id))?.units.map((u) => [u.unitId, u.state])).toEqual([
      [next.unitId, 'held']
    ])
  })

  it('names the units, seats and users changed after a ledger entry', async () => {
    const { sale } = await seatedSale()
    const a = hold(sale.id, 'A-1-4', 'u1')
    const b = hold(sale.id, 'A-1-5', 'u2')
    const c = hold(sale.id, 'A-2-3', 'u3')
    await repo.applyLedger([a.take, b.take])
    const since = b.take.sourceId
    await repo.applyLedger([c.take, a.step('release', 'released', 1)])
    const changes = await repo.ledgerChangesSince(sale.id, since)
    expect([...changes.units].sort()).toEqual([a.unitId, c.unitId].sort())
    expect([...changes.seats].sort()).toEqual(['A-1-4', 'A-2-3'])
    expect([...changes.users].sort()).toEqual(['u1', 'u3'])
    expect((await repo.ledgerChangesSince(sale.id, '0-0')).units.size).toBe(3)
  })

  it('records an entry repeated within one batch once', async () => {
    const { sale } = await seatedSale()
    const h = hold(sale.id, 'A-1-1', 'u1')
    const extend = h.step('extend', 'held', 0)
    await repo.applyLedger([h.take, extend, extend, h.take])
    expect((await repo.loadSnapshot(sale.id))?.units[0]?.extensions).toBe(1)
  })

  it('applies a release and a new hold of the same seat in one batch, in ledger order', async () => {
    const { sale } = await seatedSale()
    const first = hold(sale.id, 'A-1-1', 'u1')
    await repo.applyLedger([first.take])

    // The seat changes hands three times in one batch; the previous holder was written earlier.
    const second = hold(sale.id, 'A-1-1', 'u2')
    const third = hold(sale.id, 'A-1-1', 'u3')
    const fourth = hold(sale.id, 'A-1-1', 'u4')
    await repo.applyLedger([
      first.step('expire', 'expired', 1),
      second.take,
      second.step('release', 'released', 1),
      third.take,
      third.step('pending', 'pending', 0),
      third.step('fail', 'released', 1),
      fourth.take
    ])

    expect(await stateOf(first.unitId)).toBe('expired')
    expect(await stateOf(second.unitId)).toBe('released')
    expect(await stateOf(third.unitId)).toBe('released')
    const units = (await repo.loadSnapshot(sale.id))?.units
    expect(units?.map((u) => [u.unitId, u.userId, u.state])).toEqual([[fourth.unitId, 'u4', 'held']])
  })

  it('refuses a batch that would give a seat two live holders, and records none of it', async () => {
    const { sale } = await seatedSale()
    const a = hold(sale.id, 'A-2-5', 'u1')
    const b = hold(sale.id, 'A-2-5', 'u2')
    const other = hold(sale.id, 'A-2-4', 'u3')
    // Refused for good (no retry can help): FC_INVALID_STATE naming the constraint, PostgreSQL's error as cause.
    const refusal = await repo.applyLedger([other.take, a.take, b.take]).then(
      () => undefined,
      (err: unknown) => err
    )
    expect(refusal).toMatchObject({ code: 'FC_INVALID_STATE', canRetry: false, cause: { code: '23505' } })
    expect((refusal as Error).message).toMatch(/holds_one_live_per_seat/)
    expect(await holdsRows(sale.id)).toEqual([])
  })
})

describe('schema constraints', () => {
  const insertHold = (saleId: string, seatId: string | null, state: HoldState) =>
    pool.query('INSERT INTO holds (id, sale_id, seat_id, user_id, state) VALUES ($1, $2, $3, $4, $5)', [
      newChildId(saleId, seatId ? 'h' : 'c'),
      saleId,
      seatId,
      'u1',
      state
    ])

  const insertReservation = (saleId: string, seatId: string, status: string) =>
    pool.query(
      'INSERT INTO reservations (id, sale_id, hold_id, seat_id, user_id, amount, status) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [newChildId(saleId, 'r'), saleId, newChildId(saleId, 'h'), seatId, 'u1', 1000, status]
    )

  it('allows one live hold per seat (any number of dead ones, any number of claims)', async () => {
    const saleId = newSaleId()
    await insertHold(saleId, 'A-1-1', 'released')
    await insertHold(saleId, 'A-1-1', 'expired')
    await insertHold(saleId, 'A-1-1', 'held')
    for (const state of ['held', 'pending', 'sold'] as const) {
      await expect(insertHold(saleId, 'A-1-1', state)).rejects.toMatchObject({
        code: '23505',
        constraint: 'holds_one_live_per_seat'
      })
    }
    await insertHold(saleId, null, 'pending')
    await insertHold(saleId, null, 'pending')
  })

  it('allows one confirmed reservation per seat (I1) and one reservation per hold', async () => {
    const saleId = newSaleId()
    await insertReservation(saleId, 'A-1-1', 'failed')
    await insertReservation(saleId, 'A-1-1', 'pending')
    await insertReservation(saleId, 'A-1-1', 'confirmed')
    await expect(insertReservation(saleId, 'A-1-1', 'confirmed')).rejects.toMatchObject({
      code: '23505',
      constraint: 'reservations_one_confirmed_per_seat'
    })
    await insertReservation(saleId, 'A-1-2', 'confirmed')

    const holdId = newChildId(saleId, 'h')
    const sql =
      'INSERT INTO reservations (id, sale_id, hold_id, seat_id, user_id, amount, status) VALUES ($1, $2, $3, $4, $5, 0, $6)'
    await pool.query(sql, [newChildId(saleId, 'r'), saleId, holdId, 'A-2-1', 'u1', 'failed'])
    await expect(
      pool.query(sql, [newChildId(saleId, 'r'), saleId, holdId, 'A-2-1', 'u1', 'pending'])
    ).rejects.toMatchObject({ code: '23505' })
  })

  it('refuses a unit id that does not belong to its sale', async () => {
    await expect(
      pool.query('INSERT INTO holds (id, sale_id, seat_id, user_id, state) VALUES ($1, $2, $3, $4, $5)', [
        newChildId(newSaleId(), 'h'),
        newSaleId(),
        'A-1-1',
        'u1',
        'held'
      ])
    ).rejects.toMatchObject({ code: '23514' })
  })

  it('keeps the stock ledger (rows recorded before holds carried their ledger position) insert-only', async () => {
    const { sale } = await seatedSale()
    await pool.query(
      `INSERT INTO stock_ledger (sale_id, source_id, kind, unit_id, seat_id, user_id, delta, state, at)
       VALUES ($1, '1-0', 'hold', $2, 'A-1-1', 'u1', -1, 'held', now())`,
      [sale.id, newChildId(sale.id, 'h')]
    )
    const refused = { code: '23001', message: expect.stringMatching(/stock_ledger is insert-only/) }
    await expect(
      pool.query("UPDATE stock_ledger SET state = 'released' WHERE sale_id = $1", [sale.id])
    ).rejects.toMatchObject(refused)
    await expect(pool.query('DELETE FROM stock_ledger WHERE sale_id = $1', [sale.id])).rejects.toMatchObject(
      refused
    )
    await expect(pool.query('TRUNCATE stock_ledger')).rejects.toMatchObject(refused)
    expect(await ledgerCount(sale.id)).toBe(1)
  })
})
