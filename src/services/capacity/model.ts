/**
 * The capacity model: from the measured cost of each step of a buyer's journey (costs.ts,
 * bench/capacity-costs.json) and the shape of a sale (buyers, seats, the time it must take), the
 * operations the sale makes, the CPU-seconds each party spends on them, the cores at a target
 * utilisation, and the fleet that gives those cores within each process's own limits (one core per
 * Node process and per Redis primary, 20,000 files per process for the waiting streams). Pure: no
 * clock, no I/O; `firstcome capacity` prints it.
 */
import { COST_PARTIES, type CostParty, type CostStep, type MeasuredCosts, type PartyCost } from './costs.ts'

/** The sale to size. */
export interface SaleShape {
  buyers: number
  seats: number
  /** Seconds from the opening to the last seat sold: every buyer waits at most this long. */
  withinSec: number
  /** Seconds over which the buyers arrive at the opening (default: 10, at most `withinSec`). */
  arrivalSec?: number
  /** Admission tick, ms (one position per waiting stream per tick; default 1000). */
  tickMs?: number
  /** Seats each buyer who buys takes (default 1). */
  seatsPerBuyer?: number
  /** Buyers admitted per seat sold: some hold and leave, some lose a race (default 1.5). */
  admittedPerSeat?: number
  /** Hold requests per seat sold: taken seats, double clicks, expired holds sold again (default 1.3). */
  holdsPerSeat?: number
  /** Seat-map reads per admitted buyer (default 1). */
  seatMapReadsPerAdmitted?: number
}

/** The limits of one process of each kind, and the utilisation the fleet is sized for. */
export interface FleetLimits {
  /** Share of each core the fleet may use at its peak (default 0.6). */
  utilisation: number
  /** Cores one API process can use: Node runs the request path on one thread. */
  coresPerApiProcess: number
  /** Cores one worker process can use (one thread). */
  coresPerWorkerProcess: number
  /** Cores one Redis primary can use: commands run on one thread. */
  coresPerRedisPrimary: number
  /** Cores one Kafka broker uses (its network and request threads). */
  coresPerBroker: number
  /** Open streams per API process: its file-descriptor limit, with room for its other sockets. */
  streamsPerProcess: number
  /** Fewest brokers: a replication factor of 3 needs 3. */
  minBrokers: number
}

export const DEFAULT_LIMITS: FleetLimits = {
  utilisation: 0.6,
  coresPerApiProcess: 1,
  coresPerWorkerProcess: 1,
  coresPerRedisPrimary: 1,
  coresPerBroker: 2,
  streamsPerProcess: 20_000,
  minBrokers: 3
}

/** Stream memory when the cost file has none: 96-183 MB per 10,000 streams (docs/BENCHMARKS.md). */
const DEFAULT_STREAM_KB = 18

/** One step of the journey in the plan. */
export interface PlannedStep {
  step: CostStep
  /** Operations of the whole sale (stream-seconds for `streamSecond`). */
  ops: number
  /** µs per operation, per party, as used (scaled for the seat map and the tick). */
  us: PartyCost
  /** CPU-seconds of the whole sale, per party. */
  cpuSec: PartyCost
}

/** A stretch of the sale with its own load: the opening (joins, streams opening) and the selling. */
export interface Phase {
  name: 'opening' | 'selling'
  sec: number
  cpuSec: PartyCost
  /** Busy cores over the phase, per party. */
  cores: PartyCost
}

export interface Fleet {
  apiProcesses: number
  workerProcesses: number
  redisPrimaries: number
  brokers: number
  postgresCores: number
}

export interface CapacityPlan {
  shape: Required<SaleShape>
  limits: FleetLimits
  steps: PlannedStep[]
  /** The parties' own CPU with nothing to do (timers, polls), over the sale, for the fleet below. */
  idleCpuSec: PartyCost
  totalCpuSec: PartyCost
  phases: Phase[]
  /** The busiest phase's cores per party. */
  peakCores: PartyCost
  /** Waiting streams open at once at the peak, and their memory. */
  peakStreams: number
  streamMemoryMb: number
  fleet: Fleet
  /** Why each count of the fleet is what it is. */
  reasons: string[]
  /** Limits the sale runs into that more processes cannot lift. */
  warnings: string[]
}

function zero(): PartyCost {
  return { api: 0, workers: 0, redis: 0, postgres: 0, kafka: 0 }
}

function add(a: PartyCost, b: PartyCost, k = 1): PartyCost {
  const out = zero()
  for (const p of COST_PARTIES) out[p] = a[p] + b[p] * k
  return out
}

function sum(c: PartyCost): number {
  return COST_PARTIES.reduce((a, p) => a + c[p], 0)
}

function check(name: string, v: number, min: number): void {
  if (!Number.isFinite(v) || v < min) throw new RangeError(`${name} must be a number >= ${min}, got ${v}`)
}

/** The shape with every default filled in (and checked). */
export function completeShape(s: SaleShape): Required<SaleShape> {
  check('buyers', s.buyers, 1)
  check('seats', s.seats, 1)
  check('withinSec', s.withinSec, 1)
  const shape: Required<SaleShape> = {
    buyers: s.buyers,
    seats: s.seats,
    withinSec: s.withinSec,
    arrivalSec: Math.min(s.arrivalSec ?? 10, s.withinSec),
    tickMs: s.tickMs ?? 1000,
    seatsPerBuyer: s.seatsPerBuyer ?? 1,
    admittedPerSeat: s.admittedPerSeat ?? 1.5,
    holdsPerSeat: s.holdsPerSeat ?? 1.3,
    seatMapReadsPerAdmitted: s.seatMapReadsPerAdmitted ?? 1
  }
  check('arrivalSec', shape.arrivalSec, 0)
  check('tickMs', shape.tickMs, 1)
  check('seatsPerBuyer', shape.seatsPerBuyer, 1)
  check('admittedPerSeat', shape.admittedPerSeat, 0)
  check('holdsPerSeat', shape.holdsPerSeat, 1)
  check('seatMapReadsPerAdmitted', shape.seatMapReadsPerAdmitted, 0)
  return shape
}

/**
 * Operations of each step over the whole sale. Admitted: the buyers let in to buy (seats sold
 * over seats per buyer, times `admittedPerSeat`, at most all of them). Every buyer joins and opens
 * a waiting stream. A buyer arriving at t (spread over the arrival) who is never admitted waits
 * until the sale is over, `withinSec - t`; an admitted one is let in halfway on average.
 */
export function operations(shape: Required<SaleShape>): Record<CostStep, number> {
  const { buyers, seats, withinSec: T, arrivalSec: a } = shape
  const sold = seats
  const buying = Math.ceil(sold / shape.seatsPerBuyer)
  const admitted = Math.min(buyers, Math.ceil(buying * shape.admittedPerSeat))
  const neverAdmitted = buyers - admitted
  const streamSeconds = neverAdmitted * Math.max(0, T - a / 2) + admitted * Math.max(0, (T - a / 2) / 2)
  return {
    join: buyers,
    streamOpen: buyers,
    streamSecond: streamSeconds,
    admission: admitted,
    seatMap: admitted * shape.seatMapReadsPerAdmitted,
    hold: Math.ceil(sold * shape.holdsPerSeat),
    resultStreamOpen: admitted,
    confirm: sold,
    booking: sold,
    resultDelivery: sold,
    leave: admitted
  }
}

/** µs per operation of `step` for this sale: the seat map scales with its size, streams with the tick. */
function scaledCost(costs: MeasuredCosts, step: CostStep, shape: Required<SaleShape>): PartyCost {
  const us = { ...costs.steps[step].us }
  const k =
    step === 'seatMap'
      ? shape.seats / Math.max(1, costs.seatMapSeats)
      : step === 'streamSecond'
        ? costs.tickMs / shape.tickMs
        : 1
  for (const p of COST_PARTIES) us[p] *= k
  return us
}

/**
 * The CPU-seconds of a sale per party: each step's operations times its cost, plus the parties'
 * idle CPU over `runSec` (API and worker idle once per process).
 */
export function cpuSeconds(
  costs: MeasuredCosts,
  shape: Required<SaleShape>,
  run: { runSec: number; apiProcesses: number; workerProcesses: number }
): { steps: PlannedStep[]; idle: PartyCost; total: PartyCost } {
  const ops = operations(shape)
  const steps: PlannedStep[] = []
  let total = zero()
  for (const step of Object.keys(ops) as CostStep[]) {
    const us = scaledCost(costs, step, shape)
    const cpu = zero()
    for (const p of COST_PARTIES) cpu[p] = (ops[step] * us[p]) / 1e6
    steps.push({ step, ops: ops[step], us, cpuSec: cpu })
    total = add(total, cpu)
  }
  const idle = zero()
  const perSec = costs.idleUsPerSec
  idle.api = (perSec.api / 1e6) * run.runSec * run.apiProcesses
  idle.workers = (perSec.workers / 1e6) * run.runSec * run.workerProcesses
  for (const p of ['redis', 'postgres', 'kafka'] as const) idle[p] = (perSec[p] / 1e6) * run.runSec
  return { steps, idle, total: add(total, idle) }
}

const OPENING_STEPS: ReadonlySet<CostStep> = new Set(['join', 'streamOpen'])

function phases(plan: { steps: PlannedStep[]; shape: Required<SaleShape> }): Phase[] {
  const { withinSec: T, arrivalSec: a } = plan.shape
  // The opening: every join and stream opening, and the streams open meanwhile (half on average).
  let opening = zero()
  let selling = zero()
  for (const s of plan.steps) {
    if (OPENING_STEPS.has(s.step)) opening = add(opening, s.cpuSec)
    else if (s.step === 'streamSecond') {
      const openingShare = (plan.shape.buyers * a) / 2
      const share = s.ops > 0 ? Math.min(1, openingShare / s.ops) : 0
      opening = add(opening, s.cpuSec, share)
      selling = add(selling, s.cpuSec, 1 - share)
    } else selling = add(selling, s.cpuSec)
  }
  const out: Phase[] = []
  const cores = (cpu: PartyCost, sec: number) => {
    const c = zero()
    for (const p of COST_PARTIES) c[p] = cpu[p] / sec
    return c
  }
  if (a > 0 && T - a > 0) {
    out.push({ name: 'opening', sec: a, cpuSec: opening, cores: cores(opening, a) })
    out.push({ name: 'selling', sec: T - a, cpuSec: selling, cores: cores(selling, T - a) })
  } else {
    const all = add(opening, selling)
    out.push({ name: 'selling', sec: T, cpuSec: all, cores: cores(all, T) })
  }
  return out
}

const fmt = (x: number, d = 2) => x.toFixed(d)

/** Sizes the fleet for a sale: the plan with its reasons. */
export function planCapacity(
  costs: MeasuredCosts,
  input: SaleShape,
  limitsIn: Partial<FleetLimits> = {}
): CapacityPlan {
  const shape = completeShape(input)
  const limits: FleetLimits = { ...DEFAULT_LIMITS, ...limitsIn }
  check('utilisation', limits.utilisation, 0.01)
  if (limits.utilisation > 1) throw new RangeError('utilisation must be at most 1')
  const u = limits.utilisation
  // The steps first without idle: the fleet decides how many processes idle.
  const work = cpuSeconds(costs, shape, { runSec: 0, apiProcesses: 0, workerProcesses: 0 })
  const ph = phases({ steps: work.steps, shape })
  const peakCores = zero()
  for (const p of COST_PARTIES) peakCores[p] = Math.max(...ph.map((x) => x.cores[p]))
  // Every buyer is waiting just after the opening, before admission has let many in.
  const peakStreams = shape.buyers
  const streamKb = costs.streamKb ?? DEFAULT_STREAM_KB
  const streamMemoryMb = (peakStreams * streamKb) / 1024
  const idlePerSec = costs.idleUsPerSec

  const reasons: string[] = []
  const warnings: string[] = []
  // Each process's own idle CPU counts against its core.
  const apiIdleCores = idlePerSec.api / 1e6
  const apiByCpu = Math.ceil(peakCores.api / Math.max(0.01, limits.coresPerApiProcess * u - apiIdleCores))
  const apiByStreams = Math.ceil(peakStreams / limits.streamsPerProcess)
  const apiProcesses = Math.max(1, apiByCpu, apiByStreams)
  reasons.push(
    `API processes ${apiProcesses}: ${fmt(peakCores.api)} cores at the peak / (${limits.coresPerApiProcess} core x ${u} - ${fmt(apiIdleCores, 3)} idle) = ${apiByCpu} by CPU; ` +
      `${peakStreams.toLocaleString('en')} waiting streams / ${limits.streamsPerProcess.toLocaleString('en')} per process = ${apiByStreams} by files; ` +
      `${Math.round(streamMemoryMb).toLocaleString('en')} MB of streams (${streamKb} KB each), ${Math.round(streamMemoryMb / apiProcesses).toLocaleString('en')} MB per process`
  )
  const workerIdleCores = idlePerSec.workers / 1e6
  const workerProcesses = Math.max(
    1,
    Math.ceil(peakCores.workers / Math.max(0.01, limits.coresPerWorkerProcess * u - workerIdleCores))
  )
  reasons.push(
    `worker processes ${workerProcesses}: ${fmt(peakCores.workers)} cores at the peak (admission ticks, booking consumers, outbox relay) / (${limits.coresPerWorkerProcess} core x ${u} - ${fmt(workerIdleCores, 3)} idle)`
  )
  const redisCores = peakCores.redis + idlePerSec.redis / 1e6
  const redisPrimaries = Math.max(1, Math.ceil(redisCores / (limits.coresPerRedisPrimary * u)))
  reasons.push(
    `Redis primaries ${redisPrimaries}: ${fmt(redisCores)} cores at the peak / (${limits.coresPerRedisPrimary} core x ${u}); a primary runs its commands on one thread`
  )
  if (redisPrimaries > 1)
    warnings.push(
      `one sale's keys share one hash slot, so one primary (one core) serves the whole sale: at ${fmt(redisCores)} Redis cores this sale is over one primary's ${fmt(limits.coresPerRedisPrimary * u)} at ${u} utilisation; more primaries help several sales at once, not this one: give it longer (--within) or a longer tick`
    )
  const kafkaCores = peakCores.kafka + idlePerSec.kafka / 1e6
  const brokersByCpu = Math.ceil(kafkaCores / (limits.coresPerBroker * u))
  const brokers = Math.max(limits.minBrokers, brokersByCpu)
  reasons.push(
    `Kafka brokers ${brokers}: ${fmt(kafkaCores)} cores at the peak / (${limits.coresPerBroker} cores x ${u}) = ${brokersByCpu}, at least ${limits.minBrokers} for a replication factor of 3`
  )
  const pgCores = peakCores.postgres + idlePerSec.postgres / 1e6
  const postgresCores = Math.max(1, Math.ceil(pgCores / u))
  reasons.push(
    `PostgreSQL: one primary with ${postgresCores} cores: ${fmt(pgCores)} cores at the peak / ${u}`
  )
  const fleet: Fleet = { apiProcesses, workerProcesses, redisPrimaries, brokers, postgresCores }
  const idle = zero()
  idle.api = (idlePerSec.api / 1e6) * shape.withinSec * apiProcesses
  idle.workers = (idlePerSec.workers / 1e6) * shape.withinSec * workerProcesses
  for (const p of ['redis', 'postgres', 'kafka'] as const) idle[p] = (idlePerSec[p] / 1e6) * shape.withinSec
  return {
    shape,
    limits,
    steps: work.steps,
    idleCpuSec: idle,
    totalCpuSec: add(work.total, idle),
    phases: ph,
    peakCores,
    peakStreams,
    streamMemoryMb,
    fleet,
    reasons,
    warnings
  }
}

const PARTY_LABEL: Record<CostParty, string> = {
  api: 'API',
  workers: 'workers',
  redis: 'Redis',
  postgres: 'PostgreSQL',
  kafka: 'Kafka'
}

function pad(s: string, n: number, right = true): string {
  return right ? s.padStart(n) : s.padEnd(n)
}

/** The plan as text: the fleet, the reasons, and the table of steps it rests on. */
export function renderPlan(plan: CapacityPlan, costs: Pick<MeasuredCosts, 'measuredAt' | 'command'>): string {
  const s = plan.shape
  const lines: string[] = []
  const n = (x: number) => Math.round(x).toLocaleString('en')
  lines.push(
    `A sale of ${n(s.buyers)} buyers for ${n(s.seats)} seats within ${n(s.withinSec)} s ` +
      `(arrivals over ${n(s.arrivalSec)} s, tick ${n(s.tickMs)} ms, ${s.admittedPerSeat} admitted and ${s.holdsPerSeat} holds per seat, utilisation ${plan.limits.utilisation})`
  )
  lines.push('')
  lines.push('Fleet:')
  lines.push(`  API processes      ${plan.fleet.apiProcesses}`)
  lines.push(`  worker processes   ${plan.fleet.workerProcesses}`)
  lines.push(`  Redis primaries    ${plan.fleet.redisPrimaries}`)
  lines.push(`  Kafka brokers      ${plan.fleet.brokers}`)
  lines.push(`  PostgreSQL         1 primary, ${plan.fleet.postgresCores} cores`)
  lines.push('')
  lines.push('Why:')
  for (const r of plan.reasons) lines.push(`  - ${r}`)
  for (const w of plan.warnings) lines.push(`  ! ${w}`)
  lines.push('')
  const head = ['step', 'operations', ...COST_PARTIES.map((p) => `${PARTY_LABEL[p]} µs`), 'CPU-s']
  const widths = [17, 12, 10, 10, 10, 14, 10, 9]
  lines.push(head.map((h, i) => pad(h, widths[i] as number, i > 0)).join(' '))
  for (const st of plan.steps) {
    lines.push(
      [
        pad(st.step, widths[0] as number, false),
        pad(n(st.ops), widths[1] as number),
        ...COST_PARTIES.map((p, i) => pad(st.us[p].toFixed(st.us[p] < 10 ? 1 : 0), widths[i + 2] as number)),
        pad(sum(st.cpuSec).toFixed(1), widths[7] as number)
      ].join(' ')
    )
  }
  lines.push(
    [
      pad('idle (processes)', widths[0] as number, false),
      pad('', widths[1] as number),
      ...COST_PARTIES.map((p, i) => pad(plan.idleCpuSec[p].toFixed(1), widths[i + 2] as number)),
      pad(sum(plan.idleCpuSec).toFixed(1), widths[7] as number)
    ].join(' ')
  )
  lines.push(
    `CPU-seconds: ${COST_PARTIES.map((p) => `${PARTY_LABEL[p]} ${plan.totalCpuSec[p].toFixed(1)}`).join(', ')}; total ${sum(plan.totalCpuSec).toFixed(1)}`
  )
  for (const p of plan.phases)
    lines.push(
      `  ${p.name} (${n(p.sec)} s): ${COST_PARTIES.map((q) => `${PARTY_LABEL[q]} ${p.cores[q].toFixed(2)}`).join(', ')} cores busy`
    )
  lines.push('')
  lines.push(`Costs measured ${costs.measuredAt} (${costs.command}); idle cost is per process per second.`)
  return `${lines.join('\n')}\n`
}
