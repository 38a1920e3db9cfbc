/** The shapes shared by the lab's strategies, runner and report. */

/** Every strategy the lab knows, in the order the table lists them. */
export const strategyNames = [
  'no-control',
  'mutex-1-process',
  'mutex-2-processes',
  'pg-pessimistic',
  'pg-optimistic',
  'redis-lock',
  'redis-incr-sadd',
  'firstcome-lua',
  'kafka-serial'
] as const

/** The name of one strategy. */
export type StrategyName = (typeof strategyNames)[number]

/**
 * One contended sale: `stock` units, `buyers` distinct buyers, at most `concurrency` in flight.
 * With `durationMs` it is a capacity case: buyers keep coming for that long (at most `buyers` of
 * them), against a stock that does not run out, so purchases/s is what the strategy can sustain.
 */
export interface LabCase {
  /** Row label, e.g. `coupons 100 x 100`. */
  label: string
  stock: number
  buyers: number
  concurrency: number
  /** Capacity case: new buyers stop arriving this many ms after the first. */
  durationMs?: number
  /** Run only the strategies meant to be safe (the capacity case compares those). */
  safeOnly?: boolean
}

/**
 * How one buyer's attempt ended. `won`: a purchase row was (or, for the asynchronous strategies,
 * will be) written. `sold_out`: refused because no stock was left as the strategy saw it.
 * `gave_up`: ran out of retries or of waiting time. `error`: a failure (timeout, fenced out, ...).
 */
export type Outcome = 'won' | 'sold_out' | 'gave_up' | 'error'

/** What a strategy's `buy` reports for one buyer. */
export interface BuyOutcome {
  outcome: Outcome
  /** Tries made (1 unless the strategy retries). */
  attempts: number
  /**
   * When the purchase became durable in PostgreSQL (ms, {@link now} clock), if later than the
   * answer (firstcome answers on acceptance and persists in batches). Filled in by the strategy.
   */
  durableAt?: number
}

/** One buyer's record, as the runner measured it. */
export interface BuyerRecord extends BuyOutcome {
  buyer: string
  /** When the buyer sent its first request (ms, {@link now} clock). */
  arrivedAt: number
  /** When it got its answer. */
  answeredAt: number
}

/** Connection details and the sale one strategy run works on. */
export interface LabEnv {
  /** The lab's own database. */
  databaseUrl: string
  redisUrl: string
  kafkaBrokers: readonly string[]
  /** Random Redis key prefix of this lab run. */
  redisPrefix: string
  /** Random suffix for Kafka topic and group names of this lab run. */
  kafkaSuffix: string
  /** PostgreSQL connections per strategy process (the pool's max). */
  poolSize: number
}

/** The sale under test: its id (the `lab_stock` row) and the case. */
export interface LabSale {
  saleId: string
  case: LabCase
}

/** A strategy ready to run one sale. */
export interface StrategyRun {
  /**
   * Runs every buyer of the case and returns one record per buyer. Most strategies delegate to
   * `driveBuyers`; the two-process mutex runs its buyers in child processes.
   */
  run(): Promise<BuyerRecord[]>
  /** Waits until every accepted purchase is durable (asynchronous strategies); a no-op otherwise. */
  drain(): Promise<void>
  /**
   * Redis commands this run sent (round trips; a script call counts once), counted by the client.
   * The server's INFO commandstats is shared with every other client of the server, so it cannot
   * tell this run's work apart. Absent for strategies that do not use Redis.
   */
  redisCommands?(): number
  /** Closes pools and clients (this is also what flushes their PostgreSQL statistics). */
  close(): Promise<void>
}

/** A strategy: a name, whether it claims to be correct, and how to prepare a run. */
export interface Strategy {
  name: StrategyName
  /** True when the strategy is meant never to oversell; the tests hold it to that. */
  safe: boolean
  /** One line for the report: what the strategy does. */
  summary: string
  prepare(env: LabEnv, sale: LabSale): Promise<StrategyRun>
}

/** Milliseconds on a clock shared by every process of the machine (epoch-based, sub-ms resolution). */
export function now(): number {
  return performance.timeOrigin + performance.now()
}
