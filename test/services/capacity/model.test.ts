import { describe, expect, it } from 'vitest'
import { COST_STEPS, type MeasuredCosts, type PartyCost } from '../../../src/services/capacity/costs.ts'
import { completeShape, operations, planCapacity, renderPlan } from '../../../src/services/capacity/model.ts'

const cost = (api: number, redis = 0, postgres = 0, workers = 0, kafka = 0): PartyCost => ({
  api,
  workers,
  redis,
  postgres,
  kafka
})

/** Round figures, so the expected fleet can be worked out by hand. */
function costs(over: Partial<Record<(typeof COST_STEPS)[number], PartyCost>> = {}): MeasuredCosts {
  const steps = Object.fromEntries(
    COST_STEPS.map((s) => [s, { us: over[s] ?? cost(0) }])
  ) as MeasuredCosts['steps']
  return {
    measuredAt: '2026-12-07T00:00:00Z',
    command: 'test',
    machine: { cpus: 2, model: 'test', memGb: 1, node: 'v24', shared: true },
    opsPerStep: 1000,
    repeats: 1,
    tickMs: 1000,
    seatMapSeats: 1000,
    idleUsPerSec: cost(0),
    streamKb: 10,
    steps
  }
}

describe('capacity model', () => {
  it('turns operations x µs into CPU-seconds and cores at the target utilisation', () => {
    // 60,000 joins at 1,000 µs of API each = 60 CPU-s in the 10 s opening = 6 cores; at 0.6 of a
    // core per process that is 10 API processes.
    const plan = planCapacity(costs({ join: cost(1000) }), { buyers: 60_000, seats: 100, withinSec: 60 })
    const join = plan.steps.find((s) => s.step === 'join')
    expect(join?.ops).toBe(60_000)
    expect(join?.cpuSec.api).toBeCloseTo(60)
    expect(plan.phases[0]?.name).toBe('opening')
    expect(plan.peakCores.api).toBeCloseTo(6)
    expect(plan.fleet.apiProcesses).toBe(10)
  })

  it('counts every waiting stream for the whole wait', () => {
    const shape = completeShape({ buyers: 10_000, seats: 1000, withinSec: 100, arrivalSec: 0 })
    const ops = operations(shape)
    // 1,500 admitted (1.5 per seat) wait half the sale on average, the 8,500 others all of it.
    expect(ops.admission).toBe(1500)
    expect(ops.streamSecond).toBe(8500 * 100 + 1500 * 50)
  })

  it('needs one API process per 20,000 open streams however cheap they are', () => {
    const plan = planCapacity(costs(), { buyers: 1_000_000, seats: 50_000, withinSec: 600 })
    expect(plan.fleet.apiProcesses).toBe(50)
    expect(plan.peakStreams).toBe(1_000_000)
    expect(plan.streamMemoryMb).toBeCloseTo((1_000_000 * 10) / 1024)
  })

  it('grows with the buyers and never shrinks', () => {
    const c = costs({
      join: cost(900, 70, 30),
      streamOpen: cost(1200, 90),
      streamSecond: cost(30),
      admission: cost(270, 40, 100, 20),
      hold: cost(700, 70, 20),
      confirm: cost(700, 90, 0, 0, 140),
      booking: cost(0, 6, 90, 40)
    })
    let last = planCapacity(c, { buyers: 1000, seats: 500, withinSec: 60 })
    for (const buyers of [2000, 10_000, 100_000, 1_000_000, 5_000_000]) {
      const plan = planCapacity(c, { buyers, seats: 500, withinSec: 60 })
      for (const k of Object.keys(plan.fleet) as Array<keyof typeof plan.fleet>)
        expect(plan.fleet[k]).toBeGreaterThanOrEqual(last.fleet[k])
      for (const p of Object.keys(plan.totalCpuSec) as Array<keyof PartyCost>)
        expect(plan.totalCpuSec[p]).toBeGreaterThanOrEqual(last.totalCpuSec[p])
      last = plan
    }
    expect(last.fleet.apiProcesses).toBeGreaterThan(1)
  })

  it('keeps a Redis primary to one core and says when one sale is over it', () => {
    // 100,000 holds at 100 µs of Redis in 10 s = 1 core: more than one primary's 0.6.
    const plan = planCapacity(costs({ hold: cost(0, 100) }), {
      buyers: 100_000,
      seats: 100_000,
      withinSec: 20,
      arrivalSec: 10,
      holdsPerSeat: 1
    })
    expect(plan.peakCores.redis).toBeCloseTo(1)
    expect(plan.fleet.redisPrimaries).toBe(2)
    expect(plan.warnings.join(' ')).toMatch(/one primary/)
    const small = planCapacity(costs({ hold: cost(0, 100) }), { buyers: 1000, seats: 1000, withinSec: 60 })
    expect(small.fleet.redisPrimaries).toBe(1)
    expect(small.warnings).toEqual([])
  })

  it('counts idle processes against their core and keeps three brokers at least', () => {
    const c = { ...costs({ join: cost(1000) }), idleUsPerSec: cost(100_000, 0, 0, 0, 0) }
    // 6 cores of joins / (0.6 - 0.1 idle) = 12 processes.
    const plan = planCapacity(c, { buyers: 60_000, seats: 100, withinSec: 60 })
    expect(plan.fleet.apiProcesses).toBe(12)
    expect(plan.fleet.brokers).toBe(3)
    expect(plan.idleCpuSec.api).toBeCloseTo(0.1 * 60 * 12)
  })

  it('refuses a shape that is not a sale', () => {
    expect(() => planCapacity(costs(), { buyers: 0, seats: 1, withinSec: 1 })).toThrow(RangeError)
    expect(() => planCapacity(costs(), { buyers: 1, seats: 1, withinSec: 1 }, { utilisation: 2 })).toThrow(
      RangeError
    )
  })

  it('renders the fleet and the steps it rests on', () => {
    const c = costs({ join: cost(1000) })
    const text = renderPlan(planCapacity(c, { buyers: 60_000, seats: 100, withinSec: 60 }), c)
    expect(text).toContain('API processes      10')
    expect(text).toMatch(/^join\s+60,000\s+1000/m)
  })
})
