/**
 * Holds of several seats (`POST /v1/events/:id/holds` with `seatIds`, or `section` + `quantity`):
 * all or nothing, the best block picked inside the script, and the whole hold moving together
 * (extend, release, expiry, confirm through the pipeline called directly by
 * test/support/direct-handoff.ts). The Kafka path is in test/workers/multi-seat-booking.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { KeyBuilder } from '../../../src/adapters/redis/keys.ts'
import { BuyerService } from '../../../src/services/sales/buyer-service.ts'
import { createHarness, type Harness, seatedSale } from '../../support/harness.ts'
import { until } from '../../support/wait.ts'

let h: Harness

beforeAll(async () => {
  h = await createHarness()
})
afterAll(async () => {
  await h?.close()
})

interface HoldAnswer {
  holdId?: string
  seatId?: string
  seatIds?: string[]
  expiresAt?: string
  amount?: number
  code?: string
}

let keys = 0

async function call(
  method: 'POST' | 'DELETE' | 'GET',
  url: string,
  userId: string,
  access: string,
  payload?: object,
  key = `k-${keys++}`
) {
  const res = await h.rt.app.inject({
    method,
    url,
    headers: {
      authorization: `Bearer ${await h.userToken(userId)}`,
      'x-access-token': access,
      'idempotency-key': key
    },
    ...(payload === undefined ? {} : { payload })
  })
  return { status: res.statusCode, body: res.json() as HoldAnswer & Record<string, unknown> }
}

/** A buyer admitted to `saleId`, who holds through the HTTP API. */
async function buyer(saleId: string, userId: string) {
  const access = (await h.admit(saleId, [userId])).get(userId) as string
  return {
    hold: (body: object, key?: string) =>
      call('POST', `/v1/events/${saleId}/holds`, userId, access, body, key),
    release: (holdId: string) => call('DELETE', `/v1/holds/${holdId}`, userId, access),
    extend: (holdId: string) => call('POST', `/v1/holds/${holdId}/extend`, userId, access, {}),
    confirm: (holdId: string, simulate: 'approve' | 'decline') =>
      call('POST', `/v1/holds/${holdId}/confirm`, userId, access, { payment: { simulate } })
  }
}

/** Every seat's state as the seat map shows it. */
async function seatMap(saleId: string): Promise<Map<string, string>> {
  const res = await h.rt.app.inject({ method: 'GET', url: `/v1/events/${saleId}/seats` })
  const { seats } = res.json() as { seats: Array<{ id: string; state: string }> }
  return new Map(seats.map((s) => [s.id, s.state]))
}

/** Stock is conserved and the seat map agrees with the counters. */
async function expectStock(saleId: string, held: number, sold = 0) {
  const counts = await h.inventory.counts(saleId)
  expect(counts).toMatchObject({
    held,
    pending: 0,
    confirmed: sold,
    available: counts.capacity - held - sold
  })
  // The seat map is a shared snapshot refreshed every FC_SEAT_SNAPSHOT_MS: wait for it to catch up.
  const map = await vi.waitFor(async () => {
    const seen = await seatMap(saleId)
    expect([...seen.values()].filter((s) => s !== 'available')).toHaveLength(held + sold)
    return seen
  })
  // The per-row counts best available reads agree with the seats.
  const free: Record<string, string> = {}
  for (const [seat, state] of map) {
    const row = seat.replace(/-\d+$/, '')
    free[row] = String(Number(free[row] ?? 0) + (state === 'available' ? 1 : 0))
  }
  expect(await h.redis.hGetAll(new KeyBuilder(h.config.redis.prefix).sale(saleId).rowFree)).toEqual(free)
}

describe('a hold of seats named by id', () => {
  it('is all or nothing: one seat taken holds nothing and changes no stock', async () => {
    const saleId = await h.createSale(seatedSale(2, 10, { perUserLimit: 4 }))
    const bob = await buyer(saleId, 'bob')
    const ana = await buyer(saleId, 'ana')
    expect((await bob.hold({ seatId: 'A-1-3' })).status).toBe(201)

    const refused = await ana.hold({ seatIds: ['A-1-2', 'A-1-3', 'A-1-4'] })
    expect(refused).toMatchObject({ status: 409, body: { code: 'FC_SEAT_TAKEN' } })
    await expectStock(saleId, 1)
    expect((await seatMap(saleId)).get('A-1-2')).toBe('available')
    expect((await ana.hold({ seatIds: ['A-1-2', 'A-9-9'] })).status).toBe(404)
    await expectStock(saleId, 1)

    const held = await ana.hold({ seatIds: ['A-2-4', 'A-1-2', 'A-1-4'] })
    expect(held.status).toBe(201)
    expect(held.body).toMatchObject({ seatId: 'A-2-4', seatIds: ['A-2-4', 'A-1-2', 'A-1-4'], amount: 15000 })
    expect(Date.parse(held.body.expiresAt as string)).toBeGreaterThan(Date.now())
    await expectStock(saleId, 4)
  })

  it('refuses duplicates, more seats than the limit, unknown sections and mixed forms with 400', async () => {
    const saleId = await h.createSale(seatedSale(2, 10, { perUserLimit: 3 }))
    const ana = await buyer(saleId, 'ana')
    for (const body of [
      { seatIds: ['A-1-1', 'A-1-1'] },
      { seatIds: ['A-1-1', 'A-1-2', 'A-1-3', 'A-1-4'] },
      { seatIds: [] },
      { section: 'B', quantity: 2 },
      { section: 'A', quantity: 4 },
      { section: 'A', quantity: 0 },
      { seatId: 'A-1-1', seatIds: ['A-1-2'] },
      { section: 'A', quantity: 2, seatIds: ['A-1-2'] }
    ]) {
      const res = await ana.hold(body)
      expect(res, JSON.stringify(body)).toMatchObject({ status: 400, body: { code: 'FC_VALIDATION' } })
    }
    await expectStock(saleId, 0)
  })

  it('counts every seat against the per-user limit', async () => {
    const saleId = await h.createSale(seatedSale(2, 10, { perUserLimit: 4 }))
    const ana = await buyer(saleId, 'ana')
    expect((await ana.hold({ seatIds: ['A-1-1', 'A-1-2', 'A-1-3'] })).status).toBe(201)
    expect(await ana.hold({ section: 'A', quantity: 2 })).toMatchObject({
      status: 409,
      body: { code: 'FC_LIMIT_REACHED' }
    })
    expect((await ana.hold({ section: 'A', quantity: 1 })).status).toBe(201)
    expect(await ana.hold({ seatId: 'A-2-1' })).toMatchObject({
      status: 409,
      body: { code: 'FC_LIMIT_REACHED' }
    })
    await expectStock(saleId, 4)
  })

  it('answers a retry with the same key with the same hold and seats; another body is 422', async () => {
    const saleId = await h.createSale(seatedSale(2, 10, { perUserLimit: 4 }))
    const ana = await buyer(saleId, 'ana')
    const first = await ana.hold({ section: 'A', quantity: 2 }, 'same')
    expect(first.status).toBe(201)
    const again = await ana.hold({ section: 'A', quantity: 2 }, 'same')
    expect(again).toEqual(first)
    expect(await ana.hold({ section: 'A', quantity: 3 }, 'same')).toMatchObject({
      status: 422,
      body: { code: 'FC_IDEMPOTENCY_MISMATCH' }
    })
    await expectStock(saleId, 2)
  })
})

describe('best available', () => {
  it('takes the lowest row with a block, then the block nearest the row centre (ties: lower numbers)', async () => {
    const saleId = await h.createSale(seatedSale(3, 10, { perUserLimit: 10 }))
    const bob = await buyer(saleId, 'bob')
    expect((await bob.hold({ seatIds: ['A-1-5', 'A-1-6'] })).status).toBe(201)
    const ana = await buyer(saleId, 'ana')
    // Row 1 (centre 5.5): 3-4 and 7-8 are equally near; the lower one wins.
    expect((await ana.hold({ section: 'A', quantity: 2 })).body.seatIds).toEqual(['A-1-3', 'A-1-4'])
    expect((await ana.hold({ section: 'A', quantity: 4 })).body.seatIds).toEqual([
      'A-1-7',
      'A-1-8',
      'A-1-9',
      'A-1-10'
    ])
    // Row 1 has no three together left (1-2): row 2, where 4-6 and 5-7 are equally near.
    const cat = await buyer(saleId, 'cat')
    expect((await cat.hold({ section: 'A', quantity: 3, adjacent: true })).body.seatIds).toEqual([
      'A-2-4',
      'A-2-5',
      'A-2-6'
    ])
    // Single seats: row 1 first (1 and 2 are left), then row 2 nearest its centre (7, then 3 before 8).
    const dan = await buyer(saleId, 'dan')
    const singles = await dan.hold({ section: 'A', quantity: 4, adjacent: false })
    expect(singles.body.seatIds).toEqual(['A-1-2', 'A-1-1', 'A-2-7', 'A-2-3'])
    expect(singles.body.amount).toBe(20000)
    await expectStock(saleId, 15)
  })

  it('says FC_NO_SEATS_TOGETHER when no block is left, FC_SOLD_OUT when not enough seats are', async () => {
    const saleId = await h.createSale(seatedSale(1, 4, { perUserLimit: 4 }))
    const bob = await buyer(saleId, 'bob')
    expect((await bob.hold({ seatId: 'A-1-2' })).status).toBe(201)
    const ana = await buyer(saleId, 'ana')
    expect(await ana.hold({ section: 'A', quantity: 3 })).toMatchObject({
      status: 409,
      body: { code: 'FC_NO_SEATS_TOGETHER' }
    })
    expect(await ana.hold({ section: 'A', quantity: 4, adjacent: false })).toMatchObject({
      status: 409,
      body: { code: 'FC_SOLD_OUT' }
    })
    await expectStock(saleId, 1)
    expect((await ana.hold({ section: 'A', quantity: 3, adjacent: false })).body.seatIds).toEqual([
      'A-1-3',
      'A-1-1',
      'A-1-4'
    ])
    await expectStock(saleId, 4)
  })

  it('200 buyers asking for adjacent pairs at once: no seat twice, every pair side by side, stock exact', async () => {
    // 10 rows of 31: 15 pairs fit per row (150 in all), one seat per row is left over.
    const saleId = await h.createSale(seatedSale(10, 31, { perUserLimit: 2 }))
    const users = Array.from({ length: 200 }, (_, i) => `pair-${i}`)
    const access = await h.admit(saleId, users)
    await Promise.all(users.map((u) => h.userToken(u)))
    const answers = await Promise.all(
      users.map((u) =>
        call('POST', `/v1/events/${saleId}/holds`, u, access.get(u) as string, { section: 'A', quantity: 2 })
      )
    )
    expect(answers.filter((a) => a.status >= 500)).toEqual([])
    const won = answers.filter((a) => a.status === 201)
    expect(won).toHaveLength(150)
    for (const a of answers.filter((x) => x.status !== 201)) expect(a.body.code).toBe('FC_NO_SEATS_TOGETHER')

    const seen = new Set<string>()
    for (const a of won) {
      const seats = a.body.seatIds as string[]
      expect(seats).toHaveLength(2)
      const [s1, s2] = seats.map((s) => s.split('-').map(Number))
      expect(s1?.[1], 'same row').toBe(s2?.[1])
      expect(s2?.[2], 'side by side').toBe((s1?.[2] ?? 0) + 1)
      for (const s of seats) {
        expect(seen.has(s), `${s} in two holds`).toBe(false)
        seen.add(s)
      }
    }
    await expectStock(saleId, 300)
    const counts = await h.inventory.counts(saleId)
    expect(counts.held).toBe(2 * won.length)
    // The ledger brought every seat to PostgreSQL's mirror; the reconciler finds nothing to repair.
    const report = await h.rt.results.reconciler.reconcile(saleId, { repair: false })
    expect(report.drift).toEqual([])
  })
})

describe('the whole hold moves together', () => {
  it('extend moves every seat; release returns every seat', async () => {
    const saleId = await h.createSale(seatedSale(2, 10, { perUserLimit: 4 }))
    const ana = await buyer(saleId, 'ana')
    const held = await ana.hold({ section: 'A', quantity: 3 })
    const holdId = held.body.holdId as string
    const extended = await ana.extend(holdId)
    expect(extended.status).toBe(200)
    const hold = await h.inventory.getHold(saleId, holdId)
    expect(hold?.seatIds).toEqual(held.body.seatIds)
    for (const unitId of hold?.unitIds ?? []) {
      const unit = await h.inventory.getHold(saleId, unitId)
      expect(unit?.expiresAt).toBe(Date.parse(extended.body.expiresAt as string))
      expect(unit?.extensions).toBe(1)
    }
    // Only the hold's own id is a hold: its other units are not.
    expect((await ana.release(hold?.unitIds[1] as string)).status).toBe(404)
    expect(await ana.release(holdId)).toMatchObject({ status: 200, body: { status: 'released' } })
    await expectStock(saleId, 0)
    expect(await h.inventory.getHold(saleId, hold?.unitIds[2] as string)).toBeUndefined()
  })

  it('is found whole again when Redis reloads the sale from PostgreSQL', async () => {
    const saleId = await h.createSale(seatedSale(2, 10, { perUserLimit: 4 }))
    const ana = await buyer(saleId, 'ana')
    const held = await ana.hold({ section: 'A', quantity: 3 })
    const holdId = held.body.holdId as string
    const before = await h.inventory.getHold(saleId, holdId)
    await h.rt.drainLedger()
    // Redis "lost" the sale: the re-warm rebuilds it from PostgreSQL's holds mirror.
    await h.redis.hDel(new KeyBuilder(h.config.redis.prefix).sale(saleId).meta, 'warm')
    expect(await h.rt.sales.rewarmCold()).toContain(saleId)
    expect(await h.inventory.getHold(saleId, holdId)).toEqual(before)
    expect((await h.rt.results.reconciler.reconcile(saleId, { repair: false })).drift).toEqual([])
    expect((await ana.release(holdId)).status).toBe(200)
    await expectStock(saleId, 0)
  })

  it('expiry returns every seat', async () => {
    const saleId = await h.createSale(seatedSale(2, 10, { perUserLimit: 4, holdTtlSec: 1 }))
    const ana = await buyer(saleId, 'ana')
    expect((await ana.hold({ seatIds: ['A-1-1', 'A-2-2', 'A-2-3'] })).status).toBe(201)
    await expectStock(saleId, 3)
    await until(async () => {
      await h.inventory.expireDue(saleId, 1)
      return (await h.inventory.counts(saleId)).held === 0
    })
    await expectStock(saleId, 0)
  })

  it('confirm books every seat for the sum of the prices; a declined payment returns every seat', async () => {
    const saleId = await h.createSale(seatedSale(2, 10, { perUserLimit: 6 }))
    const ana = await buyer(saleId, 'ana')
    const paid = await ana.hold({ section: 'A', quantity: 3 })
    const declined = await ana.hold({ section: 'A', quantity: 3 })
    expect((await ana.confirm(paid.body.holdId as string, 'approve')).status).toBe(202)
    expect((await ana.confirm(declined.body.holdId as string, 'decline')).status).toBe(202)
    await until(async () => (await h.inventory.counts(saleId)).pending === 0)
    await expectStock(saleId, 0, 3)
    const states = await seatMap(saleId)
    for (const s of paid.body.seatIds as string[]) expect(states.get(s)).toBe('sold')
    for (const s of declined.body.seatIds as string[]) expect(states.get(s)).toBe('available')
  })

  it('a confirm whose hand-off to the pipeline fails puts every seat back on hold', async () => {
    const saleId = await h.createSale(seatedSale(2, 10, { perUserLimit: 4 }))
    const access = (await h.admit(saleId, ['ana'])).get('ana') as string
    const down = new BuyerService({
      inventory: h.inventory,
      sales: h.rt.sales,
      tokens: h.rt.tokens,
      handoff: {
        publishBooking: async () => {
          throw new Error('broker unreachable')
        },
        publishClaim: async () => undefined
      }
    })
    const held = await down.holdSeats({ userId: 'ana', accessToken: access, idempotencyKey: 'h' }, saleId, {
      section: 'A',
      quantity: 3
    })
    const { holdId, seatIds } = held.body as { holdId: string; seatIds: string[] }
    await expect(
      down.confirm({ userId: 'ana', accessToken: access, idempotencyKey: 'c' }, holdId, {
        simulate: 'approve'
      })
    ).rejects.toMatchObject({ code: 'FC_UNAVAILABLE' })
    await expectStock(saleId, 3)
    const hold = await h.inventory.getHold(saleId, holdId)
    expect(hold).toMatchObject({ state: 'held', seatIds, reservationId: null })
    for (const unitId of hold?.unitIds ?? [])
      expect(await h.inventory.getHold(saleId, unitId)).toMatchObject({
        state: 'held',
        reservationId: null
      })
  })
})
