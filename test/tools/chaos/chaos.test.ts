/**
 * A shortened chaos run on a stack of its own: a 3x1 Redis Cluster, 3 Kafka brokers, a PostgreSQL
 * from initdb, 2 API processes and 2 workers, with the six process faults one after the other.
 * Nothing may be lost or oversold, and every invariant must hold afterwards. The four outages
 * (Redis data loss, every broker down, PostgreSQL read-only, clock skew) each have a file of their
 * own beside this one, so the suite runs every fault once.
 */
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runChaos } from '../../../tools/chaos/chaos-run.ts'

const root = join(import.meta.dirname, '..', '..', '..')
const PROCESS_FAULTS = [
  'api-kill',
  'worker-kill',
  'broker-kill',
  'redis-primary-kill',
  'postgres-restart',
  'worker-stop'
] as const

describe('chaos', () => {
  it('loses nothing and oversells nothing while processes, a broker, a Redis primary and PostgreSQL fail', {
    timeout: 900_000
  }, async () => {
    const lines: string[] = []
    const report = await runChaos({
      root,
      durationSec: 30,
      users: 120,
      faults: PROCESS_FAULTS,
      onEvent: (l) => lines.push(l)
    })
    process.stderr.write(`[chaos] ${JSON.stringify({ ...report, invariants: undefined })}\n`)
    const failed = report.invariants.filter((i) => !i.ok)
    expect(failed, lines.slice(-30).join('\n')).toEqual([])
    expect(report.lost).toBe(0)
    expect(report.oversold).toBe(0)
    expect(report.accepted).toBeGreaterThan(0)
    expect(report.settledMs).not.toBeNull()
    // The queue was a real one: buyers were admitted over several ticks, so I7 compared an order.
    expect(report.admission.ticks).toBeGreaterThan(1)
    expect(report.faults.map((f) => f.name)).toEqual([...PROCESS_FAULTS])
    expect(
      report.faults.every((f) => f.recoveryMs !== null),
      JSON.stringify(report.faults)
    ).toBe(true)
  })
})
