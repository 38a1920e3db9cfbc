/**
 * The seat map routes on a real runtime (Redis, PostgreSQL): layout and state with strong ETags,
 * 304 and precompressed gzip/brotli bodies that decode to the same JSON; the old `/seats` shape;
 * one snapshot read for many parallel requests; the change stream's deltas and snapshots; unknown
 * sales refused with no work done.
 */
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newChildId, newSaleId } from '../../../src/domain/ids.ts'
import { buildSeatMap } from '../../../src/domain/sale.ts'
import { couponSale, createHarness, type Harness } from '../../support/harness.ts'
import { SseClient } from '../../support/sse.ts'

let h: Harness
let base = ''

const sections = [
  { name: 'VIP', rows: 2, seatsPerRow: 5, price: 90_000 },
  { name: 'R', rows: 3, seatsPerRow: 4, price: 60_000 }
]

beforeAll(async () => {
  // A snapshot lives 100 ms: streams see changes quickly; the parallel-read test uses a new sale.
  h = await createHarness({ FC_SEAT_SNAPSHOT_MS: '100' }, { kafka: false })
  base = (await h.rt.app.listen({ host: '127.0.0.1', port: 0 })).replace(/\/$/, '')
})
afterAll(async () => {
  await h?.close()
})

function hall(): Promise<string> {
  return h.createSale({
    name: 'Hall',
    kind: 'seated',
    seats: { sections },
    perUserLimit: 4,
    holdTtlSec: 300,
    admission: { ratePerSec: 100, maxActive: 1000, accessTtlSec: 600 }
  })
}

async function hold(saleId: string, userId: string, seatId: string): Promise<string> {
  await h.admit(saleId, [userId])
  const holdId = newChildId(saleId, 'h')
  const r = await h.inventory.holdSeat({
    saleId,
    userId,
    seatId,
    holdId,
    response: () => ({ statusCode: 201, body: {} })
  })
  expect(r.ok).toBe(true)
  return holdId
}

const get = (url: string, headers: Record<string, string> = {}) =>
  h.rt.app.inject({ method: 'GET', url, headers })

function decode(res: { rawPayload: Buffer; headers: Record<string, unknown> }): unknown {
  const coding = res.headers['content-encoding']
  const raw =
    coding === 'br'
      ? brotliDecompressSync(res.rawPayload)
      : coding === 'gzip'
        ? gunzipSync(res.rawPayload)
        : res.rawPayload
  return JSON.parse(raw.toString())
}

describe('layout and state', () => {
  it('answer with strong ETags, 304 on If-None-Match, and gzip and brotli bodies of the same JSON', async () => {
    const saleId = await hall()
    for (const path of ['layout', 'state', '']) {
      const url = `/v1/events/${saleId}/seats${path === '' ? '' : `/${path}`}`
      const plain = await get(url)
      expect(plain.statusCode, plain.body).toBe(200)
      expect(plain.headers['content-encoding']).toBeUndefined()
      expect(plain.headers.vary).toMatch(/accept-encoding/i)
      expect(plain.headers['content-type']).toMatch(/^application\/json/)
      const tag = String(plain.headers.etag)
      expect(tag).toMatch(/^"[^"]+"$/)
      const json = decode(plain)
      const br = await get(url, { 'accept-encoding': 'gzip, deflate, br' })
      expect(br.headers['content-encoding']).toBe('br')
      expect(decode(br)).toEqual(json)
      const gz = await get(url, { 'accept-encoding': 'gzip' })
      expect(gz.headers['content-encoding']).toBe('gzip')
      expect(decode(gz)).toEqual(json)
      const refused = await get(url, { 'accept-encoding': 'br;q=0, gzip;q=0' })
      expect(refused.headers['content-encoding']).toBeUndefined()
      // Each coding is its own representation, with its own strong tag.
      expect(new Set([tag, br.headers.etag, gz.headers.etag]).size).toBe(3)
      for (const [match, coding] of [
        [tag, 'br'],
        [String(br.headers.etag), 'br'],
        [`"nope", W/${String(gz.headers.etag)}`, 'gzip']
      ] as const) {
        const again = await get(url, { 'if-none-match': match, 'accept-encoding': coding })
        expect(again.statusCode).toBe(304)
        expect(again.rawPayload.length).toBe(0)
        expect(again.headers.etag).toBeDefined()
      }
      expect((await get(url, { 'if-none-match': '"other"' })).statusCode).toBe(200)
    }
    const layout = decode(await get(`/v1/events/${saleId}/seats/layout`)) as Record<string, unknown>
    expect(layout).toEqual({
      saleId,
      currency: 'KRW',
      seatCount: 22,
      sections: [
        { name: 'VIP', price: 90_000, rows: 2, seatsPerRow: 5, offset: 0 },
        { name: 'R', price: 60_000, rows: 3, seatsPerRow: 4, offset: 10 }
      ]
    })
    const state = await get(`/v1/events/${saleId}/seats/state`)
    expect(state.headers['cache-control']).toBe('no-cache')
    expect(decode(state)).toMatchObject({ saleId, states: 'a'.repeat(22) })
  })

  it('state changes version and ETag when a seat changes; the layout tag stays', async () => {
    const saleId = await hall()
    const layout1 = (await get(`/v1/events/${saleId}/seats/layout`)).headers.etag
    const s1 = await get(`/v1/events/${saleId}/seats/state`)
    await hold(saleId, 'u1', 'R-1-1')
    let s2 = s1
    // The snapshot refreshes within FC_SEAT_SNAPSHOT_MS.
    await expect
      .poll(async () => {
        s2 = await get(`/v1/events/${saleId}/seats/state`, { 'if-none-match': String(s1.headers.etag) })
        return s2.statusCode
      })
      .toBe(200)
    const body = decode(s2) as { version: string; states: string }
    expect(body.version).not.toBe((decode(s1) as { version: string }).version)
    expect(body.states[10]).toBe('h')
    expect(body.states.replace(/a/g, '')).toBe('h')
    expect((await get(`/v1/events/${saleId}/seats/layout`)).headers.etag).toBe(layout1)
  })
})

describe('the old /seats', () => {
  it('keeps its shape: every seat with id, section, row, number, price and state', async () => {
    const saleId = await hall()
    await hold(saleId, 'u2', 'VIP-1-2')
    await expect
      .poll(async () => {
        const res = await get(`/v1/events/${saleId}/seats`, { 'accept-encoding': 'br, gzip' })
        return decode(res)
      })
      .toEqual({
        seats: buildSeatMap(sections).map((s) => ({ ...s, state: s.id === 'VIP-1-2' ? 'held' : 'available' }))
      })
  })
})

describe('the shared snapshot', () => {
  it('costs one Redis read for many parallel requests of a sale', async () => {
    const saleId = await hall()
    // The sale's cache entry first (PostgreSQL), so all requests meet the snapshot's first refresh.
    await h.rt.sales.get(saleId)
    const before = h.rt.seatMap.counters.reads
    const res = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        get(`/v1/events/${saleId}/seats${i % 2 === 0 ? '/state' : ''}`, { 'accept-encoding': 'br, gzip' })
      )
    )
    expect(res.every((r) => r.statusCode === 200)).toBe(true)
    // At most one more if the requests straddled a refresh on a loaded machine, never one each.
    const reads = h.rt.seatMap.counters.reads - before
    expect(reads).toBeGreaterThanOrEqual(1)
    expect(reads).toBeLessThanOrEqual(Math.ceil(300 / 100))
    expect(new Set(res.filter((_, i) => i % 2 === 0).map((r) => r.headers.etag)).size).toBeLessThanOrEqual(
      reads
    )
  })

  it('refuses unknown sales and coupon sales with 404, reading nothing', async () => {
    const reads = h.rt.seatMap.counters.reads
    const size = h.rt.seatMap.size
    for (const path of ['', '/layout', '/state', '/stream']) {
      const res = await get(`/v1/events/${newSaleId()}/seats${path}`)
      expect(res.statusCode).toBe(404)
      expect(res.json()).toMatchObject({ code: 'FC_NOT_FOUND' })
    }
    expect(h.rt.seatMap.counters.reads).toBe(reads)
    expect(h.rt.seatMap.size).toBe(size)
    const coupons = await h.createSale(couponSale(10))
    expect((await get(`/v1/events/${coupons}/seats/state`)).statusCode).toBe(404)
    expect(h.rt.seatMap.counters.reads).toBe(reads)
    expect((await get(`/v1/events/bad/seats/state`)).statusCode).toBe(400)
  })
})

describe('the change stream', () => {
  it('sends a snapshot, then each change as a delta with its index and code', async () => {
    const saleId = await hall()
    const sse = new SseClient(`${base}/v1/events/${saleId}/seats/stream`)
    try {
      await sse.waitFor((e) => e.event === 'snapshot')
      const first = sse.events[0]?.data as { version: string; states: string }
      expect(first.states).toBe('a'.repeat(22))
      await hold(saleId, 'u3', 'R-3-4')
      await sse.waitFor((e) => e.event === 'delta')
      const delta = sse.events.find((e) => e.event === 'delta')?.data as {
        from: string
        version: string
        changes: Array<[number, string]>
      }
      // R-3-4: 10 + (3-1)*4 + (4-1) = 21, the last seat.
      expect(delta).toEqual({ from: first.version, version: expect.any(String), changes: [[21, 'h']] })
      expect(delta.version).not.toBe(first.version)
    } finally {
      sse.close()
    }
  })

  it('shows every seat of a multi-seat hold in one delta, at the indexes of the seats picked', async () => {
    const saleId = await hall()
    const sse = new SseClient(`${base}/v1/events/${saleId}/seats/stream`)
    try {
      await sse.waitFor((e) => e.event === 'snapshot')
      const access = await h.admit(saleId, ['pair'])
      const res = await h.rt.app.inject({
        method: 'POST',
        url: `/v1/events/${saleId}/holds`,
        headers: {
          authorization: `Bearer ${await h.userToken('pair')}`,
          'x-access-token': access.get('pair') ?? '',
          'idempotency-key': 'pair-1'
        },
        payload: { section: 'R', quantity: 2 }
      })
      expect(res.statusCode, res.body).toBe(201)
      const seatIds = (res.json() as { seatIds: string[] }).seatIds
      const indexOf = (id: string) => {
        const [section, row, number] = id.split('-')
        const at = section === 'VIP' ? { offset: 0, perRow: 5 } : { offset: 10, perRow: 4 }
        return at.offset + (Number(row) - 1) * at.perRow + (Number(number) - 1)
      }
      await sse.waitFor((e) => e.event === 'delta')
      const changes = sse.events
        .filter((e) => e.event === 'delta')
        .flatMap((e) => (e.data as { changes: Array<[number, string]> }).changes)
      expect(changes.sort((a, b) => a[0] - b[0])).toEqual(
        seatIds.map((id) => [indexOf(id), 'h']).sort((a, b) => Number(a[0]) - Number(b[0]))
      )
    } finally {
      sse.close()
    }
  })

  it('continues a client from a version it remembers, and sends a snapshot for one it does not', async () => {
    const saleId = await hall()
    const state = decode(await get(`/v1/events/${saleId}/seats/state`)) as { version: string; states: string }
    await hold(saleId, 'u4', 'VIP-1-1')
    await hold(saleId, 'u5', 'VIP-2-1')
    await expect
      .poll(async () => (decode(await get(`/v1/events/${saleId}/seats/state`)) as { states: string }).states)
      .toMatch(/^haaaahaaaa/)

    const resumed = new SseClient(`${base}/v1/events/${saleId}/seats/stream?version=${state.version}`)
    const lost = new SseClient(`${base}/v1/events/${saleId}/seats/stream`, {
      headers: { 'last-event-id': 'zz.zz.0' }
    })
    try {
      await resumed.waitFor(() => true)
      expect(resumed.events[0]).toEqual({
        event: 'delta',
        data: {
          from: state.version,
          version: expect.any(String),
          changes: [
            [0, 'h'],
            [5, 'h']
          ]
        }
      })
      await lost.waitFor(() => true)
      expect(lost.events[0]?.event).toBe('snapshot')
      expect((lost.events[0]?.data as { states: string } | undefined)?.states).toMatch(/^haaaahaaaa/)
      expect(h.rt.seatStreams.size).toBeGreaterThanOrEqual(2)
    } finally {
      resumed.close()
      lost.close()
    }
  })
})
