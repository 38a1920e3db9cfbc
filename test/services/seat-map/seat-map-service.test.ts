/**
 * The shared seat map snapshot on real Redis and PostgreSQL, with a clock the test moves: one Redis
 * read per refresh however many callers arrive, a new version only when seats change, states in
 * layout order, history for reconnecting streams, idle snapshots dropped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ScriptRunner } from '../../../src/adapters/redis/scripts.ts'
import {
  publicVersion,
  RedisSeatStateSource,
  rawVersion
} from '../../../src/adapters/redis/seat-state-source.ts'
import { newChildId } from '../../../src/domain/ids.ts'
import type { SeatStateSource } from '../../../src/domain/seat-map-ports.ts'
import { diffStates, SeatMapService } from '../../../src/services/seat-map/seat-map-service.ts'
import { createHarness, type Harness } from '../../support/harness.ts'

let h: Harness
let clock = 1_000_000
let reads = 0
let map: SeatMapService
let scripts: ScriptRunner

const sections = [
  { name: 'VIP', rows: 2, seatsPerRow: 5, price: 90_000 },
  { name: 'R', rows: 3, seatsPerRow: 4, price: 60_000 }
]

beforeAll(async () => {
  h = await createHarness({}, { kafka: false })
  scripts = new ScriptRunner(h.redis)
  await scripts.load()
  const redis = new RedisSeatStateSource(scripts, h.keys)
  const counting: SeatStateSource = {
    readSeatStates(saleId, known) {
      reads++
      return redis.readSeatStates(saleId, known)
    }
  }
  map = new SeatMapService({
    sales: h.rt.sales,
    source: counting,
    refreshMs: 250,
    idleMs: 60_000,
    now: () => clock
  })
})
afterAll(async () => {
  map?.close()
  await h?.close()
})

async function seatedSale(): Promise<string> {
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

describe('the seat map snapshot', () => {
  it('is read from Redis once per refresh, however many callers arrive at once', async () => {
    const saleId = await seatedSale()
    const before = reads
    const first = await Promise.all(Array.from({ length: 500 }, () => map.snapshot(saleId)))
    expect(reads - before).toBe(1)
    expect(new Set(first).size).toBe(1)
    // Within the refresh interval: no read at all.
    clock += 100
    await Promise.all(Array.from({ length: 500 }, () => map.snapshot(saleId)))
    expect(reads - before).toBe(1)
    // Past it: one read for all, and the same snapshot while nothing changed.
    clock += 200
    const again = await Promise.all(Array.from({ length: 500 }, () => map.snapshot(saleId)))
    expect(reads - before).toBe(2)
    expect(new Set(again)).toEqual(new Set(first))
  })

  it('puts every seat at its layout index and moves the version only when a seat changes', async () => {
    const saleId = await seatedSale()
    const a = await map.snapshot(saleId)
    expect(a.states).toBe('a'.repeat(22))
    expect(a.layout.seatCount).toBe(22)
    const holdId = await hold(saleId, 'u1', 'R-2-3')
    clock += 300
    const b = await map.snapshot(saleId)
    // R starts after VIP's 10 seats: 10 + (2-1)*4 + (3-1) = 16.
    expect(diffStates(a.states, b.states)).toEqual([[16, 'h']])
    expect(b.version).not.toBe(a.version)
    expect(map.statesAt(saleId, a.version)).toBe(a.states)

    // A hold and its release between two reads: the same seats, so the same snapshot.
    const other = await hold(saleId, 'u2', 'VIP-1-1')
    const release = await h.inventory.releaseHold({
      saleId,
      userId: 'u2',
      holdId: other,
      response: { statusCode: 204, body: null }
    })
    expect(release.ok).toBe(true)
    clock += 300
    const c = await map.snapshot(saleId)
    expect(c).toBe(b)
    expect(holdId).toBeTruthy()
  })

  it('bodies: the old shape, the state, the layout in creation order; each encoding built once', async () => {
    const saleId = await seatedSale()
    await hold(saleId, 'u3', 'VIP-2-5')
    clock += 300
    const snap = await map.snapshot(saleId)
    const layout = JSON.parse(snap.layout.body.identity.toString())
    expect(layout).toEqual({
      saleId,
      currency: 'KRW',
      seatCount: 22,
      sections: [
        { name: 'VIP', price: 90_000, rows: 2, seatsPerRow: 5, offset: 0 },
        { name: 'R', price: 60_000, rows: 3, seatsPerRow: 4, offset: 10 }
      ]
    })
    const old = JSON.parse(snap.seatsBody.identity.toString()) as { seats: Array<Record<string, unknown>> }
    expect(old.seats).toHaveLength(22)
    expect(old.seats.find((s) => s.id === 'VIP-2-5')).toEqual({
      id: 'VIP-2-5',
      section: 'VIP',
      row: 2,
      number: 5,
      price: 90_000,
      state: 'held'
    })
    expect(old.seats.filter((s) => s.state !== 'available')).toHaveLength(1)
    const encodedBefore = map.counters.encoded.br
    const bodies = await Promise.all(Array.from({ length: 50 }, () => snap.stateBody.get('br')))
    expect(new Set(bodies).size).toBe(1)
    expect(map.counters.encoded.br - encodedBefore).toBe(1)
  })

  it('drops snapshots nobody read for the idle time', async () => {
    const saleId = await seatedSale()
    await map.snapshot(saleId)
    const size = map.size
    clock += 59_000
    map.evictIdle()
    expect(map.size).toBe(size)
    clock += 61_000
    map.evictIdle()
    expect(map.statesAt(saleId, 'x')).toBeUndefined()
    expect(map.size).toBe(0)
  })

  it('reads the seats from Redis only when the version moved', async () => {
    const saleId = await seatedSale()
    await hold(saleId, 'u9', 'R-1-1')
    const source = new RedisSeatStateSource(scripts, h.keys)
    const first = await source.readSeatStates(saleId, '')
    expect(first.seats).toHaveLength(22)
    const again = await source.readSeatStates(saleId, first.version)
    expect(again).toEqual({ version: first.version })
    await hold(saleId, 'u10', 'R-1-2')
    const moved = await source.readSeatStates(saleId, first.version)
    expect(moved.version).not.toBe(first.version)
    expect(
      moved.seats
        ?.filter(([, code]) => code === 'h')
        .map(([id]) => id)
        .sort()
    ).toEqual(['R-1-1', 'R-1-2'])
  })

  it('versions survive the round trip through their short public form', () => {
    for (const raw of ['1733520000.5~1733520000123-0', '1733520000.999999~1-12', '0~0-0']) {
      expect(rawVersion(publicVersion(raw))).toBe(raw)
    }
    expect(rawVersion('not a version')).toBe('')
  })
})
