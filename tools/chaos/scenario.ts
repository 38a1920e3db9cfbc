/** What the chaos run is given, what it reports, and the fixed numbers its parts share. */
import { KeyBuilder } from '../../src/adapters/redis/keys.ts'

/** Options of `runChaos` (chaos-run.ts). */
export interface ChaosOptions {
  root: string
  /** Seconds of load; the faults are spread over it. */
  durationSec: number
  users: number
  /** Seats of the sale (default: 3/4 of users x per-user limit, so it sells out). */
  seats?: number
  /** The faults to inject, in this order (default: every one of {@link FAULT_NAMES}). */
  faults?: readonly FaultName[]
  onEvent?: (line: string) => void
}

/**
 * Every fault of the run, in the order a full run injects them. The first six kill or stop one
 * part; the last four take a whole service's data or writes away, or shift a process's clock.
 */
export const FAULT_NAMES = [
  'api-kill',
  'worker-kill',
  'broker-kill',
  'redis-primary-kill',
  'postgres-restart',
  'worker-stop',
  'redis-data-loss',
  'kafka-down',
  'postgres-read-only',
  'clock-skew'
] as const
export type FaultName = (typeof FAULT_NAMES)[number]

/** What one fault did and how long the system took to recover from it. */
export interface FaultResult {
  /** Which fault ({@link FAULT_NAMES}). */
  name: FaultName
  fault: string
  injectedAt: number
  /** Until the part that was hit serves again (see each fault's `measure`). */
  recoveryMs: number | null
  measure: string
  /** What the fault's own checks found while it lasted (empty when they all held). */
  problems: string[]
}

/** One checked invariant. */
export interface InvariantResult {
  name: string
  ok: boolean
  detail: string
}

/** The outcome of a chaos run. */
export interface ChaosReport {
  passed: boolean
  durationMs: number
  capacity: number
  accepted: number
  confirmed: number
  failed: number
  /** Accepted reservations (202) that never reached a terminal state: must be 0. */
  lost: number
  /** For each of the first lost ones: when it was accepted and where its state was found. */
  lostDetail: string[]
  /** Confirmed reservations beyond capacity or twice on a seat: must be 0. */
  oversold: number
  /** From the end of the load until every accepted reservation was terminal (null: not within 90 s). */
  settledMs: number | null
  /** Dead letters recorded for the sale (a booking the pipeline gave up on waits for an operator). */
  deadLetters: number
  /** Accepted reservations that ended failed, by reason (payment declines, requests the reconciler settled). */
  failedReasons: Record<string, number>
  /** Buyers admitted, and in how many distinct admission ticks (I7 compares their order). */
  admission: { admitted: number; ticks: number; outOfOrder: number }
  faults: FaultResult[]
  invariants: InvariantResult[]
  requests: { ok: number; retried: number }
}

export const PER_USER = 2
export const ACCESS_TTL_SEC = 900
/** The workers' Kafka session timeout (the consumer adapter's default). */
export const SESSION_TIMEOUT_MS = 10_000

/** A reservation the API accepted (202), with what it takes to replay its confirm. */
export interface Accepted {
  userId: string
  holdId: string
  key: string
  access: string
  /** When the 202 arrived (ms since the epoch). */
  acceptedAt: number
}
export const SECRET = 'chaos-secret-chaos-secret-chaos-secret-00'
/** The run's processes use the default key prefix. */
export const KEYS = new KeyBuilder()
