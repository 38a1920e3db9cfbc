import { Registry } from 'prom-client'
import { describe, expect, it } from 'vitest'
import { createSaleMetrics } from '../../src/app/sale-metrics.ts'
import type { SalePhase } from '../../src/domain/sale-phase.ts'
import type { AdmissionTickResult } from '../../src/domain/waiting-room-ports.ts'
import { until } from '../support/wait.ts'

function tick(admitted: string[], waitedMs: number[]): AdmissionTickResult {
  const message = {
    frontier: 0,
    closed: false,
    rate: 0,
    configuredRate: 1,
    waiting: 0,
    admittedTotal: 0,
    at: 0
  }
  return { kind: 'ticked', message, admitted, skipped: 0, waitedMs }
}

function setup() {
  const registry = new Registry()
  let openSales = ['s1']
  let clock = 0
  let phase: SalePhase = 'pre_queue'
  const metrics = createSaleMetrics({
    registry,
    openSales: async () => openSales,
    queueCounts: async () => ({
      waiting: 5,
      admitted: 2,
      abandoned: 0,
      finished: 0,
      left: 0,
      frontier: 0,
      closed: false,
      preQueue: 0,
      sealed: false
    }),
    stockCounts: async () => ({ capacity: 10, available: 4, held: 3, pending: 2, confirmed: 1 }),
    phase: async () => phase,
    refreshMs: 1000,
    now: () => clock
  })
  return {
    registry,
    metrics,
    close: (ids: string[]) => {
      openSales = ids
    },
    enter: (next: SalePhase) => {
      phase = next
    },
    advance: (ms: number) => {
      clock += ms
    }
  }
}

const value = async (registry: Registry, name: string, labels: Record<string, string>) =>
  (await registry.getSingleMetric(name)?.get())?.values.find((v) =>
    Object.entries(labels).every(([k, x]) => String(v.labels[k]) === x)
  )?.value

describe('the per-sale series', () => {
  it('count admissions and finished bookings at once, before the open sales were ever read', async () => {
    const { registry, metrics } = setup()
    metrics.onTick('s1', tick(['a', 'b', 'c'], [1000, 2000, 3000]))
    metrics.terminal([{ saleId: 's1', kind: 'booking', outcome: 'confirmed', acceptedAt: 0 }])
    expect(await value(registry, 'firstcome_queue_admissions_total', { sale: 's1' })).toBe(3)
    expect(await value(registry, 'firstcome_bookings_total', { sale: 's1', outcome: 'confirmed' })).toBe(1)
    expect(await value(registry, 'firstcome_join_to_admission_seconds', { sale: 's1', le: '2' })).toBe(2)
  })

  it('label the API only with open sales, read again when the list is stale, and drop a closed sale', async () => {
    const { registry, metrics, close, advance } = setup()
    // Not read yet: nothing is labelled, and asking starts a read.
    expect(metrics.labels().has('s1')).toBe(false)
    await until(() => metrics.labels().has('s1'))
    metrics.onTick('s1', tick(['a'], [10]))
    expect(await value(registry, 'firstcome_stock_units', { sale: 's1', state: 'sold' })).toBe(1)
    close([])
    advance(1000)
    await until(() => !metrics.labels().has('s1'))
    expect(await value(registry, 'firstcome_queue_admissions_total', { sale: 's1' })).toBeUndefined()
    expect(await value(registry, 'firstcome_queue_waiting', { sale: 's1' })).toBeUndefined()
  })

  it('show the phase of each open sale: 1 for the one it is in, 0 for the others', async () => {
    const { registry, enter } = setup()
    expect(await value(registry, 'firstcome_sale_phase', { sale: 's1', phase: 'pre_queue' })).toBe(1)
    expect(await value(registry, 'firstcome_sale_phase', { sale: 's1', phase: 'open' })).toBe(0)
    enter('queueing')
    expect(await value(registry, 'firstcome_sale_phase', { sale: 's1', phase: 'pre_queue' })).toBe(0)
    expect(await value(registry, 'firstcome_sale_phase', { sale: 's1', phase: 'queueing' })).toBe(1)
  })
})
