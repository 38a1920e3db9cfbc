/**
 * Editing a running sale: every edit atomic with holds and claims (one script, PostgreSQL in the
 * same transaction as its audit row), every refusal a stable code with nothing changed, stock
 * exact while edits race buyers, withdrawn held seats gone only once their hold ends, and the
 * reconciler agreeing with the result.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PipelineStats } from '../../../src/domain/sale-ports.ts'
import { SaleService } from '../../../src/services/sales/sale-service.ts'
import { buyerRequest, couponSale, createHarness, type Harness, seatedSale } from '../../support/harness.ts'

let h: Harness

beforeAll(async () => {
  h = await createHarness()
})
afterAll(async () => {
  await h?.close()
})

interface AuditRow {
  action: string
  before: Record<string, unknown>
  after: Record<string, unknown>
}

/** The fields of the answers these tests read. */
interface Answer {
  code?: string
  message?: string
  sale?: Record<string, unknown>
  withdrawn?: { now: number; later: number }
  entries: AuditRow[]
  next: string | null
}

async function admin(method: 'GET' | 'PATCH', url: string, payload?: object) {
  const res = await h.rt.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${h.adminToken}` },
    ...(payload ? { payload } : {})
  })
  return { status: res.statusCode, body: res.json() as Answer }
}

const edit = (saleId: string, body: object) => admin('PATCH', `/v1/admin/events/${saleId}`, body)
const auditOf = async (saleId: string, query = '') =>
  (await admin('GET', `/v1/admin/events/${saleId}/audit${query}`)).body

async function meta(saleId: string) {
  const m = await h.redis.hGetAll(h.keys.sale(saleId).meta)
  return {
    capacity: Number(m.capacity),
    available: Number(m.available),
    held: Number(m.held),
    pending: Number(m.pending),
    sold: Number(m.sold),
    limit: Number(m.limit),
    holdTtlMs: Number(m.holdTtlMs)
  }
}

async function exact(saleId: string) {
  const m = await meta(saleId)
  expect(m.available + m.held + m.pending + m.sold).toBe(m.capacity)
  const seats = await h.redis.hLen(h.keys.sale(saleId).seats)
  // A seated sale has one seat per unit of capacity; a coupon sale none.
  if (seats > 0) expect(seats).toBe(m.capacity)
  return m
}

async function reconcilesClean(saleId: string) {
  await h.rt.drainLedger()
  const report = await h.rt.results.reconciler.reconcile(saleId, { repair: false })
  expect(report.drift).toEqual([])
}

async function hold(saleId: string, userId: string, access: string, body: object) {
  return buyerRequest(h, 'POST', `/v1/events/${saleId}/holds`, userId, access, body)
}

describe('simple edits', () => {
  it("reaches another API process's cached sale: its seat map is read again once the sale row changed", async () => {
    const saleId = await h.createSale(seatedSale(2, 5))
    // The sale cache of a process that did not make the edit (the editing one drops its copy at once).
    const other = new SaleService({
      repo: h.repo,
      inventory: h.inventory,
      pipeline: {} as PipelineStats,
      maxExtensions: 2
    })
    const priceOf = async () => (await other.get(saleId)).prices.get('A-1-1')
    expect(await priceOf()).toBe(5000)
    const res = await edit(saleId, { prices: [{ section: 'A', price: 7000 }], perUserLimit: 3 })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    await expect.poll(priceOf, { timeout: 15_000, interval: 250 }).toBe(7000)
    const { sale, seats } = await other.get(saleId)
    expect(sale).toMatchObject({ perUserLimit: 3, capacity: 10 })
    expect(seats.map((s) => s.price)).toEqual(Array(10).fill(7000))
  })

  it('changes the per-user limit, hold time and a price, and records who did it', async () => {
    const saleId = await h.createSale(seatedSale(2, 5))
    const res = await edit(saleId, {
      perUserLimit: 4,
      holdTtlSec: 120,
      prices: [{ section: 'A', price: 7000 }]
    })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.sale).toMatchObject({
      perUserLimit: 4,
      holdTtlSec: 120,
      sections: [{ name: 'A', price: 7000 }]
    })
    expect(await meta(saleId)).toMatchObject({ limit: 4, holdTtlMs: 120_000 })
    const seats = await h.rt.app.inject({ method: 'GET', url: `/v1/events/${saleId}/seats` })
    expect(new Set(seats.json().seats.map((s: { price: number }) => s.price))).toEqual(new Set([7000]))

    // A new hold lives the new hold time.
    const access = (await h.admit(saleId, ['ana'])).get('ana') as string
    const held = await hold(saleId, 'ana', access, { seatId: 'A-1-1' })
    expect(held.status).toBe(201)
    const ttl = Date.parse(held.body.expiresAt as string) - Date.now()
    expect(ttl).toBeGreaterThan(100_000)
    expect(ttl).toBeLessThanOrEqual(120_000)

    const audit = await auditOf(saleId)
    expect(audit.entries).toEqual([
      expect.objectContaining({
        saleId,
        actor: 'operator',
        action: 'edit',
        before: { perUserLimit: 2, holdTtlSec: 300, prices: { A: 5000 } },
        after: { perUserLimit: 4, holdTtlSec: 120, prices: { A: 7000 } }
      })
    ])
    await reconcilesClean(saleId)
  })

  it('audits admission and status changes, pages newest first', async () => {
    const saleId = await h.createSale(couponSale(5))
    expect((await admin('PATCH', `/v1/admin/events/${saleId}/admission`, { ratePerSec: 7 })).status).toBe(200)
    expect((await admin('PATCH', `/v1/admin/events/${saleId}/status`, { status: 'paused' })).status).toBe(200)
    expect((await edit(saleId, { perUserLimit: 3 })).status).toBe(200)
    const first = await auditOf(saleId, '?limit=2')
    expect(first.entries.map((e) => e.action)).toEqual(['edit', 'status'])
    expect(first.entries[1]).toMatchObject({ before: { status: 'open' }, after: { status: 'paused' } })
    const second = await auditOf(saleId, `?limit=2&before=${first.next}`)
    expect(second.entries.map((e) => e.action)).toEqual(['admission'])
    expect(second.entries[0]).toMatchObject({ after: { admission: { ratePerSec: 7 } } })
    expect(second.next).toBeNull()
    expect(await meta(saleId)).toMatchObject({ limit: 3 })
  })

  it('moves the planned close, refuses one in the past, and removes it', async () => {
    const saleId = await h.createSale(couponSale(5))
    const at = new Date(Date.now() + 3_600_000).toISOString()
    const moved = await edit(saleId, { closesAt: at })
    expect(moved.status, JSON.stringify(moved.body)).toBe(200)
    expect(moved.body.sale).toMatchObject({ closesAt: at })
    expect((await h.repo.getSale(saleId))?.closesAt?.toISOString()).toBe(at)
    const past = await edit(saleId, { closesAt: new Date(Date.now() - 1000).toISOString() })
    expect([past.status, past.body.code]).toEqual([400, 'FC_VALIDATION'])
    expect((await edit(saleId, { closesAt: null })).body.sale).toMatchObject({ closesAt: null })
    expect((await auditOf(saleId)).entries.map((e) => e.after)).toEqual([
      { closesAt: null },
      { closesAt: at }
    ])
  })

  it('refuses with stable codes and changes nothing', async () => {
    const saleId = await h.createSale(seatedSale(1, 4))
    const refusals: Array<[object, number, string]> = [
      [{}, 400, 'FC_VALIDATION'],
      [{ quantity: 10 }, 400, 'FC_VALIDATION'],
      [{ prices: [{ section: 'Z', price: 1 }] }, 400, 'FC_VALIDATION'],
      [{ prices: [{ section: 'A', price: -1 }] }, 400, 'FC_VALIDATION'],
      [{ prices: [{ section: 'A', price: 1.5 }] }, 400, 'FC_VALIDATION'],
      [{ withdrawSeats: ['A-9-9'] }, 400, 'FC_VALIDATION'],
      [{ addSections: [{ name: 'A', rows: 1, seatsPerRow: 1, price: 1 }] }, 400, 'FC_VALIDATION'],
      [{ withdrawSections: ['A'] }, 400, 'FC_VALIDATION'],
      [{ perUserLimit: 0 }, 400, 'FC_VALIDATION']
    ]
    for (const [body, status, code] of refusals) {
      const res = await edit(saleId, body)
      expect([res.status, res.body.code], JSON.stringify(body)).toEqual([status, code])
    }
    expect((await edit('s_nope00000000000', { perUserLimit: 3 })).status).toBeGreaterThanOrEqual(400)
    expect((await auditOf(saleId)).entries).toEqual([])
    expect(await exact(saleId)).toMatchObject({ capacity: 4, available: 4, limit: 2 })

    expect((await admin('PATCH', `/v1/admin/events/${saleId}/status`, { status: 'closed' })).status).toBe(200)
    expect((await edit(saleId, { perUserLimit: 3 })).body.code).toBe('FC_SALE_NOT_EDITABLE')
  })
})

describe('the per-user limit', () => {
  it('is refused below what a buyer already holds, exactly, and accepted at it', async () => {
    const saleId = await h.createSale(seatedSale(2, 5, { perUserLimit: 4 }))
    const access = await h.admit(saleId, ['ana', 'bo'])
    expect(
      (await hold(saleId, 'ana', access.get('ana') as string, { seatIds: ['A-1-1', 'A-1-2', 'A-1-3'] }))
        .status
    ).toBe(201)
    expect((await hold(saleId, 'bo', access.get('bo') as string, { seatId: 'A-2-1' })).status).toBe(201)

    const refused = await edit(saleId, { perUserLimit: 2, holdTtlSec: 60 })
    expect(refused.status).toBe(409)
    expect(refused.body.code).toBe('FC_LIMIT_BELOW_OWNED')
    expect(refused.body.message).toContain('3')
    // Nothing changed: not the limit, not the hold time given with it, not the audit log.
    expect(await meta(saleId)).toMatchObject({ limit: 4, holdTtlMs: 300_000 })
    expect((await h.repo.getSale(saleId))?.perUserLimit).toBe(4)
    expect((await h.repo.getSale(saleId))?.holdTtlSec).toBe(300)
    expect((await auditOf(saleId)).entries).toEqual([])

    expect((await edit(saleId, { perUserLimit: 3 })).status).toBe(200)
    // At the limit now: ana's next hold is refused.
    const more = await hold(saleId, 'ana', access.get('ana') as string, { seatId: 'A-2-5' })
    expect(more.body.code).toBe('FC_LIMIT_REACHED')
  })
})

describe('coupon quantity', () => {
  it('adds units that can be claimed exactly, and refuses a quantity below what is taken', async () => {
    const saleId = await h.createSale(couponSale(10))
    const users = Array.from({ length: 40 }, (_, i) => `c${i}`)
    const access = await h.admit(saleId, users)
    const claim = (u: string) =>
      buyerRequest(h, 'POST', `/v1/events/${saleId}/claims`, u, access.get(u) as string)
    const firstWave = await Promise.all(users.slice(0, 20).map(claim))
    expect(firstWave.filter((r) => r.status === 202)).toHaveLength(10)

    const low = await edit(saleId, { quantity: 9 })
    expect([low.status, low.body.code]).toEqual([409, 'FC_CAPACITY_BELOW_TAKEN'])
    expect(await exact(saleId)).toMatchObject({ capacity: 10, available: 0 })

    // Claims racing the edit that adds 15 units, then everyone still without one tries again:
    // exactly 15 more are accepted.
    const [added, ...secondWave] = await Promise.all([
      edit(saleId, { quantity: 25 }),
      ...users.slice(20).map(claim)
    ])
    expect(added?.status).toBe(200)
    const got = new Set(
      [...firstWave, ...secondWave].flatMap((r, i) => (r.status === 202 ? [users[i] as string] : []))
    )
    const late = await Promise.all(users.filter((u) => !got.has(u)).map(claim))
    const accepted = [...secondWave, ...late].filter((r) => r.status === 202)
    expect(accepted).toHaveLength(15)
    expect(await exact(saleId)).toMatchObject({ capacity: 25, available: 0 })
    expect((await auditOf(saleId)).entries[0]).toMatchObject({
      before: { quantity: 10 },
      after: { quantity: 25 }
    })
    await reconcilesClean(saleId)
  })
})

describe('seats', () => {
  it('keeps stock exact while 200 holds race withdrawing a section and adding seats', async () => {
    const saleId = await h.createSale(
      seatedSale(10, 10, {
        perUserLimit: 1,
        seats: {
          sections: [
            { name: 'A', rows: 10, seatsPerRow: 10, price: 5000 },
            { name: 'B', rows: 10, seatsPerRow: 10, price: 3000 }
          ]
        }
      })
    )
    const users = Array.from({ length: 200 }, (_, i) => `u${i}`)
    const access = await h.admit(saleId, users)
    const holdsP = Promise.all(
      users.map((u, i) =>
        hold(saleId, u, access.get(u) as string, { section: i % 2 ? 'B' : 'A', quantity: 1 })
      )
    )
    const [res, holds] = await Promise.all([
      edit(saleId, {
        withdrawSections: ['B'],
        addSections: [{ name: 'C', rows: 2, seatsPerRow: 10, price: 1000 }],
        addRows: [{ section: 'A', rows: 1 }]
      }),
      holdsP
    ])
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    const heldSeats = holds
      .filter((r) => r.status === 201)
      .map((r) => (r.body.seatIds as string[])[0] as string)
    const heldB = heldSeats.filter((s) => s.startsWith('B-'))
    const heldA = heldSeats.filter((s) => s.startsWith('A-'))
    // Every hold is one seat: those of A all succeed (100 seats, 100 buyers).
    expect(heldA).toHaveLength(100)
    expect(res.body.withdrawn).toEqual({ now: 100 - heldB.length, later: heldB.length })

    // No held seat was taken from its holder: each B hold still holds its seat.
    const seats = h.keys.sale(saleId).seats
    for (const s of heldB) expect((await h.redis.hGet(seats, s))?.[0]).toBe('H')
    let m = await exact(saleId)
    expect(m.capacity).toBe(100 + 10 + 20 + heldB.length)
    expect(m.held).toBe(heldSeats.length)
    await reconcilesClean(saleId)
    // The definition the request path caches keeps each withdrawn seat while it is held, as a
    // rebuild does (and counts it in the capacity).
    const whileHeld = await h.repo.loadSnapshot(saleId)
    expect(whileHeld?.sale.capacity).toBe(130 + heldB.length)
    // (with no version: such a sale is read in full every time)
    expect(await h.repo.loadDefinition(saleId)).toEqual({ sale: whileHeld?.sale, seats: whileHeld?.seats })

    // Released, a withdrawn seat is gone; the rest of the sale is unchanged.
    const bHolders = holds
      .map((r, i) => ({ r, u: users[i] as string }))
      .filter(({ r }) => r.status === 201 && (r.body.seatIds as string[])[0]?.startsWith('B-'))
    for (const { r, u } of bHolders) {
      const rel = await buyerRequest(h, 'DELETE', `/v1/holds/${r.body.holdId}`, u, access.get(u) as string)
      expect(rel.status).toBeLessThan(300)
    }
    m = await exact(saleId)
    expect(m.capacity).toBe(130)
    expect(m.available).toBe(30)
    for (const s of heldB) expect(await h.redis.hGet(seats, s)).toBeNull()
    await reconcilesClean(saleId)
    // A rebuild from PostgreSQL gives the same inventory.
    const snap = await h.repo.loadSnapshot(saleId)
    expect(snap?.sale.capacity).toBe(130)
    expect(snap?.seats.some((s) => s.section === 'B')).toBe(false)
    expect(await h.repo.loadDefinition(saleId)).toEqual({ sale: snap?.sale, seats: snap?.seats })
    expect((await auditOf(saleId)).entries).toHaveLength(1)
  })

  it('withdraws an expiring hold on expiry, refuses a sold seat, and survives a rebuild while marked', async () => {
    const saleId = await h.createSale(seatedSale(1, 4, { perUserLimit: 4, holdTtlSec: 1 }))
    const access = (await h.admit(saleId, ['ana'])).get('ana') as string
    const held = await hold(saleId, 'ana', access, { seatId: 'A-1-1' })
    expect(held.status).toBe(201)
    const res = await edit(saleId, { withdrawSeats: ['A-1-1', 'A-1-2'] })
    expect(res.body.withdrawn).toEqual({ now: 1, later: 1 })
    expect(await exact(saleId)).toMatchObject({ capacity: 3, available: 2, held: 1 })

    // A rebuild from PostgreSQL (Redis lost the sale) keeps the mark on the held seat.
    await h.rt.drainLedger()
    await h.redis.del(Object.values(h.keys.sale(saleId)))
    await h.rt.sales.warm(saleId).catch(() => undefined)
    await h.rt.sales.rewarmCold()
    expect(await exact(saleId)).toMatchObject({ capacity: 3, held: 1 })

    await expect
      .poll(
        async () => {
          await h.inventory.expireDue(saleId, 100)
          return (await meta(saleId)).held
        },
        { timeout: 10_000, interval: 200 }
      )
      .toBe(0)
    expect(await exact(saleId)).toMatchObject({ capacity: 2, available: 2 })
    expect(await h.redis.hGet(h.keys.sale(saleId).seats, 'A-1-1')).toBeNull()
    await reconcilesClean(saleId)

    // A sold seat (set up directly in Redis: the pipeline is not under test here) is refused.
    await h.redis.hSet(h.keys.sale(saleId).seats, 'A-1-3', 'Sx')
    const sold = await edit(saleId, { withdrawSeats: ['A-1-3'], perUserLimit: 3 })
    expect([sold.status, sold.body.code], sold.body.message).toEqual([409, 'FC_SEAT_SOLD'])
    expect(await h.redis.hGet(h.keys.sale(saleId).seats, 'A-1-3')).toBe('Sx')
    expect(await meta(saleId)).toMatchObject({ limit: 4 })
    expect((await auditOf(saleId)).entries).toHaveLength(1)
  })
})
