import { randomBytes } from 'node:crypto'
import { createClient } from 'redis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PgBookingStore } from '../../../src/adapters/postgres/booking-store.ts'
import { RedisInventoryAudit } from '../../../src/adapters/redis/inventory-audit.ts'
import { ScriptRunner } from '../../../src/adapters/redis/scripts.ts'
import type { BookingRequest } from '../../../src/domain/pipeline-ports.ts'
import { compare } from '../../../src/services/results/reconciler.ts'
import { couponSale, createHarness, type Harness, seatedSale } from '../../support/harness.ts'
import { holdDirect, pendBooking } from '../../support/pipeline.ts'
import { type OwnRedis, startOwnRedis } from '../../support/redis-server.ts'

// A Redis of this file's own: the tests corrupt it and FLUSHALL it.
let own: OwnRedis
let h: Harness
let redis: ReturnType<typeof createClient>

beforeAll(async () => {
  own = await startOwnRedis()
  h = await createHarness({ REDIS_URL: own.url }, { kafka: false })
  redis = createClient({ url: own.url })
  await redis.connect()
})
afterAll(async () => {
  redis?.destroy()
  await h?.close()
  await own?.kill()
})

/** A seat held by `userId`, straight through the inventory core. */
const hold = (saleId: string, userId: string, seatId: string) => holdDirect(h, saleId, userId, seatId)

/** HELD -> PENDING, as a confirm does before its publish. */
const pend = (saleId: string, userId: string, holdId: string) => pendBooking(h, saleId, userId, holdId)

describe('reconciler', () => {
  let saleId: string
  let stale: BookingRequest

  it('finds nothing on a consistent sale', async () => {
    saleId = await h.createSale(seatedSale(2, 10, { perUserLimit: 4 }))
    await h.admit(saleId, ['u1', 'u2', 'u3'])
    const sold = await pend(saleId, 'u1', await hold(saleId, 'u1', 'A-1-1'))
    expect((await h.rt.pipeline.processBookings([sold])).size).toBe(0)
    await hold(saleId, 'u1', 'A-1-2')
    stale = await pend(saleId, 'u2', await hold(saleId, 'u2', 'A-1-3'))

    const report = await h.rt.results.reconciler.reconcile(saleId)
    expect(report).toMatchObject({ saleId, drift: [], repaired: false, stale: [], busy: false })
    expect(await h.inventory.counts(saleId)).toMatchObject({
      available: 17,
      held: 1,
      pending: 1,
      confirmed: 1
    })
  })

  it('reports each injected drift and repairs Redis from PostgreSQL', async () => {
    const k = h.keys.sale(saleId)
    const heldId = [...Object.entries(await redis.hGetAll(k.units))].find(([, v]) =>
      v.includes('"held"')
    )?.[0]
    expect(heldId).toBeDefined()
    await redis.hIncrBy(k.meta, 'available', 5)
    await redis.hDel(k.units, heldId!)
    await redis.hSet(k.seats, 'A-2-5', `S${saleId}.hffffffffffffffff`)
    await redis.hIncrBy(k.users, 'u3', 1)

    const report = await h.rt.results.reconciler.reconcile(saleId)
    expect(report.repaired).toBe(true)
    const fields = Object.fromEntries(report.drift.map((d) => [d.field, d]))
    expect(Object.keys(fields).sort()).toEqual(['available', 'seats', 'units', 'users'])
    expect(fields.available).toMatchObject({ redis: 22, database: 17 })
    expect(fields.units).toMatchObject({ redis: { [heldId!]: null }, count: 1 })
    expect(fields.seats).toMatchObject({ database: { 'A-2-5': 'A' }, count: 1 })
    expect(fields.users).toMatchObject({ redis: { u3: 1 }, database: { u3: null } })

    expect(await h.inventory.counts(saleId)).toMatchObject({
      available: 17,
      held: 1,
      pending: 1,
      confirmed: 1
    })
    expect((await h.rt.results.reconciler.reconcile(saleId)).drift).toEqual([])
    const metrics = await h.rt.internal.inject({ method: 'GET', url: '/metrics' })
    expect(metrics.body).toMatch(/firstcome_reconcile_drift_total\{field="available"\} 1/)
  })

  it('settles a pending unit nobody will finish as failed, and tells its buyer', async () => {
    // The default grace period (120 s) keeps it; an operator's zero grace settles it now.
    expect((await h.rt.results.reconciler.reconcile(saleId)).stale).toEqual([])
    const report = await h.rt.results.reconciler.reconcile(saleId, { stalePendingMs: 0 })
    expect(report.stale).toEqual([stale.reservationId])
    expect(report.drift).toEqual([])
    expect(await h.inventory.counts(saleId)).toMatchObject({
      available: 18,
      held: 1,
      pending: 0,
      confirmed: 1
    })
    expect(await h.rt.results.status.reservation('u2', stale.reservationId)).toMatchObject({
      status: 'failed',
      reason: expect.stringContaining('lost')
    })
    const { rows } = await h.pool.query<{ payload: { id: string; status: string } }>(
      `SELECT payload FROM outbox WHERE payload->>'id' = $1`,
      [stale.reservationId]
    )
    expect(rows.map((r) => r.payload.status)).toEqual(['failed'])
    // A booking request that arrives late finds the failed row and changes nothing: no charge,
    // no second result.
    await h.rt.pipeline.processBookings([stale])
    expect((await h.rt.results.status.reservation('u2', stale.reservationId)).status).toBe('failed')
    expect(await h.inventory.counts(saleId)).toMatchObject({ available: 18, pending: 0, confirmed: 1 })
    const after = await h.pool.query<{ payments: number; outbox: number }>(
      `SELECT (SELECT count(*)::int FROM payments WHERE reservation_id = $1) AS payments,
         (SELECT count(*)::int FROM outbox WHERE payload->>'id' = $1) AS outbox`,
      [stale.reservationId]
    )
    expect(after.rows[0]).toEqual({ payments: 0, outbox: 1 })
  })

  it('leaves a pending unit alone once the booking consumer has started on it', async () => {
    const other = await h.createSale(seatedSale(1, 2))
    await h.admit(other, ['u9'])
    const charging = await pend(other, 'u9', await hold(other, 'u9', 'A-1-1'))
    // What the booking consumer does before it charges: it claims the reservation (attempt row).
    await new PgBookingStore(h.pool, 'unused').begin([charging])
    // However long it has been pending, the reconciler does not fail a booking being charged.
    expect((await h.rt.results.reconciler.reconcile(other, { stalePendingMs: 0 })).stale).toEqual([])
    expect(await h.inventory.getHold(other, charging.holdId)).toMatchObject({ state: 'pending' })
    // The consumer (or its replay after a crash) finishes it.
    expect((await h.rt.pipeline.processBookings([charging])).size).toBe(0)
    expect((await h.rt.results.status.reservation('u9', charging.reservationId)).status).toBe('confirmed')
    expect(await h.inventory.counts(other)).toMatchObject({ pending: 0, confirmed: 1 })
  })

  it('settles stale coupon claims too', async () => {
    const coupons = await h.createSale(couponSale(5))
    await h.admit(coupons, ['c1'])
    const claimId = `${coupons}.c${randomBytes(8).toString('hex')}`
    const r = await h.inventory.claim({
      saleId: coupons,
      userId: 'c1',
      claimId,
      response: { statusCode: 202, body: {} }
    })
    expect(r.ok).toBe(true)
    const report = await h.rt.results.reconciler.reconcile(coupons, { stalePendingMs: 0 })
    expect(report.stale).toEqual([claimId])
    expect(await h.inventory.counts(coupons)).toMatchObject({ available: 5, pending: 0 })
    expect((await h.rt.results.status.claim('c1', claimId)).status).toBe('failed')
  })

  it('rebuilds a sale from PostgreSQL after Redis lost everything, bookings whose mirror lagged included', async () => {
    // A booking the pipeline confirmed whose ledger entries never reached PostgreSQL's holds table.
    const lagging = await pend(saleId, 'u3', await hold(saleId, 'u3', 'A-2-1'))
    expect((await h.rt.pipeline.processBookings([lagging])).size).toBe(0)
    const before = await h.inventory.counts(saleId)
    const seatsBefore = await h.inventory.seatStates(saleId)
    expect(before).toMatchObject({ available: 17, held: 1, confirmed: 2 })

    await redis.flushAll()
    expect(await h.inventory.isWarm(saleId)).toBe(false)
    // The runtime's 'rewarm' worker step.
    expect(await h.rt.sales.rewarmCold()).toContain(saleId)
    expect(await h.inventory.counts(saleId)).toEqual(before)
    expect(await h.inventory.seatStates(saleId)).toEqual(seatsBefore)
    expect((await h.rt.results.reconciler.reconcile(saleId)).drift).toEqual([])
  })

  it('never repairs over a change it has not compared: the re-warm is refused once Redis moved on', async () => {
    // FLUSHALL above also dropped the admissions.
    await h.admit(saleId, ['u3'])
    const fresh = await hold(saleId, 'u3', 'A-2-9')
    const seen = await h.rt.results.audit.image(saleId)
    await hold(saleId, 'u3', 'A-2-10')
    expect(await h.rt.sales.rewarmIfUnchanged(saleId, seen.ledgerId)).toBe(false)
    expect(await h.inventory.getHold(saleId, fresh)).toMatchObject({ state: 'held' })
    await h.rt.drainLedger()
    const now = await h.rt.results.audit.image(saleId)
    expect(await h.rt.sales.rewarmIfUnchanged(saleId, now.ledgerId)).toBe(true)
    expect(await h.inventory.getHold(saleId, fresh)).toMatchObject({ state: 'held' })
  })

  it('answers POST /v1/admin/events/:id/reconcile for admins only', async () => {
    await redis.hIncrBy(h.keys.sale(saleId).meta, 'held', 1)
    const denied = await h.rt.app.inject({
      method: 'POST',
      url: `/v1/admin/events/${saleId}/reconcile`,
      headers: { authorization: `Bearer ${await h.userToken('u1')}` }
    })
    expect(denied.statusCode).toBe(403)
    const res = await h.rt.app.inject({
      method: 'POST',
      url: `/v1/admin/events/${saleId}/reconcile`,
      headers: { authorization: `Bearer ${h.adminToken}` }
    })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({
      saleId,
      repaired: true,
      drift: [{ field: 'held', redis: 4, database: 3 }]
    })
  })
})

describe('reading a sale that changes meanwhile', () => {
  it('leaves out what changed during the read and still finds drift in the rest', async () => {
    // 3,000 seats: the seats hash is read in several pages.
    const saleId = await h.createSale(seatedSale(30, 100, { perUserLimit: 4 }))
    await h.admit(saleId, ['w1', 'w2'])
    const k = h.keys.sale(saleId)
    // Drift nobody caused through a script: a seat marked held in Redis alone.
    await redis.hSet(k.seats, 'A-30-100', 'Hnobody')

    // A buyer holds a seat the read has already passed, between two pages of the seats hash.
    let heldSeat: string | undefined
    const client = new Proxy(h.redis, {
      get(target, name) {
        if (name === 'hScan') {
          return async (key: string, cursor: string, options: { COUNT: number }) => {
            const page = await target.hScan(key, cursor, options)
            if (key === k.seats && heldSeat === undefined) {
              heldSeat = page.entries.find((e) => e.value === 'A' && e.field !== 'A-30-100')?.field
              if (heldSeat) await hold(saleId, 'w1', heldSeat)
            }
            return page
          }
        }
        const value = Reflect.get(target, name, target)
        return typeof value === 'function' ? value.bind(target) : value
      }
    })
    const audit = new RedisInventoryAudit(client, new ScriptRunner(h.redis), h.keys)
    const image = await audit.image(saleId)
    expect(heldSeat).toBeDefined()
    expect(image.seats.get(heldSeat!)).toBe('A')
    expect(image.counts.held).toBe(1)
    expect(image.readFrom).not.toBe(image.ledgerId)

    await h.rt.drainLedger()
    const snapshot = await h.repo.loadSnapshot(saleId)
    if (!snapshot) throw new Error('no snapshot')
    const changed = await h.repo.ledgerChangesSince(saleId, image.readFrom)
    expect([...changed.seats]).toEqual([heldSeat])
    expect([...changed.users]).toEqual(['w1'])

    // Compared as read, the seat read before the hold looks like drift; left out, only the
    // seat changed behind the scripts' back is.
    const naive = compare(snapshot, image)
    expect(naive.find((d) => d.field === 'seats')).toMatchObject({ count: 2 })
    expect(compare(snapshot, image, changed)).toEqual([
      { field: 'seats', redis: { 'A-30-100': 'Hnobody' }, database: { 'A-30-100': 'A' }, count: 1 }
    ])

    // The reconciler itself, on the same sale, reports and repairs just that seat.
    const report = await h.rt.results.reconciler.reconcile(saleId)
    expect(report).toMatchObject({ drift: [{ field: 'seats', count: 1 }], repaired: true })
    expect(await redis.hGet(k.seats, 'A-30-100')).toBe('A')
    expect(await redis.hGet(k.seats, heldSeat!)).toMatch(/^H/)
  })

  it('a warm-up during the read makes every entry the ledger ever named uncomparable', async () => {
    const saleId = await h.createSale(seatedSale(2, 10, { perUserLimit: 4 }))
    await h.admit(saleId, ['x1'])
    const k = h.keys.sale(saleId)
    const client = new Proxy(h.redis, {
      get(target, name) {
        if (name === 'hScan') {
          return async (key: string, cursor: string, options: { COUNT: number }) => {
            const page = await target.hScan(key, cursor, options)
            // A guarded repair lands between two pages (the ledger has not moved since it was read).
            if (key === k.users) {
              const ledgerId = (await h.rt.results.audit.image(saleId)).ledgerId
              expect(await h.rt.sales.rewarmIfUnchanged(saleId, ledgerId)).toBe(true)
            }
            return page
          }
        }
        const value = Reflect.get(target, name, target)
        return typeof value === 'function' ? value.bind(target) : value
      }
    })
    await hold(saleId, 'x1', 'A-1-1')
    await h.rt.drainLedger()
    const image = await new RedisInventoryAudit(client, new ScriptRunner(h.redis), h.keys).image(saleId)
    expect(image.readFrom).toBe('0-0')
  })
})
