import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PgBookingStore, SEAT_ALREADY_BOOKED } from '../../../src/adapters/postgres/booking-store.ts'
import { migrate } from '../../../src/adapters/postgres/migrate.ts'
import { createPool } from '../../../src/adapters/postgres/pool.ts'
import { sql } from '../../../src/adapters/postgres/sql.ts'
import type { BookingRow } from '../../../src/domain/pipeline-ports.ts'
import { until } from '../../support/wait.ts'
import { createTestDatabase, type TestDatabase } from './test-database.ts'

let db: TestDatabase
let pool: ReturnType<typeof createPool>
let store: PgBookingStore
const SALE = 'e00000000000000s'

beforeAll(async () => {
  db = await createTestDatabase()
  pool = createPool(db.url)
  await migrate(pool)
  store = new PgBookingStore(pool, 'fc.results')
})
afterAll(async () => {
  await pool?.end()
  await db?.drop()
})

const row = (n: number, seat = `A-1-${n}`): BookingRow => ({
  reservationId: `${SALE}.r${String(n).padStart(16, '0')}`,
  holdId: `${SALE}.h${String(n).padStart(16, '0')}`,
  saleId: SALE,
  seatId: seat,
  userId: `u${n}`,
  amount: 500
})

const settled = (
  r: BookingRow,
  status: 'confirmed' | 'failed',
  payment?: { status: 'approved' | 'declined' | 'timeout'; providerRef?: string },
  reason?: string
) => ({ ...r, status, ...(reason ? { reason } : {}), ...(payment ? { payment } : {}) })

describe('PgBookingStore', () => {
  it('claims a batch before charging, idempotently, and reports the rows already written', async () => {
    const rows = [row(1), row(2), row(3)]
    const first = await store.begin(rows)
    expect(first.recorded.size).toBe(0)
    expect(first.seatTaken.size).toBe(0)
    await store.settle([settled(row(1), 'confirmed', { status: 'approved', providerRef: 'p1' })], new Date())
    // A replay (row 2 and 3 were started on, never written) and a new one.
    const again = await store.begin([...rows, row(4)])
    expect(Object.fromEntries(again.recorded)).toEqual({ [row(1).reservationId]: 'confirmed' })
    const { rows: count } = await pool.query(
      'SELECT (SELECT count(*)::int FROM reservations) AS reservations, (SELECT count(*)::int FROM booking_attempts) AS attempts'
    )
    expect(count[0]).toEqual({ reservations: 1, attempts: 4 })
    // A request that was never accepted: its attempt goes, a final row never does.
    await store.discard([row(4).reservationId, row(1).reservationId])
    const { rows: left } = await pool.query('SELECT reservation_id FROM booking_attempts ORDER BY 1')
    expect(left.map((r) => r.reservation_id)).toEqual([1, 2, 3].map((n) => row(n).reservationId))
  })

  it('settles once: a replay writes no second payment and no second outbox row', async () => {
    const outcome = settled(row(2), 'failed', { status: 'declined' }, 'payment declined: card declined')
    expect(Object.fromEntries(await store.settle([outcome], new Date()))).toEqual({
      [row(2).reservationId]: 'failed'
    })
    // Replayed with another outcome: the first one stands.
    const replay = await store.settle([settled(row(2), 'confirmed', { status: 'approved' })], new Date())
    expect(Object.fromEntries(replay)).toEqual({ [row(2).reservationId]: 'failed' })
    const { rows } = await pool.query(
      "SELECT (SELECT count(*)::int FROM payments WHERE reservation_id = $1) AS payments, (SELECT count(*)::int FROM outbox WHERE payload->>'id' = $1) AS outbox",
      [row(2).reservationId]
    )
    expect(rows[0]).toEqual({ payments: 1, outbox: 1 })
    const { rows: out } = await pool.query(
      "SELECT topic, message_key, payload FROM outbox WHERE payload->>'id' = $1",
      [row(2).reservationId]
    )
    expect(out[0]).toMatchObject({
      topic: 'fc.results',
      message_key: 'u2',
      payload: {
        v: 1,
        type: 'reservation',
        id: row(2).reservationId,
        saleId: SALE,
        userId: 'u2',
        status: 'failed',
        reason: 'payment declined: card declined'
      }
    })
  })

  it('finishes a pending row written before migration 0005 in place, once', async () => {
    const legacy = row(3)
    await pool.query(
      "INSERT INTO reservations (id, sale_id, hold_id, seat_id, user_id, amount, status) VALUES ($1, $2, $3, $4, $5, $6, 'pending')",
      [legacy.reservationId, SALE, legacy.holdId, legacy.seatId, legacy.userId, legacy.amount]
    )
    expect(Object.fromEntries((await store.begin([legacy])).recorded)).toEqual({
      [legacy.reservationId]: 'pending'
    })
    const statuses = await store.settle([settled(legacy, 'confirmed', { status: 'approved' })], new Date())
    expect(Object.fromEntries(statuses)).toEqual({ [legacy.reservationId]: 'confirmed' })
    const { rows } = await pool.query(
      "SELECT (SELECT count(*)::int FROM payments WHERE reservation_id = $1) AS payments, (SELECT count(*)::int FROM outbox WHERE payload->>'id' = $1) AS outbox",
      [legacy.reservationId]
    )
    expect(rows[0]).toEqual({ payments: 1, outbox: 1 })
  })

  it('a second confirmed booking of one seat (I1) ends failed instead of failing the batch', async () => {
    const twin = row(5, 'A-1-1') // the seat row(1) already has, confirmed
    // Seen before charging: the twin can only fail, so the pipeline does not charge it.
    expect([...(await store.begin([twin, row(6)])).seatTaken]).toEqual([twin.reservationId])
    // Had it been charged anyway (a confirmation committed after begin), the database still decides.
    const statuses = await store.settle(
      [
        settled(twin, 'confirmed', { status: 'approved' }),
        settled(row(6), 'confirmed', { status: 'approved' })
      ],
      new Date()
    )
    expect(Object.fromEntries(statuses)).toEqual({
      [twin.reservationId]: 'failed',
      [row(6).reservationId]: 'confirmed'
    })
    const { rows } = await pool.query(
      'SELECT r.failure_reason, p.status AS payment FROM reservations r JOIN payments p ON p.reservation_id = r.id WHERE r.id = $1',
      [twin.reservationId]
    )
    expect(rows[0]).toEqual({ failure_reason: SEAT_ALREADY_BOOKED, payment: 'approved' })
  })

  it("the reconciler's stale fence and the consumer's claim: whoever comes first owns the outcome", async () => {
    const failStale = (r: BookingRow) =>
      pool.query(sql('fail-stale-reservation'), [
        r.reservationId,
        SALE,
        r.holdId,
        r.seatId,
        r.userId,
        'stale',
        'fc.results',
        new Date().toISOString()
      ])
    // The reconciler first: the consumer finds the failed row before charging.
    expect((await failStale(row(7))).rowCount).toBe(1)
    expect(Object.fromEntries((await store.begin([row(7)])).recorded)).toEqual({
      [row(7).reservationId]: 'failed'
    })
    // The consumer first (charging): the reconciler writes nothing.
    await store.begin([row(8)])
    expect((await failStale(row(8))).rowCount).toBe(0)
    const { rows } = await pool.query('SELECT count(*)::int AS n FROM reservations WHERE id = $1', [
      row(8).reservationId
    ])
    expect(rows[0]).toEqual({ n: 0 })
    // Racing: the consumer's claim waits for the reconciler's commit, then sees its row.
    const client = await pool.connect()
    try {
      await client.query('BEGIN')
      await client.query(sql('fail-stale-reservation'), [
        row(9).reservationId,
        SALE,
        row(9).holdId,
        row(9).seatId,
        row(9).userId,
        'stale',
        'fc.results',
        new Date().toISOString()
      ])
      const claiming = store.begin([row(9)])
      // The batch is now waiting for the row lock this transaction holds.
      await until(async () => {
        const { rows } = await pool.query(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return rows[0].n > 0
      })
      await client.query('COMMIT')
      expect(Object.fromEntries((await claiming).recorded)).toEqual({ [row(9).reservationId]: 'failed' })
    } finally {
      client.release()
    }
  })

  it('issues each coupon once, with a stable code and one outbox row', async () => {
    const claims = [1, 2].map((n) => ({
      claimId: `${SALE}.c${String(n).padStart(16, '0')}`,
      saleId: SALE,
      userId: `u${n}`
    }))
    await store.settleClaims(claims, { status: 'confirmed' }, new Date())
    const replay = await store.settleClaims(claims, { status: 'failed', reason: 'x' }, new Date())
    expect([...replay.values()]).toEqual(['confirmed', 'confirmed'])
    const { rows } = await pool.query(
      "SELECT count(DISTINCT coupon_code)::int AS codes, (SELECT count(*)::int FROM outbox WHERE payload->>'type' = 'claim') AS outbox FROM claims"
    )
    expect(rows[0]).toEqual({ codes: 2, outbox: 2 })
  })
})
