import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PgSaleLifecycleStore } from '../../src/adapters/postgres/sale-lifecycle-store.ts'
import type { PeriodicWorker } from '../../src/workers/periodic.ts'
import { createSaleLifecycleWorker } from '../../src/workers/sale-lifecycle.ts'
import { buyerRequest, couponSale, createHarness, type Harness, tickOnce } from '../support/harness.ts'
import { until } from '../support/wait.ts'

let h: Harness
const running: PeriodicWorker[] = []

beforeAll(async () => {
  h = await createHarness()
})
afterAll(async () => {
  await Promise.all(running.map((w) => w.stop()))
  await h?.close()
})

/** `n` lifecycle workers side by side, as several processes running workers would have. */
function startWorkers(n: number): void {
  for (let i = 0; i < n; i++) {
    const w = createSaleLifecycleWorker({
      store: new PgSaleLifecycleStore(h.pool),
      inventory: h.inventory,
      waiting: async (saleId) => (await h.rt.waitingRoom.room.counts(saleId)).waiting,
      onStatusChange: (saleId) => h.rt.sales.forget(saleId),
      intervalMs: 50,
      onError: (err) => {
        throw err
      }
    })
    running.push(w)
    w.start()
  }
}

interface PhaseEvent {
  id: string
  data: { saleId: string; phase: string; previous: string | null; seq: number; at: string }
}

async function phaseEvents(saleId: string): Promise<PhaseEvent[]> {
  const { rows } = await h.pool.query<PhaseEvent>(
    "SELECT id, data FROM webhook_events WHERE type = 'sale.phase_changed' AND sale_id = $1 ORDER BY (data->>'seq')::int",
    [saleId]
  )
  return rows
}

const at = (deltaMs: number) => new Date(Date.now() + deltaMs).toISOString()

describe('the sale lifecycle worker', () => {
  it('records a pause, a resume and an operator close', async () => {
    const saleId = await h.createSale(couponSale(100))
    startWorkers(1)
    await until(async () => (await phaseEvents(saleId)).length === 1)
    await h.rt.sales.setStatus(saleId, 'paused')
    await until(async () => (await phaseEvents(saleId)).length === 2)
    await h.rt.sales.setStatus(saleId, 'open')
    await until(async () => (await phaseEvents(saleId)).length === 3)
    await h.rt.sales.setStatus(saleId, 'closed')
    await until(async () => (await phaseEvents(saleId)).length === 4)
    expect((await phaseEvents(saleId)).map((e) => e.data.phase)).toEqual(['open', 'paused', 'open', 'closed'])
  })

  it('records each phase of the timeline once, with its webhook event, and closes the sale at closesAt', async () => {
    // Three more workers, started before the sale exists: they see each phase as it comes.
    startWorkers(3)
    const closesAt = Date.now() + 6000
    const saleId = await h.createSale(
      couponSale(100, {
        preQueueOpensAt: at(2000),
        opensAt: at(4000),
        closesAt: new Date(closesAt).toISOString()
      })
    )
    await until(async () => (await h.repo.getSale(saleId))?.status === 'closed', 20_000)
    expect(Date.now()).toBeGreaterThanOrEqual(closesAt)
    // Redis refuses new purchases: the inventory's status is closed too.
    expect(await h.redis.hGet(h.keys.sale(saleId).meta, 'status')).toBe('closed')
    const claim = await buyerRequest(h, 'GET', `/v1/events/${saleId}`, 'someone')
    expect(claim.body.phase).toBe('closed')

    // Three workers, each phase recorded once, in order, each naming the one before.
    await until(async () => (await phaseEvents(saleId)).length >= 4)
    const events = await phaseEvents(saleId)
    expect(events.map((e) => [e.data.previous, e.data.phase])).toEqual([
      [null, 'scheduled'],
      ['scheduled', 'pre_queue'],
      ['pre_queue', 'open'],
      ['open', 'closed']
    ])
    expect(events.map((e) => e.id)).toEqual([1, 2, 3, 4].map((n) => `sale.phase_changed:${saleId}:${n}`))
    // Nothing more is recorded for a closed sale.
    const { rows } = await h.pool.query<{ phase: string; phase_seq: number }>(
      'SELECT phase, phase_seq FROM sales WHERE id = $1',
      [saleId]
    )
    expect(rows[0]).toEqual({ phase: 'closed', phase_seq: 4 })
  })

  it('records a safety-net queue forming and dissolving', async () => {
    const saleId = await h.createSale(
      couponSale(100, { admission: { ratePerSec: 100, maxActive: 1, accessTtlSec: 600, safetyNet: true } })
    )
    startWorkers(2)
    const room = h.rt.waitingRoom.room
    await until(async () => (await phaseEvents(saleId)).length === 1)
    expect((await room.join('first', saleId)).state).toBe('admitted')
    expect((await room.join('second', saleId)).state).toBe('waiting')
    await until(async () => (await phaseEvents(saleId)).length === 2)
    // The one admitted finishes, a tick admits the one waiting: the queue is empty again.
    await room.leave('first', saleId)
    expect(await tickOnce(h, saleId)).toEqual(['second'])
    await until(async () => (await phaseEvents(saleId)).length === 3)
    expect((await phaseEvents(saleId)).map((e) => e.data.phase)).toEqual(['open', 'queueing', 'open'])
  })
})
