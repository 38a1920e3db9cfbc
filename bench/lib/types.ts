/** Shapes shared by the scenario driver (bench/scenarios/run.ts) and its buyer workers. */

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
