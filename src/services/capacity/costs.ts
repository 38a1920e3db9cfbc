/**
 * The measured cost of each step of a buyer's journey, as `npm run bench:costs` writes it
 * (bench/capacity-costs.json): CPU microseconds per operation for each party of the system.
 */

/** Who spends the CPU: the API process, the worker process, Redis, PostgreSQL, the Kafka broker. */
export const COST_PARTIES = ['api', 'workers', 'redis', 'postgres', 'kafka'] as const
export type CostParty = (typeof COST_PARTIES)[number]

/**
 * The steps, one operation each:
 *   join              POST /v1/events/:id/queue
 *   streamOpen        opening the waiting stream (GET .../queue/stream) up to its first position
 *   streamSecond      one second of an open waiting stream (its position every tick)
 *   admission         one buyer let in by the admission tick, up to `admitted` on its stream
 *   seatMap           GET /v1/events/:id/seats (of a map of `seatMapSeats` seats)
 *   hold              POST /v1/events/:id/holds
 *   resultStreamOpen  opening /v1/me/stream
 *   confirm           POST /v1/holds/:id/confirm (payment and hand-off to the pipeline)
 *   booking           the booking's consumer and PostgreSQL work, up to its result in the outbox
 *   resultDelivery    the result reaching the buyer's /v1/me/stream
 *   leave             DELETE /v1/events/:id/queue
 */
export const COST_STEPS = [
  'join',
  'streamOpen',
  'streamSecond',
  'admission',
  'seatMap',
  'hold',
  'resultStreamOpen',
  'confirm',
  'booking',
  'resultDelivery',
  'leave'
] as const
export type CostStep = (typeof COST_STEPS)[number]

export type PartyCost = Record<CostParty, number>

/** One step's measurement: the median over the repeats, per party, and the spread. */
export interface StepCost {
  /** CPU microseconds per operation, per party (median of the repeats). */
  us: PartyCost
  /** Lowest and highest µs per operation over the repeats, per party. */
  spread?: Record<CostParty, [number, number]>
  /** Lowest and highest total µs per operation over the repeats. */
  totalSpread?: [number, number]
  /** Wall time of the step in each repeat, seconds. */
  wallSec?: number[]
}

export interface MeasuredCosts {
  measuredAt: string
  command: string
  machine: {
    cpus: number
    model: string
    memGb: number
    node: string
    shared: boolean
    loadAvg?: number[]
  }
  opsPerStep: number
  repeats: number
  /** The admission tick the stream-second was measured with (one position per stream per tick). */
  tickMs: number
  /** Seats of the map the seat-map reads were measured on. */
  seatMapSeats: number
  /** CPU microseconds per second of each party with one open sale and nothing happening. */
  idleUsPerSec: PartyCost
  /** Resident memory per open waiting stream in the API process, KB (when measured). */
  streamKb?: number
  steps: Record<CostStep, StepCost>
}
