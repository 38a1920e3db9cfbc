/**
 * One fault of the chaos run on a stack of its own (a 3x1 Redis Cluster, 3 Kafka brokers, a
 * PostgreSQL from initdb, 2 API processes and 2 workers), with a small sale: 40 buyers of at most
 * 2 seats each for 60 seats, so it sells out and a queue forms. The fault's own checks must hold,
 * the system must recover, and every invariant must hold afterwards with exact counts.
 */
import { join } from 'node:path'
import { expect } from 'vitest'
import { type ChaosReport, type FaultName, runChaos } from '../../../tools/chaos/chaos-run.ts'

const root = join(import.meta.dirname, '..', '..', '..')

export async function runOneFault(name: FaultName): Promise<ChaosReport> {
  const lines: string[] = []
  const report = await runChaos({
    root,
    durationSec: 30,
    users: 40,
    faults: [name],
    onEvent: (l) => lines.push(l)
  }).catch((error: unknown) => {
    process.stderr.write(`[chaos ${name}] ${lines.slice(-40).join('\n')}\n`)
    throw error
  })
  process.stderr.write(`[chaos ${name}] ${JSON.stringify({ ...report, invariants: undefined })}\n`)
  const context = lines.slice(-30).join('\n')
  expect(report.faults.map((f) => f.name)).toEqual([name])
  const [fault] = report.faults
  expect(fault?.problems, context).toEqual([])
  expect(fault?.recoveryMs, context).not.toBeNull()
  // A full loss of Redis loses the waiting room with it (docs/deploy.md, Backups): tickets start
  // again from 1, so I7's ticket order cannot hold across it. Every other invariant must.
  const exempt = name === 'redis-data-loss' ? /^I7 / : /^$/
  expect(
    report.invariants.filter((i) => !i.ok && !exempt.test(i.name)),
    context
  ).toEqual([])
  expect(report.accepted).toBeGreaterThan(0)
  // Every accepted reservation ended confirmed or failed: none lost, none counted twice.
  expect(report.lost, context).toBe(0)
  expect(report.confirmed + report.failed, context).toBe(report.accepted)
  expect(report.oversold).toBe(0)
  expect(report.confirmed).toBeLessThanOrEqual(report.capacity)
  // No fault may leave a dead letter: a store out (PostgreSQL refusing writes for 8 s) is waited
  // out by the consumers (outageMs), not blamed on the messages.
  expect(report.deadLetters).toBe(0)
  expect(report.settledMs).not.toBeNull()
  return report
}
