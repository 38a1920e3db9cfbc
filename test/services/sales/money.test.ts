/**
 * Currency and money: a sale's currency (default FC_DEFAULT_CURRENCY, refused unless ISO 4217),
 * currencyDigits in every sale view, sections kept in the order the operator created them, stats
 * counted per section, and amounts that always carry their currency. Real Redis, PostgreSQL and
 * Kafka; workers off, so a confirmed hold stays pending until the test runs the pipeline's step.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createRuntime } from '../../../src/app/runtime.ts'
import type { BookingRequest } from '../../../src/domain/pipeline-ports.ts'
import { directHandoff } from '../../support/direct-handoff.ts'
import { buyerRequest, createHarness, type Harness, seatedSale } from '../../support/harness.ts'
import { deletePipelineTopics, pipelineEnv } from '../../support/pipeline.ts'

let h: Harness

beforeAll(async () => {
  h = await createHarness(pipelineEnv(), { pipeline: 'kafka' })
})
afterAll(async () => {
  if (!h) return
  await h.close()
  await deletePipelineTopics(h).catch(() => undefined)
})

/** Sections whose alphabetical order ("A", "R", "S", "VIP") is not the order they were created in. */
const VENUE = [
  { name: 'VIP', rows: 1, seatsPerRow: 4, price: 150_000 },
  { name: 'R', rows: 2, seatsPerRow: 3, price: 100_000 },
  { name: 'S', rows: 1, seatsPerRow: 5, price: 70_000 },
  { name: 'A', rows: 3, seatsPerRow: 2, price: 50_000 }
]
const NAMES = VENUE.map((s) => s.name)

function venueSale(extra: Record<string, unknown> = {}) {
  return seatedSale(1, 1, { seats: { sections: VENUE }, perUserLimit: 4, ...extra })
}

async function admin(method: 'GET' | 'POST', url: string, payload?: object) {
  const res = await h.rt.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${h.adminToken}` },
    ...(payload ? { payload } : {})
  })
  return { status: res.statusCode, body: res.json() as Record<string, unknown> }
}

function buyer(method: 'GET' | 'POST', url: string, userId: string, access?: string, payload?: object) {
  return buyerRequest(h, method, url, userId, access, payload)
}

async function hold(saleId: string, userId: string, access: string, seatId: string): Promise<string> {
  const res = await buyer('POST', `/v1/events/${saleId}/holds`, userId, access, { seatId })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body.holdId as string
}

/** Holds and confirms a seat: it is pending until the returned request goes through the pipeline. */
async function confirm(
  saleId: string,
  userId: string,
  access: string,
  seatId: string,
  amount: number
): Promise<BookingRequest> {
  const holdId = await hold(saleId, userId, access, seatId)
  const res = await buyer('POST', `/v1/holds/${holdId}/confirm`, userId, access, {
    payment: { simulate: 'approve' }
  })
  expect(res.status, JSON.stringify(res.body)).toBe(202)
  return {
    v: 1,
    reservationId: res.body.reservationId as string,
    holdId,
    saleId,
    seatId,
    userId,
    amount,
    payment: { simulate: 'approve' },
    acceptedAt: Date.now()
  }
}

async function rowCounts(): Promise<{ sales: number; seats: number }> {
  const { rows } = await h.pool.query<{ sales: number; seats: number }>(
    'SELECT (SELECT count(*)::int FROM sales) AS sales, (SELECT count(*)::int FROM seats) AS seats'
  )
  return rows[0]!
}

describe('a sale currency', () => {
  it('defaults to FC_DEFAULT_CURRENCY (KRW) and is shown with its minor-unit digits in every view', async () => {
    const created = await admin('POST', '/v1/admin/events', venueSale())
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ currency: 'KRW', currencyDigits: 0 })
    const saleId = created.body.id as string
    expect((await buyer('GET', `/v1/events/${saleId}`, 'viewer')).body).toMatchObject({
      currency: 'KRW',
      currencyDigits: 0
    })
    const list = (await admin('GET', '/v1/admin/events?limit=500')).body.events as Array<
      Record<string, unknown>
    >
    expect(list.find((e) => e.id === saleId)).toMatchObject({ currency: 'KRW', currencyDigits: 0 })
    expect((await admin('GET', `/v1/admin/events/${saleId}/stats`)).body).toMatchObject({
      currency: 'KRW',
      currencyDigits: 0
    })
  })

  it.each([
    ['KRW', 0],
    ['JPY', 0],
    ['USD', 2],
    ['BHD', 3]
  ])('takes %s when named (%i minor-unit digits), and keeps it', async (currency, digits) => {
    const created = await admin('POST', '/v1/admin/events', venueSale({ currency }))
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ currency, currencyDigits: digits })
    const saleId = created.body.id as string
    expect((await buyer('GET', `/v1/events/${saleId}`, 'viewer')).body).toMatchObject({
      currency,
      currencyDigits: digits
    })
    const { rows } = await h.pool.query('SELECT currency FROM sales WHERE id = $1', [saleId])
    expect(rows).toEqual([{ currency }])
  })

  it('takes the default from the configuration', async () => {
    const usd = await createRuntime(
      { ...h.config, defaultCurrency: 'USD' },
      { logger: false, workers: false, migrate: false, handoff: directHandoff }
    )
    try {
      const res = await usd.app.inject({
        method: 'POST',
        url: '/v1/admin/events',
        headers: { authorization: `Bearer ${h.adminToken}` },
        payload: venueSale()
      })
      expect(res.statusCode).toBe(201)
      expect(res.json()).toMatchObject({ currency: 'USD', currencyDigits: 2 })
    } finally {
      await usd.close()
    }
  })

  it('refuses an unknown or lower-case code with 400 FC_UNKNOWN_CURRENCY, creating nothing', async () => {
    const before = await rowCounts()
    const cases: Array<[string, RegExp]> = [
      ['XYZ', /"XYZ" is not an ISO 4217 code/],
      ['krw', /upper case: use "KRW"/],
      ['Usd', /upper case: use "USD"/],
      ['KRWX', /not an ISO 4217 code/],
      ['WON', /not an ISO 4217 code/],
      [' KRW', /not an ISO 4217 code/]
    ]
    for (const [currency, message] of cases) {
      for (const body of [
        venueSale({ currency }),
        { ...venueSale({ currency }), kind: 'coupon', seats: undefined, quantity: 5 }
      ]) {
        const res = await admin('POST', '/v1/admin/events', body)
        expect(res, currency).toMatchObject({ status: 400, body: { code: 'FC_UNKNOWN_CURRENCY' } })
        expect(res.body.message).toMatch(message)
      }
    }
    // Not a string at all is a schema refusal.
    expect(
      (await admin('POST', '/v1/admin/events', venueSale({ currency: { code: 'KRW' } }))).body.code
    ).toBe('FC_VALIDATION')
    expect(await rowCounts()).toEqual(before)
  })
})

describe('sections', () => {
  it('stay in the order the operator created them: sale view, seat map, stats, admin list', async () => {
    const saleId = await h.createSale(venueSale())
    const view = (await buyer('GET', `/v1/events/${saleId}`, 'viewer')).body
    expect((view.sections as Array<{ name: string }>).map((s) => s.name)).toEqual(NAMES)

    const seats = (await buyer('GET', `/v1/events/${saleId}/seats`, 'viewer')).body.seats as Array<{
      id: string
      section: string
      row: number
      number: number
      price: number
    }>
    expect(seats).toHaveLength(VENUE.reduce((n, s) => n + s.rows * s.seatsPerRow, 0))
    // Layout order: section by creation, then row, then number; each seat at its price.
    const expected = VENUE.flatMap((s) =>
      Array.from({ length: s.rows * s.seatsPerRow }, (_, i) => {
        const row = Math.floor(i / s.seatsPerRow) + 1
        const number = (i % s.seatsPerRow) + 1
        return { id: `${s.name}-${row}-${number}`, section: s.name, row, number, price: s.price }
      })
    )
    expect(seats.map(({ id, section, row, number, price }) => ({ id, section, row, number, price }))).toEqual(
      expected
    )

    const stats = (await admin('GET', `/v1/admin/events/${saleId}/stats`)).body
    expect((stats.sections as Array<{ name: string }>).map((s) => s.name)).toEqual(NAMES)
    const list = (await admin('GET', '/v1/admin/events?limit=500')).body.events as Array<{
      id: string
      sections: Array<{ name: string }>
    }>
    expect(list.find((e) => e.id === saleId)?.sections.map((s) => s.name)).toEqual(NAMES)

    // Rebuilt from PostgreSQL (a new process, nothing cached), the order is the same.
    const fresh = await h.repo.loadSnapshot(saleId)
    expect(fresh?.seats.map((s) => s.id)).toEqual(expected.map((s) => s.id))
  })
})

describe('per-section stats', () => {
  it('count every section by state after holds, confirms and a booking, agreeing with the totals', async () => {
    const saleId = await h.createSale(venueSale())
    const access = await h.admit(saleId, ['alice', 'bob', 'carol'])
    await hold(saleId, 'alice', access.get('alice')!, 'VIP-1-1')
    await hold(saleId, 'alice', access.get('alice')!, 'VIP-1-4')
    await hold(saleId, 'alice', access.get('alice')!, 'R-2-3')
    const sold = await confirm(saleId, 'bob', access.get('bob')!, 'S-1-1', 70_000)
    await confirm(saleId, 'bob', access.get('bob')!, 'S-1-2', 70_000)
    await confirm(saleId, 'carol', access.get('carol')!, 'A-3-2', 50_000)
    expect((await h.rt.pipeline.processBookings([sold])).size).toBe(0)
    const receipt = await h.rt.app.inject({
      method: 'GET',
      url: `/v1/reservations/${sold.reservationId}`,
      headers: { authorization: `Bearer ${await h.userToken('bob')}`, 'accept-language': 'ko' }
    })
    expect(receipt.json()).toMatchObject({ amount: 70_000, currency: 'KRW', amountText: '₩70,000' })

    const expected = [
      { name: 'VIP', price: 150_000, capacity: 4, available: 2, held: 2, pending: 0, sold: 0 },
      { name: 'R', price: 100_000, capacity: 6, available: 5, held: 1, pending: 0, sold: 0 },
      { name: 'S', price: 70_000, capacity: 5, available: 3, held: 0, pending: 1, sold: 1 },
      { name: 'A', price: 50_000, capacity: 6, available: 5, held: 0, pending: 1, sold: 0 }
    ]
    // The section counts are shared for up to a second: wait for the read after the booking.
    await vi.waitFor(
      async () => {
        const stats = (await admin('GET', `/v1/admin/events/${saleId}/stats`)).body
        expect(stats.sections).toEqual(expected)
      },
      { timeout: 5000, interval: 100 }
    )
    const stats = (await admin('GET', `/v1/admin/events/${saleId}/stats`)).body
    expect(stats).toMatchObject({ currency: 'KRW', currencyDigits: 0, revenue: 70_000 })
    const sum = (k: 'capacity' | 'available' | 'held' | 'pending' | 'sold') =>
      expected.reduce((n, s) => n + s[k], 0)
    expect(stats.stock).toEqual({
      capacity: sum('capacity'),
      available: sum('available'),
      held: sum('held'),
      pending: sum('pending'),
      confirmed: sum('sold')
    })
  })

  it('are empty for a coupon sale, whose stats keep their fields', async () => {
    const saleId = await h.createSale({
      ...venueSale({ currency: 'JPY' }),
      kind: 'coupon',
      seats: undefined,
      quantity: 7
    })
    const stats = (await admin('GET', `/v1/admin/events/${saleId}/stats`)).body
    expect(stats).toMatchObject({
      currency: 'JPY',
      sections: [],
      revenue: 0,
      stock: { capacity: 7, available: 7 },
      dlq: 0,
      warm: true
    })
  })
})

describe('amounts', () => {
  it('carry the sale currency in a reservation and in my bookings; a claim has neither', async () => {
    const saleId = await h.createSale(
      venueSale({
        currency: 'USD',
        seats: { sections: [{ name: 'GA', rows: 1, seatsPerRow: 3, price: 1999 }] }
      })
    )
    const access = await h.admit(saleId, ['dana'])
    const request = await confirm(saleId, 'dana', access.get('dana')!, 'GA-1-2', 1999)
    expect((await h.rt.pipeline.processBookings([request])).size).toBe(0)

    const one = await buyer('GET', `/v1/reservations/${request.reservationId}`, 'dana')
    expect(one.body).toMatchObject({
      status: 'confirmed',
      amount: 1999,
      currency: 'USD',
      amountText: '$19.99'
    })
    const mine = (await buyer('GET', '/v1/me/reservations', 'dana')).body.items as Array<
      Record<string, unknown>
    >
    expect(mine.find((i) => i.id === request.reservationId)).toMatchObject({ amount: 1999, currency: 'USD' })

    // Written out for the reader: English by default, Korean when asked for.
    for (const [language, text] of [
      [undefined, '$19.99'],
      ['en-US,en;q=0.9', '$19.99'],
      ['ko-KR,ko;q=0.9,en;q=0.5', 'US$19.99']
    ] as const) {
      const res = await h.rt.app.inject({
        method: 'GET',
        url: '/v1/me/reservations',
        headers: {
          authorization: `Bearer ${await h.userToken('dana')}`,
          ...(language ? { 'accept-language': language } : {})
        }
      })
      expect(res.headers.vary).toMatch(/accept-language/i)
      const items = (res.json() as { items: Array<Record<string, unknown>> }).items
      expect(items.find((i) => i.id === request.reservationId)?.amountText, language).toBe(text)
    }

    const coupons = await h.createSale({
      ...venueSale(),
      kind: 'coupon',
      seats: undefined,
      quantity: 3,
      perUserLimit: 1
    })
    const couponAccess = await h.admit(coupons, ['dana'])
    const claim = await buyer('POST', `/v1/events/${coupons}/claims`, 'dana', couponAccess.get('dana')!)
    expect(claim.status).toBe(202)
    const view = await buyer('GET', `/v1/claims/${claim.body.claimId as string}`, 'dana')
    expect(view.status).toBe(200)
    expect(view.body).not.toHaveProperty('amount')
    expect(view.body).not.toHaveProperty('currency')
    expect(view.body).not.toHaveProperty('amountText')
  })
})
