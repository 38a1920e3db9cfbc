import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AdmissionTickResult } from '../../src/domain/waiting-room-ports.ts'
import { AdmissionScheduler } from '../../src/workers/admission-scheduler.ts'
import { couponSale, createHarness, type Harness } from '../support/harness.ts'
import { until as waitUntil } from '../support/wait.ts'

const until = (cond: () => boolean | Promise<boolean>, timeoutMs = 20_000) => waitUntil(cond, timeoutMs, 20)

const TICK_MS = 200
let h: Harness

beforeAll(async () => {
  h = await createHarness({ FC_ADMISSION_TICK_MS: String(TICK_MS) })
})
afterAll(async () => {
  await h?.close()
})

interface Tick {
  owner: string
  at: number
  frontier: number
  admitted: string[]
}

/** A scheduler of its own (as another process would run), recording every tick it ran. */
function scheduler(saleId: string, ticks: Tick[]): AdmissionScheduler {
  const owner = randomUUID()
  const s = new AdmissionScheduler({
    room: h.rt.waitingRoom.room,
    owner,
    sales: async () => [saleId],
    onError: (err) => {
      throw err
    },
    onTick: (_sale, r: AdmissionTickResult) => {
      if (r.kind === 'ticked')
        ticks.push({ owner, at: Date.now(), frontier: r.message.frontier, admitted: r.admitted })
    }
  })
  return s
}

async function joinAll(saleId: string, n: number, prefix: string): Promise<Map<string, number>> {
  const tickets = new Map<string, number>()
  for (let i = 0; i < n; i++) {
    const p = await h.rt.waitingRoom.store.join(saleId, `${prefix}${i}`, 0)
    tickets.set(`${prefix}${i}`, p.ticket)
  }
  return tickets
}

describe('admission scheduler', () => {
  it('two schedulers at 50/s admit in ticket order, nobody twice, at the configured rate', async () => {
    const saleId = await h.createSale(
      couponSale(10_000, { admission: { ratePerSec: 50, maxActive: 100_000, accessTtlSec: 600 } })
    )
    const tickets = await joinAll(saleId, 200, 'o')
    const ticks: Tick[] = []
    const a = scheduler(saleId, ticks)
    const b = scheduler(saleId, ticks)
    const started = Date.now()
    a.start()
    b.start()
    await until(() => ticks.reduce((n, t) => n + t.admitted.length, 0) >= 200)
    const elapsed = Date.now() - started
    await Promise.all([a.stop(), b.stop()])
    // Redis ran the ticks one after another; their frontiers give that order.
    const ordered = [...ticks].sort((x, y) => x.frontier - y.frontier)
    const admitted = ordered.flatMap((t) => t.admitted)
    expect(new Set(admitted).size).toBe(admitted.length)
    expect(admitted.map((u) => tickets.get(u))).toEqual(Array.from({ length: 200 }, (_, i) => i + 1))
    // 200 at 50/s is 4 s; both schedulers running must not double the rate.
    expect(elapsed).toBeGreaterThan(3500)
    expect(Math.max(...ticks.map((t) => t.admitted.length))).toBeLessThanOrEqual(Math.ceil(50 * 0.4) + 1)
  })

  it('never admits more than maxActive at once, with two schedulers', async () => {
    const saleId = await h.createSale(
      couponSale(10_000, { admission: { ratePerSec: 1000, maxActive: 25, accessTtlSec: 600 } })
    )
    await joinAll(saleId, 100, 'm')
    const ticks: Tick[] = []
    const a = scheduler(saleId, ticks)
    const b = scheduler(saleId, ticks)
    a.start()
    b.start()
    await until(() => ticks.length >= 8)
    await Promise.all([a.stop(), b.stop()])
    expect(ticks.reduce((n, t) => n + t.admitted.length, 0)).toBe(25)
    expect(await h.inventory.activeCount(saleId)).toBe(25)
  })

  it('runtime changes of rate, maxActive and pause apply on the next tick', async () => {
    const saleId = await h.createSale(
      couponSale(10_000, { admission: { ratePerSec: 10, maxActive: 1000, accessTtlSec: 600 } })
    )
    await joinAll(saleId, 300, 'r')
    const ticks: Tick[] = []
    const a = scheduler(saleId, ticks)
    const patch = (payload: Record<string, unknown>) =>
      h.rt.app.inject({
        method: 'PATCH',
        url: `/v1/admin/events/${saleId}/admission`,
        headers: { authorization: `Bearer ${h.adminToken}` },
        payload
      })
    expect((await patch({ paused: true })).statusCode).toBe(200)
    a.start()
    await until(() => ticks.length >= 3)
    expect(ticks.every((t) => t.admitted.length === 0)).toBe(true)
    await patch({ paused: false, ratePerSec: 500 })
    await until(() => ticks.some((t) => t.admitted.length >= 50))
    await a.stop()
  })

  it('a lease holder that stops without giving the lease up is replaced within two ticks', async () => {
    const saleId = await h.createSale(
      couponSale(10_000, { admission: { ratePerSec: 20, maxActive: 100_000, accessTtlSec: 600 } })
    )
    await joinAll(saleId, 200, 'f')
    const ticks: Tick[] = []
    const a = scheduler(saleId, ticks)
    a.start()
    await until(() => ticks.length >= 2)
    const b = scheduler(saleId, ticks)
    b.start()
    await until(() => ticks.length >= 5)
    expect(new Set(ticks.map((t) => t.owner))).toEqual(new Set([a.owner]))
    await a.halt()
    const haltedAt = Date.now()
    await until(() => ticks.some((t) => t.owner === b.owner))
    const handover = ticks.find((t) => t.owner === b.owner)!.at - haltedAt
    await b.stop()
    expect(handover).toBeLessThanOrEqual(2 * TICK_MS)
    const admitted = [...ticks].sort((x, y) => x.frontier - y.frontier).flatMap((t) => t.admitted)
    expect(new Set(admitted).size).toBe(admitted.length)
    process.stderr.write(`failover took ${handover} ms (tick ${TICK_MS} ms)\n`)
  })
})
