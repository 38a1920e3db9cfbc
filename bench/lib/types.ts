/** Shapes shared by the bench's scenario driver (bench/scenarios/run-sale.ts), its buyer workers, the invariant check and the report. */
import type { Ceilings } from './ceilings.ts'
import type { Summary } from './stats.ts'

/** What a virtual buyer does besides buying. */
export type Role = 'buyer' | 'abandoner' | 'refresher' | 'doubleClicker' | 'bot'

/** Where a buyer is in the journey (the live progress line counts buyers per phase). */
export type Phase =
  | 'idle'
  | 'joining'
  | 'waiting'
  | 'shopping'
  | 'paying'
  | 'result'
  | 'bought'
  | 'failed'
  | 'soldOut'
  | 'abandoned'
  | 'blocked'
  | 'gaveUp'

export const PHASES: readonly Phase[] = [
  'idle',
  'joining',
  'waiting',
  'shopping',
  'paying',
  'result',
  'bought',
  'failed',
  'soldOut',
  'abandoned',
  'blocked',
  'gaveUp'
]

/** The latency steps reported (ms). */
export type Step = 'join' | 'admittedWait' | 'hold' | 'confirm' | 'leave' | 'result'
export const STEPS: readonly Step[] = ['join', 'admittedWait', 'hold', 'confirm', 'leave', 'result']

/** One buyer handed to a worker: who, which role, when to start (ms since epoch). */
export interface BuyerPlan {
  userId: string
  role: Role
  startAt: number
}

/** The parent's start message to a worker. */
export interface WorkerStart {
  type: 'start'
  base: string
  saleId: string
  kind: 'seated' | 'coupon'
  /** Seat ids in the order this worker tries them (a seat map's view; seated sales only). */
  seatOrder: string[]
  /** Seats each buyer wants (the per-user limit is checked against this). */
  seatsPerBuyer: number
  buyers: BuyerPlan[]
  localAddress: string
  /** HS256 secret to sign bearer tokens locally; without it, POST /v1/dev/token. */
  jwtSecret?: string
  difficulty: number
  /** Share of payments simulated as declined (0-1). */
  declineShare: number
  /** No buyer step starts after this (ms since epoch); results are awaited until `resultDeadline`. */
  deadline: number
  resultDeadline: number
  /** Pooled connections per worker for request/response calls. */
  connections: number
}

/** A reservation or claim the API accepted (202), and what became of it as the buyer saw it. */
export interface AcceptedRecord {
  userId: string
  id: string
  acceptedAt: number
  /** confirmed / failed / expired, or undefined when no result reached the buyer in time. */
  status?: string
  terminalAt?: number
  via?: 'sse' | 'poll'
}

/** Per-second report of a worker. */
export interface WorkerTick {
  type: 'tick'
  at: number
  phases: Record<Phase, number>
  requests: number
  /** Non-2xx answers and transport errors since the last tick, by code (FC_* or HTTP status or `net`). */
  errors: Record<string, number>
  sseOpen: number
}

/** The final report of a worker. */
export interface WorkerDone {
  type: 'done'
  samples: Record<Step, number[]>
  /** Samples with their step-end time (ms since epoch), for per-window percentiles (ramp, soak). */
  timed: Array<[Step, number, number]>
  accepted: AcceptedRecord[]
  errors: Record<string, number>
  requests: number
  phases: Record<Phase, number>
  /** Idempotency: double clicks sent, and how many yielded two different effects (must be 0). */
  doubleClicks: { sent: number; divergent: number }
  bots: { count: number; refused: number; refusedBy: Record<string, number>; admittedThrough: number }
  refreshes: number
  /** Polls by waiting buyers whose stream had said nothing for 20 s while the queue was open. */
  silencePolls: number
  /** How admitted buyers learned it: the stream's `admitted` event, or a poll (reload, silence). */
  admittedVia: { sse: number; refresh: number; silence: number }
  /** Holds a buyer was refused with FC_LIMIT_REACHED (per-user limit working). */
  limitRefusals: number
}

export type WorkerMessage = WorkerTick | WorkerDone | { type: 'error'; message: string }

export function emptyPhases(): Record<Phase, number> {
  return Object.fromEntries(PHASES.map((p) => [p, 0])) as Record<Phase, number>
}

/** One second of the run. */
export interface TimelinePoint {
  t: number
  phases: Record<Phase, number>
  reqPerSec: number
  errors: Record<string, number>
  sseOpen: number
  stock?: { available: number; held: number; pending: number; confirmed: number }
  queue?: { waiting: number; active: number; finished: number }
  consumerLag?: number
  serverRssMb?: number
  serverFds?: number
  redisMemMb?: number
  redisOpsPerSec?: number
  /** CPU used since the previous point, in cores: API processes, load-generator processes, Redis. */
  cpu?: { api: number; load: number; redis: number }
}

/** One sale of a bench run, as the report shows it. */
export interface SaleRunResult {
  label: string
  saleId: string
  buyers: number
  capacity: number
  startedAt: string
  durationSec: number
  /** Seconds from the opening until no unit was available (every unit held, pending or sold). */
  sellOutSec: number | null
  /** Seconds from the opening until every unit was confirmed. */
  allConfirmedSec: number | null
  latencyMs: Record<Step, Summary>
  requests: number
  reqPerSec: number
  /** Confirmed units per second between the opening and the last confirmation. */
  confirmedPerSec: number | null
  errors: Record<string, number>
  phases: Record<Phase, number>
  roles: Record<Role, number>
  doubleClicks: { sent: number; divergent: number }
  bots: WorkerDone['bots']
  refreshes: number
  /** Polls by waiting buyers whose stream had been silent for 20 s while the queue was open. */
  silencePolls: number
  /** How admitted buyers learned it: pushed on the stream, or by a poll (after a reload, after silence). */
  admittedVia: { sse: number; refresh: number; silence: number }
  limitRefusals: number
  resultsVia: { sse: number; poll: number; none: number }
  redis?: {
    usedMemoryMbBefore: number
    usedMemoryMbAfter: number
    peakMemoryMb: number
    commands: number
    commandsPerSec: number
    topCommands: Record<string, number>
  }
  timeline: TimelinePoint[]
  /** Per-10-second-window p95 of each step (ramp and soak read drift from these). */
  windows: Array<{ fromSec: number; p95: Partial<Record<Step, number>>; n: Partial<Record<Step, number>> }>
  /**
   * CPU seconds of the system under test from before the buyers start to quiescence (own server
   * only): the API processes (with their workers), Redis, this sale's PostgreSQL backends and the
   * Kafka broker (less its idle rate, taken over 3 s before the start: the broker may be shared);
   * and the load generator's processes, apart.
   */
  serverCpu?: {
    wallSec: number
    api: number
    redis: number
    postgres: number
    kafka: number
    kafkaIdlePerSec: number
    total: number
    loadgen: number
  }
  invariants: InvariantReport
}

/** One check of the invariant verdict at the end of a run. */
export interface Check {
  name: string
  ok: boolean
  detail: string
}

/** The invariant verdict at the end of a run (bench/lib/invariants.ts). */
export interface InvariantReport {
  passed: boolean
  oversold: number
  duplicates: number
  lost: number
  /** Accepted requests whose result no buyer saw (push or poll) before giving up waiting. */
  unseenResults: number
  perUserViolations: number
  confirmed: number
  failed: number
  /** Seconds from the sell-out to the last accepted request's terminal state (DB, else client). */
  lastTerminalAfterSellOutSec: number | null
  reconcile: { ran: boolean; drift: unknown[]; busy?: boolean; note?: string }
  checks: Check[]
}

/** The kinds of run of `firstcome bench`. */
export type Scenario = 'spike' | 'ramp' | 'soak'

/** A bench run's report: written by bench/lib/report.ts, returned by runBench (bench/scenarios/index.ts). */
export interface BenchReport {
  scenario: Scenario
  command: string
  date: string
  machine: { cpus: number; model: string; memGb: number; node: string; platform: string }
  options: Record<string, unknown>
  sales: SaleRunResult[]
  ceilings: Ceilings | null
  ratios: Record<string, number | null>
  passed: boolean
  durationSec: number
  files: { json: string; markdown: string; html: string; png: string | null }
}
