import os from 'node:os'
import type { LabEnvironment } from './lab-environment.ts'
import { type LabRow, pgDelta, summarise } from './metrics.ts'
import { strategies } from './strategies/index.ts'
import { type LabCase, now, type StrategyName } from './types.ts'

/**
 * The capacity case: 1,000 buyers in flight for 5 s, each buying once, on a stock of 300,000 that
 * no strategy sells out in 5 s on this hardware (firstcome-lua would need 60,000 purchases/s). With
 * 10-100 units, purchases/s only says how fast a tiny stock sold out; here every answer is a
 * purchase for as long as the run lasts, so purchases/s is the strategy's sustained capacity.
 * Only the safe strategies run it: the unsafe ones cannot oversell a stock that never runs out.
 */
export const capacityCase: LabCase = {
  label: 'capacity 5 s x 1000',
  stock: 300_000,
  buyers: 300_000,
  concurrency: 1000,
  durationMs: 5000,
  safeOnly: true
}

/**
 * Seed 001's exact small cases (Kurly: 100 coupons x 100 threads; the ticket post: 10 tickets x 30
 * and x 100 users, all threads at once), one large case (5,000 buyers for 100 units with 1,000 in
 * flight) and the {@link capacityCase}.
 */
export const defaultCases: readonly LabCase[] = [
  { label: 'coupons 100 x 100', stock: 100, buyers: 100, concurrency: 100 },
  { label: 'tickets 10 x 30', stock: 10, buyers: 30, concurrency: 30 },
  { label: 'tickets 10 x 100', stock: 10, buyers: 100, concurrency: 100 },
  { label: 'large 100 x 5000', stock: 100, buyers: 5000, concurrency: 1000 },
  capacityCase
]

/**
 * Runs one strategy on a fresh sale of `labCase`: prepare (not timed), run every buyer, wait until
 * every accepted purchase is durable, close (which flushes the PostgreSQL statistics), then read
 * the database's verdict and the counters' deltas.
 */
export async function runStrategy(
  lab: LabEnvironment,
  name: StrategyName,
  labCase: LabCase
): Promise<LabRow> {
  const strategy = strategies[name]
  const sale = await lab.newSale(labCase, name)
  const run = await strategy.prepare(lab.env, sale)
  let closed = false
  try {
    const pgBefore = await lab.pgCounters()
    const redisBefore = await lab.redisCalls()
    const startedAt = now()
    const records = await run.run()
    await run.drain()
    const endedAt = now()
    // The INFO call that took `redisBefore` is counted in the delta; take it out.
    const redisServerCommands = (await lab.redisCalls()) - redisBefore - 1
    const redisCommands = run.redisCommands?.() ?? 0
    await run.close()
    closed = true
    const pgAfter = await lab.pgCounters()
    return summarise({
      labCase,
      strategy: name,
      safe: strategy.safe,
      records,
      startedAt,
      endedAt,
      outcome: await lab.outcome(sale.saleId),
      pg: pgDelta(pgBefore, pgAfter),
      redisCommands,
      redisServerCommands
    })
  } finally {
    if (!closed) await run.close().catch(() => {})
  }
}

/** The machine a report was measured on. */
export interface MachineInfo {
  nproc: number
  cpu: string
  memoryBytes: number
  node: string
  platform: string
  /** 1, 5 and 15 minute load averages before and after the run. */
  loadBefore: number[]
  loadAfter: number[]
}

/** A whole lab run: options, machine, rows, and the verdict on the 20x target. */
export interface LabReport {
  startedAt: string
  finishedAt: string
  command: string
  machine: MachineInfo
  cases: LabCase[]
  strategies: StrategyName[]
  poolSize: number
  rows: LabRow[]
  /** Strategy runs that failed (the lab goes on with the next one). */
  failures: Array<{ case: string; strategy: StrategyName; error: string }>
  verdicts: TargetVerdict[]
}

/** firstcome-lua against pg-pessimistic on one case. */
export interface TargetVerdict {
  case: string
  /** firstcome-lua purchases/s over pg-pessimistic purchases/s: the target's measure. */
  ratio: number
  /** The same for requests/s (buyers answered per second), shown alongside. */
  requestRatio: number
  firstcomeOversold: number
  met: boolean
}

/** The target of the issue: firstcome >= 20x the pessimistic lock's purchases/s, zero oversell. */
export const TARGET_RATIO = 20

/** Verdicts for every case where both firstcome-lua and pg-pessimistic ran. */
export function verdicts(rows: readonly LabRow[]): TargetVerdict[] {
  const out: TargetVerdict[] = []
  for (const label of new Set(rows.map((r) => r.case))) {
    const fc = rows.find((r) => r.case === label && r.strategy === 'firstcome-lua')
    const pess = rows.find((r) => r.case === label && r.strategy === 'pg-pessimistic')
    if (!fc || !pess) continue
    const ratio = pess.buysPerSec > 0 ? fc.buysPerSec / pess.buysPerSec : Number.POSITIVE_INFINITY
    const requestRatio =
      pess.requestsPerSec > 0 ? fc.requestsPerSec / pess.requestsPerSec : Number.POSITIVE_INFINITY
    out.push({
      case: label,
      ratio,
      requestRatio,
      firstcomeOversold: fc.oversold,
      met: ratio >= TARGET_RATIO && fc.oversold === 0
    })
  }
  return out
}

/** Machine facts for the report. */
export function machineInfo(loadBefore: number[]): MachineInfo {
  return {
    nproc: os.availableParallelism(),
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memoryBytes: os.totalmem(),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
    loadBefore,
    loadAfter: os.loadavg()
  }
}

/** Options of {@link runLab}. */
export interface RunLabOptions {
  lab: LabEnvironment
  cases: readonly LabCase[]
  strategies: readonly StrategyName[]
  poolSize: number
  command: string
  /** Told after each row. */
  onRow?: (row: LabRow) => void
  /** Told when a strategy run fails. */
  onFailure?: (failure: LabReport['failures'][number]) => void
}

/** Runs every strategy on every case, one at a time (each gets the machine to itself). */
export async function runLab(options: RunLabOptions): Promise<LabReport> {
  const startedAt = new Date().toISOString()
  const loadBefore = os.loadavg()
  const rows: LabRow[] = []
  const failures: LabReport['failures'] = []
  for (const labCase of options.cases) {
    for (const name of options.strategies) {
      if (labCase.safeOnly && !strategies[name].safe) continue
      try {
        const row = await runStrategy(options.lab, name, labCase)
        rows.push(row)
        options.onRow?.(row)
      } catch (err) {
        const failure = {
          case: labCase.label,
          strategy: name,
          error: err instanceof Error ? err.message : String(err)
        }
        failures.push(failure)
        options.onFailure?.(failure)
      }
    }
  }
  return {
    startedAt,
    finishedAt: new Date().toISOString(),
    command: options.command,
    machine: machineInfo(loadBefore),
    cases: [...options.cases],
    strategies: [...options.strategies],
    poolSize: options.poolSize,
    rows,
    failures,
    verdicts: verdicts(rows)
  }
}
