/**
 * A shortened chaos run (each fault once) on a stack of its own: a 3x1 Redis Cluster, 3 Kafka
 * brokers, a PostgreSQL from initdb, 2 API processes and 2 workers. Nothing may be lost or
 * oversold, and every invariant must hold afterwards.
 */
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runChaos } from '../../../tools/chaos/chaos-run.ts'

const root = join(import.meta.dirname, '..', '..', '..')

describe('chaos', () => {
  it('loses nothing and oversells nothing while processes, a broker, a Redis primary and PostgreSQL fail, Redis loses its data, Kafka and PostgreSQL writes go away and clocks drift', {
    timeout: 900_000
  }, async () => {
    const lines: string[] = []
    const report = await runChaos({ root, durationSec: 30, users: 120, onEvent: (l) => lines.push(l) })
    process.stderr.write(`[chaos] ${JSON.stringify({ ...report, invariants: undefined })}\n`)
    const failed = report.invariants.filter((i) => !i.ok)
    expect(failed, lines.slice(-30).join('\n')).toEqual([])
    expect(report.lost).toBe(0)
    expect(report.oversold).toBe(0)
    expect(report.accepted).toBeGreaterThan(0)
    expect(report.settledMs).not.toBeNull()
    // The queue was a real one: buyers were admitted over several ticks, so I7 compared an order.
    expect(report.admission.ticks).toBeGreaterThan(1)
    expect(report.faults).toHaveLength(10)
    expect(
      report.faults.every((f) => f.recoveryMs !== null),
      JSON.stringify(report.faults)
    ).toBe(true)
  })
})
