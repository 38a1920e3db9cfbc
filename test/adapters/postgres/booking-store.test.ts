import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PgBookingStore, SEAT_ALREADY_BOOKED } from '../../../src/adapters/postgres/booking-store.ts'
import { migrate } from '../../../src/adapters/postgres/migrate.ts'
import { createPool } from '../../../src/adapters/postgres/pool.ts'
import type { BookingRow } from '../../../src/domain/pipeline-ports.ts'
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

describe('PgBookingStore', () => {
  it('records a batch as pending idempotently and reports the status of every row', async () => {
    const rows = [row(1), row(2), row(3)]
    expect([...(await store.insertPending(rows)).values()]).toEqual(['pending', 'pending', 'pending'])
    await store.complete(
      [
        {
          reservationId: row(1).reservationId,
          status: 'confirmed',
          payment: { status: 'approved', providerRef: 'p1' }
        }
      ],
      new Date()
    )
    const again = await store.insertPending([...rows, row(4)])
    expect(Object.fromEntries(again)).toEqual({
      [row(1).reservationId]: 'confirmed',
      [row(2).reservationId]: 'pending',
      [row(3).reservationId]: 'pending',
      [row(4).reservationId]: 'pending'
    })
    const { rows: count } = await pool.query('SELECT count(*)::int AS n FROM reservations')
    expect(count[0]).toEqual({ n: 4 })
  })

  it('completes once: a replay writes no second payment and no second outbox row', async () => {
    const outcome = [
      {
        reservationId: row(2).reservationId,
        status: 'failed' as const,
        reason: 'payment declined: card declined',
        payment: { status: 'declined' as const }
      }
    ]
    expect(Object.fromEntries(await store.complete(outcome, new Date()))).toEqual({
      [row(2).reservationId]: 'failed'
    })
    // Replayed with another outcome: the first one stands.
    const replay = await store.complete(
      [{ ...outcome[0]!, status: 'confirmed' as const, payment: { status: 'approved' as const } }],
      new Date()
    )
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

  it('a second confirmed booking of one seat (I1) ends failed instead of failing the batch', async () => {
    const twin = row(5, 'A-1-1') // the seat row(1) already has, confirmed
    await store.insertPending([twin, row(6)])
    const statuses = await store.complete(
      [
        { reservationId: twin.reservationId, status: 'confirmed', payment: { status: 'approved' } },
        { reservationId: row(6).reservationId, status: 'confirmed', payment: { status: 'approved' } }
      ],
      new Date()
    )
    expect(Object.fromEntries(statuses)).toEqual({
      [twin.reservationId]: 'failed',
      [row(6).reservationId]: 'confirmed'
    })
    const { rows } = await pool.query('SELECT failure_reason FROM reservations WHERE id = $1', [
      twin.reservationId
    ])
    expect(rows[0]).toEqual({ failure_reason: SEAT_ALREADY_BOOKED })
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
