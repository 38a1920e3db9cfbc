import type { PgCounters, SaleOutcome } from './lab-environment.ts'
import type { BuyerRecord, LabCase, StrategyName } from './types.ts'

/** One row of the lab's table: one strategy on one case. */
export interface LabRow {
  case: string
  strategy: StrategyName
  /** Whether the strategy is meant never to oversell. */
  safe: boolean
  stock: number
  /** Buyers who came (the case's buyers, or fewer in a capacity case that hit its time limit). */
  buyers: number
  concurrency: number
  /** Capacity case: how long buyers kept arriving. */
  durationMs?: number
  /** Purchase rows in PostgreSQL: what buyers actually got. */
  sold: number
  /** `remaining` on the stock row after the run. */
  remaining: number
  /** sold - stock, when positive. */
  oversold: number
  /** Decrements the stock row lost: sold - (stock - remaining), when positive (seed 001: "79 left"). */
  lostUpdates: number
  /** Units never sold although buyers were turned away: min(stock, arrived) - sold, when positive. */
  undersold: number
  /** Buyers by outcome, as they were answered. */
  outcomes: { won: number; soldOut: number; gaveUp: number; errors: number }
  /** Tries over all buyers (> buyers when a strategy retries). */
  attempts: number
  /** From the first arrival until every answer is in and every accepted purchase is durable. */
  elapsedMs: number
  /** From the first arrival until the last purchase was durable. */
  selloutMs: number
  /** Successful purchases per second of sell-out time: sold / selloutMs. */
  buysPerSec: number
  /** Buyers answered per second of the whole run: buyers / elapsedMs. */
  requestsPerSec: number
  /** Per-buyer latency, first request to answer (all outcomes, retries included). */
  p50Ms: number
  p99Ms: number
  /** Share of the first min(stock, buyers) arrivals who won: 1 = strictly first come, first served. */
  firstNWon: number
  /** PostgreSQL work during the run (pg_stat_database deltas of the lab database). */
  pg: PgCounters & { xactPerSec: number }
  /** Redis commands the strategy sent (client-side count; a script call is one). */
  redisCommands: number
  /**
   * INFO commandstats delta during the run: includes the commands run inside scripts, but also
   * every other client of the server (other test suites on a shared machine).
   */
  redisServerCommands: number
}

/** Nearest-rank percentile of unsorted values; 0 for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)))
  return sorted[rank - 1]!
}

/** The counters' increase from `before` to `after`. */
export function pgDelta(before: PgCounters, after: PgCounters): PgCounters {
  return {
    xactCommit: after.xactCommit - before.xactCommit,
    xactRollback: after.xactRollback - before.xactRollback,
    tupUpdated: after.tupUpdated - before.tupUpdated,
    tupInserted: after.tupInserted - before.tupInserted,
    deadlocks: after.deadlocks - before.deadlocks
  }
}

/** Everything measured for one strategy on one case. */
export interface RunMeasurement {
  labCase: LabCase
  strategy: StrategyName
  safe: boolean
  records: readonly BuyerRecord[]
  startedAt: number
  endedAt: number
  outcome: SaleOutcome
  pg: PgCounters
  redisCommands: number
  redisServerCommands: number
}

/** Turns one run's raw measurements into a table row. */
export function summarise(m: RunMeasurement): LabRow {
  const { labCase, records, outcome } = m
  const count = (o: BuyerRecord['outcome']) => records.filter((r) => r.outcome === o).length
  const winners = records.filter((r) => r.outcome === 'won')
  const lastDurable = winners.reduce((max, r) => Math.max(max, r.durableAt ?? r.answeredAt), m.startedAt)
  const elapsedMs = m.endedAt - m.startedAt
  const selloutMs = winners.length > 0 ? lastDurable - m.startedAt : elapsedMs
  // Buyers who came: every buyer of the case, except in a capacity case, which stops arrivals at
  // its time limit.
  const arrived = records.length
  const firstN = Math.min(labCase.stock, arrived)
  const byArrival = [...records].sort((a, b) => a.arrivedAt - b.arrivedAt)
  const firstWon = byArrival.slice(0, firstN).filter((r) => r.outcome === 'won').length
  return {
    case: labCase.label,
    strategy: m.strategy,
    safe: m.safe,
    stock: labCase.stock,
    buyers: arrived,
    concurrency: labCase.concurrency,
    ...(labCase.durationMs !== undefined ? { durationMs: labCase.durationMs } : {}),
    sold: outcome.sold,
    remaining: outcome.remaining,
    oversold: Math.max(0, outcome.sold - outcome.stock),
    lostUpdates: Math.max(0, outcome.sold - (outcome.stock - outcome.remaining)),
    undersold: Math.max(0, Math.min(outcome.stock, arrived) - outcome.sold),
    outcomes: {
      won: winners.length,
      soldOut: count('sold_out'),
      gaveUp: count('gave_up'),
      errors: count('error')
    },
    attempts: records.reduce((sum, r) => sum + r.attempts, 0),
    elapsedMs,
    selloutMs,
    buysPerSec: selloutMs > 0 ? (outcome.sold / selloutMs) * 1000 : 0,
    requestsPerSec: elapsedMs > 0 ? (records.length / elapsedMs) * 1000 : 0,
    p50Ms: percentile(
      records.map((r) => r.answeredAt - r.arrivedAt),
      50
    ),
    p99Ms: percentile(
      records.map((r) => r.answeredAt - r.arrivedAt),
      99
    ),
    firstNWon: firstN > 0 ? firstWon / firstN : 1,
    pg: {
      ...m.pg,
      xactPerSec: elapsedMs > 0 ? ((m.pg.xactCommit + m.pg.xactRollback) / elapsedMs) * 1000 : 0
    },
    redisCommands: m.redisCommands,
    redisServerCommands: m.redisServerCommands
  }
}
