/**
 * One sale under load: creates it on the system under test, spreads the virtual buyers over worker
 * processes (each on its own 127.0.0.x), prints a compact progress line per second, detects the
 * sell-out, waits for quiescence and runs the invariant check.
 */
import { type ChildProcess, fork } from 'node:child_process'
import { readdir } from 'node:fs/promises'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import { createClient } from 'redis'
import { checkInvariants } from '../lib/invariants.ts'
import { cpuSec, rssMb } from '../lib/proc.ts'
import { kafkaBrokerPid, readServerCpu, type ServerCpuReading, serverCpuBetween } from '../lib/server-cpu.ts'
import { addCounts, type Summary, summarize } from '../lib/stats.ts'
import { adminCall, type Sut } from '../lib/sut.ts'
import {
  type AcceptedRecord,
  type BuyerPlan,
  emptyPhases,
  PHASES,
  type Role,
  type SaleRunResult,
  STEPS,
  type Step,
  type TimelinePoint,
  type WorkerDone,
  type WorkerMessage,
  type WorkerStart,
  type WorkerTick
} from '../lib/types.ts'

const WORKER = fileURLToPath(new URL('../child/buyer-worker.ts', import.meta.url))

export interface Shares {
  abandoners: number
  refreshers: number
  doubleClickers: number
  bots: number
}

export interface SaleRunOptions {
  sut: Sut
  root: string
  label: string
  kind: 'seated' | 'coupon'
  buyers: number
  seats: number
  perUserLimit: number
  /** When buyer i starts, in ms after the opening. */
  arrival: (i: number) => number
  /** No buyer starts a step later than this many seconds after the opening. */
  timeLimitSec: number
  /** Seconds after the time limit that buyers still wait for results. */
  resultWaitSec: number
  workers: number
  connectionsPerWorker: number
  shares: Shares
  difficulty: number
  declineShare: number
  admission: { ratePerSec: number; maxActive: number; accessTtlSec: number }
  holdTtlSec: number
  say: (line: string) => void
  /** Stop the sale when it is fully confirmed (spike, ramp); soak keeps going to the time limit. */
  stopAtSellOut: boolean
}

function roleOf(i: number, s: Shares): Role {
  // A low-discrepancy sequence spreads each role evenly over the arrival order.
  const x = (i * 0.6180339887498949) % 1
  let edge = s.bots
  if (x < edge) return 'bot'
  edge += s.abandoners
  if (x < edge) return 'abandoner'
  edge += s.refreshers
  if (x < edge) return 'refresher'
  edge += s.doubleClickers
  if (x < edge) return 'doubleClicker'
  return 'buyer'
}

/** Rows x seats-per-row for `seats` seats (at most 1000 rows, 1000 per row). */
export function seatLayout(seats: number): { rows: number; perRow: number } {
  for (let perRow = Math.min(1000, seats); perRow >= 1; perRow--) {
    if (seats % perRow === 0 && seats / perRow <= 1000 && perRow <= 100)
      return { rows: seats / perRow, perRow }
  }
  return { rows: Math.ceil(seats / 100), perRow: 100 }
}

async function procInfo(pids: number[]): Promise<{ rssMb: number; fds: number }> {
  let rss = 0
  let fds = 0
  for (const pid of pids) {
    rss += await rssMb(pid)
    fds += (await readdir(`/proc/${pid}/fd`).catch(() => [])).length
  }
  return { rssMb: Math.round(rss), fds }
}

/** CPU seconds (user + system) the processes have used so far (a process that is gone counts 0). */
async function cpuSeconds(pids: readonly number[]): Promise<number> {
  let sec = 0
  for (const pid of pids) sec += (await cpuSec(pid)) || 0
  return sec
}

function infoField(info: string, name: string): number {
  const m = new RegExp(`^${name}:([0-9.]+)`, 'm').exec(info)
  return m ? Number(m[1]) : Number.NaN
}

export async function runSale(o: SaleRunOptions): Promise<SaleRunResult> {
  const { sut, say } = o
  const layout = seatLayout(o.seats)
  const body: Record<string, unknown> = {
    name: `bench ${o.label}`,
    kind: o.kind,
    perUserLimit: o.perUserLimit,
    admission: o.admission,
    ...(o.difficulty > 0 ? { challenge: { difficulty: o.difficulty } } : {})
  }
  if (o.kind === 'seated') {
    body.seats = { sections: [{ name: 'A', rows: layout.rows, seatsPerRow: layout.perRow, price: 5000 }] }
    body.holdTtlSec = o.holdTtlSec
  } else body.quantity = o.seats
  const created = await adminCall(sut, 'POST', '/v1/admin/events', body)
  if (created.status !== 201)
    throw new Error(`create sale: ${created.status} ${JSON.stringify(created.body)}`)
  const saleId = String(created.body.id)
  const capacity = Number(created.body.capacity ?? o.seats)
  const seatIds: string[] = []
  if (o.kind === 'seated')
    for (let r = 1; r <= layout.rows; r++)
      for (let n = 1; n <= layout.perRow; n++) seatIds.push(`A-${r}-${n}`)
  for (let i = seatIds.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1))
    ;[seatIds[i], seatIds[j]] = [seatIds[j] as string, seatIds[i] as string]
  }

  const redis = sut.own ? createClient({ url: sut.own.redisUrl }) : undefined
  await redis?.connect()
  const info = async (section: string) => (redis ? await redis.info(section) : '')
  const memBefore = infoField(await info('memory'), 'used_memory') / 2 ** 20
  const cmdBefore = await info('commandstats')
  const totalBefore = infoField(await info('stats'), 'total_commands_processed')

  // Buyers start a little after the workers are up, all relative to one opening instant.
  const workers = Math.max(1, o.workers)
  const opening = Date.now() + 1500 + workers * 300
  const deadline = opening + o.timeLimitSec * 1000
  const resultDeadline = deadline + o.resultWaitSec * 1000
  const roles: Record<Role, number> = { buyer: 0, abandoner: 0, refresher: 0, doubleClicker: 0, bot: 0 }
  const plans: BuyerPlan[][] = Array.from({ length: workers }, () => [])
  const tag = saleId.slice(-6)
  for (let i = 0; i < o.buyers; i++) {
    const role = roleOf(i, o.shares)
    roles[role]++
    plans[i % workers]?.push({ userId: `b${tag}-${i}`, role, startAt: opening + o.arrival(i) })
  }

  // The server's CPU from here (before any buyer process starts) to quiescence; the broker's idle
  // rate first, over 3 s, as it may serve other work too.
  const brokerPid = sut.own ? await kafkaBrokerPid() : undefined
  const readCpu = async (): Promise<ServerCpuReading | undefined> =>
    sut.own
      ? readServerCpu({
          apiPids: await sut.own.pids(),
          infoCpu: () => info('cpu'),
          database: new URL(sut.own.databaseUrl).pathname.slice(1),
          kafkaPid: brokerPid
        })
      : undefined
  const kafkaIdle0 = await readCpu()
  await sleep(kafkaIdle0 ? 3000 : 0)
  const cpuStart = await readCpu()
  const children: ChildProcess[] = []
  const latest = new Map<number, WorkerTick>()
  const tickRequests = new Map<number, number>()
  const tickErrors: Record<string, number> = {}
  const done: WorkerDone[] = []
  const finished = Promise.all(
    plans.map(
      (buyers, k) =>
        new Promise<void>((resolve, reject) => {
          const child = fork(WORKER, [], {
            // BENCH_LOADGEN_PROF=<dir>: a V8 CPU profile of each load-generator process there.
            execArgv: [
              '--import',
              'tsx',
              ...(process.env.BENCH_LOADGEN_PROF
                ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_LOADGEN_PROF}`]
                : [])
            ],
            stdio: ['ignore', 'inherit', 'inherit', 'ipc']
          })
          children.push(child)
          // A send to a worker that has just exited fails with EPIPE: nothing to tell it any more.
          child.on('error', () => {})
          child.on('message', (m: WorkerMessage) => {
            if (m.type === 'tick') {
              latest.set(k, m)
              tickRequests.set(k, (tickRequests.get(k) ?? 0) + m.requests)
              addCounts(tickErrors, m.errors)
            } else if (m.type === 'done') {
              done.push(m)
              resolve()
            } else reject(new Error(`buyer worker ${k}: ${m.message}`))
          })
          child.once('exit', (code) =>
            code === 0 ? resolve() : reject(new Error(`buyer worker ${k} exited ${code}`))
          )
          const start: WorkerStart = {
            type: 'start',
            base: sut.base,
            saleId,
            kind: o.kind,
            // Each worker reads the seat map from a different place: few collisions, as with people.
            seatOrder: seatIds
              .slice((k * seatIds.length) / workers)
              .concat(seatIds.slice(0, (k * seatIds.length) / workers)),
            seatsPerBuyer: 1,
            buyers,
            localAddress: `127.0.0.${2 + (k % 250)}`,
            ...(sut.jwtSecret ? { jwtSecret: sut.jwtSecret } : {}),
            difficulty: o.difficulty,
            declineShare: o.declineShare,
            deadline,
            resultDeadline,
            connections: o.connectionsPerWorker
          }
          child.send(start)
        })
    )
  )

  const timeline: TimelinePoint[] = []
  let sellOutAt: number | null = null
  let allConfirmedAt: number | null = null
  let lastStats: Record<string, unknown> | undefined
  let stop = false
  let peakMem = memBefore
  let lastCpu: { at: number; api: number; load: number; redis: number } | undefined
  const monitor = (async () => {
    let lastAt = Date.now()
    // Bounded by the run's own end and by the result deadline.
    while (!stop && Date.now() < resultDeadline + 60_000) {
      await sleep(1000)
      const now = Date.now()
      // On a saturated box this loop runs late: rates are per second of the interval it covered.
      const secs = Math.max(1, (now - lastAt) / 1000)
      lastAt = now
      const phases = emptyPhases()
      let sseOpen = 0
      for (const t of latest.values()) {
        for (const p of PHASES) phases[p] += t.phases[p]
        sseOpen += t.sseOpen
      }
      const reqs = [...tickRequests.values()].reduce((a, b) => a + b, 0)
      tickRequests.clear()
      const errors = { ...tickErrors }
      for (const k of Object.keys(tickErrors)) delete tickErrors[k]
      const point: TimelinePoint = {
        t: Math.round((now - opening) / 100) / 10,
        phases,
        reqPerSec: Math.round(reqs / secs),
        errors,
        sseOpen
      }
      const stats = await adminCall(sut, 'GET', `/v1/admin/events/${saleId}/stats`).catch(() => undefined)
      if (stats?.status === 200) {
        lastStats = stats.body
        const s = stats.body.stock as Record<string, number>
        const q = stats.body.queue as Record<string, number>
        point.stock = {
          available: s.available ?? 0,
          held: s.held ?? 0,
          pending: s.pending ?? 0,
          confirmed: s.confirmed ?? 0
        }
        point.queue = { waiting: q.waiting ?? 0, active: q.active ?? 0, finished: q.finished ?? 0 }
        point.consumerLag = Number(stats.body.consumerLag ?? 0)
        if (sellOutAt === null && now > opening && point.stock.available === 0 && point.stock.held === 0)
          sellOutAt = now
        if (allConfirmedAt === null && point.stock.confirmed >= capacity) {
          allConfirmedAt = now
          if (o.stopAtSellOut) for (const c of children) if (c.connected) c.send({ type: 'soldOut' })
        }
      }
      if (sut.own) {
        const p = await procInfo(await sut.own.pids())
        point.serverRssMb = p.rssMb
        point.serverFds = p.fds
        const mem = await info('memory')
        point.redisMemMb = Math.round((infoField(mem, 'used_memory') / 2 ** 20) * 10) / 10
        peakMem = Math.max(peakMem, point.redisMemMb)
        point.redisOpsPerSec = infoField(await info('stats'), 'instantaneous_ops_per_sec')
        const cpuInfo = await info('cpu')
        const cpu = {
          at: Date.now(),
          api: await cpuSeconds(await sut.own.pids()),
          load: await cpuSeconds(children.map((c) => c.pid ?? 0).filter((x) => x > 0)),
          redis: infoField(cpuInfo, 'used_cpu_user') + infoField(cpuInfo, 'used_cpu_sys')
        }
        if (lastCpu) {
          const secs = Math.max(0.001, (cpu.at - lastCpu.at) / 1000)
          const cores = (a: number, b: number) => Math.round((Math.max(0, a - b) / secs) * 100) / 100
          point.cpu = {
            api: cores(cpu.api, lastCpu.api),
            load: cores(cpu.load, lastCpu.load),
            redis: cores(cpu.redis, lastCpu.redis)
          }
        }
        lastCpu = cpu
      }
      timeline.push(point)
      const active = PHASES.filter((p) => phases[p] > 0)
        .map((p) => `${p} ${phases[p]}`)
        .join(' ')
      const errs = Object.entries(errors)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 4)
        .map(([c, n]) => `${c}:${n}`)
        .join(' ')
      const st = point.stock
      say(
        `  [${o.label} t=${point.t.toFixed(0)}s] ${active} | ${reqs} req/s | sse ${sseOpen}` +
          (st
            ? ` | stock avail ${st.available} held ${st.held} pend ${st.pending} sold ${st.confirmed} lag ${point.consumerLag}`
            : '') +
          (point.queue
            ? ` | queue wait ${point.queue.waiting} active ${point.queue.active} finished ${point.queue.finished}`
            : '') +
          (point.serverRssMb !== undefined ? ` | api ${point.serverRssMb} MB ${point.serverFds} fds` : '') +
          (point.cpu ? ` | cpu api ${point.cpu.api} load ${point.cpu.load} redis ${point.cpu.redis}` : '') +
          (errs ? ` | err ${errs}` : '')
      )
    }
  })()

  const hardStop = setTimeout(
    () => {
      for (const c of children) c.kill('SIGKILL')
    },
    resultDeadline - Date.now() + 60_000
  )
  let loadgenSec = 0
  try {
    await finished
  } finally {
    // The buyer processes wait for `stop` after their last report: their CPU is still readable.
    loadgenSec = await cpuSeconds(children.map((c) => c.pid ?? 0).filter((x) => x > 0))
    clearTimeout(hardStop)
    for (const c of children) if (c.connected) c.send({ type: 'stop' })
  }
  const endedAt = Date.now()

  // Quiescence: nothing pending and the consumers caught up (bounded to 60 s).
  for (let i = 0; i < 120; i++) {
    const stats = await adminCall(sut, 'GET', `/v1/admin/events/${saleId}/stats`).catch(() => undefined)
    if (stats?.status === 200) {
      lastStats = stats.body
      const s = stats.body.stock as Record<string, number>
      if ((s.pending ?? 0) === 0 && Number(stats.body.consumerLag ?? 0) === 0) break
    }
    await sleep(500)
  }
  stop = true
  await monitor
  const cpuEnd = await readCpu()
  let serverCpu: SaleRunResult['serverCpu']
  if (kafkaIdle0 && cpuStart && cpuEnd) {
    const idle = serverCpuBetween(kafkaIdle0, cpuStart)
    const d = serverCpuBetween(cpuStart, cpuEnd)
    const kafkaIdlePerSec = idle.kafka / Math.max(0.001, idle.wallSec)
    const kafka = Math.max(0, d.kafka - kafkaIdlePerSec * d.wallSec)
    const r = (x: number) => Math.round(x * 100) / 100
    serverCpu = {
      wallSec: r(d.wallSec),
      api: r(d.api),
      redis: r(d.redis),
      postgres: r(d.postgres),
      kafka: r(kafka),
      kafkaIdlePerSec: r(kafkaIdlePerSec),
      total: r(d.api + d.redis + d.postgres + kafka),
      loadgen: r(loadgenSec)
    }
    say(
      `  [${o.label}] server CPU ${serverCpu.total} s over ${serverCpu.wallSec} s (API ${serverCpu.api}, Redis ${serverCpu.redis}, PostgreSQL ${serverCpu.postgres}, Kafka ${serverCpu.kafka}); load generator ${serverCpu.loadgen} s`
    )
  }

  const samples: Record<Step, number[]> = Object.fromEntries(
    STEPS.map((s) => [s, [] as number[]])
  ) as unknown as Record<Step, number[]>
  const accepted: AcceptedRecord[] = []
  const errors: Record<string, number> = {}
  const phases = emptyPhases()
  const timed: Array<[Step, number, number]> = []
  let requests = 0
  const dbl = { sent: 0, divergent: 0 }
  const bots: WorkerDone['bots'] = { count: 0, refused: 0, refusedBy: {}, admittedThrough: 0 }
  let refreshes = 0
  let silencePolls = 0
  const admittedVia = { sse: 0, refresh: 0, silence: 0 }
  let limitRefusals = 0
  for (const d of done) {
    for (const s of STEPS) for (const v of d.samples[s]) samples[s].push(v)
    for (const t of d.timed) timed.push(t)
    accepted.push(...d.accepted)
    addCounts(errors, d.errors)
    for (const p of PHASES) phases[p] += d.phases[p]
    requests += d.requests
    dbl.sent += d.doubleClicks.sent
    dbl.divergent += d.doubleClicks.divergent
    bots.count += d.bots.count
    bots.refused += d.bots.refused
    bots.admittedThrough += d.bots.admittedThrough
    addCounts(bots.refusedBy, d.bots.refusedBy)
    refreshes += d.refreshes
    silencePolls += d.silencePolls
    admittedVia.sse += d.admittedVia.sse
    admittedVia.refresh += d.admittedVia.refresh
    admittedVia.silence += d.admittedVia.silence
    limitRefusals += d.limitRefusals
  }
  const windows: SaleRunResult['windows'] = []
  const span = Math.max(1, Math.ceil((endedAt - opening) / 10_000))
  for (let w = 0; w < span && w < 1000; w++) {
    const from = opening + w * 10_000
    const p95: Partial<Record<Step, number>> = {}
    const n: Partial<Record<Step, number>> = {}
    for (const s of STEPS) {
      const vs = timed
        .filter(([step, at]) => step === s && at >= from && at < from + 10_000)
        .map(([, , ms]) => ms)
      if (vs.length > 0) {
        p95[s] = summarize(vs).p95
        n[s] = vs.length
      }
    }
    windows.push({ fromSec: w * 10, p95, n })
  }

  let redisReport: SaleRunResult['redis']
  if (redis) {
    const cmdAfter = await info('commandstats')
    const calls = (text: string) =>
      new Map([...text.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)].map((m) => [m[1] ?? '?', Number(m[2])]))
    const a = calls(cmdAfter)
    const b = calls(cmdBefore)
    const delta = [...a]
      .map(([k, v]) => [k, v - (b.get(k) ?? 0)] as [string, number])
      .filter(([, v]) => v > 0)
    delta.sort((x, y) => y[1] - x[1])
    const totalAfter = infoField(await info('stats'), 'total_commands_processed')
    const secs = (endedAt - opening) / 1000
    redisReport = {
      usedMemoryMbBefore: Math.round(memBefore * 10) / 10,
      usedMemoryMbAfter: Math.round((infoField(await info('memory'), 'used_memory') / 2 ** 20) * 10) / 10,
      peakMemoryMb: Math.round(peakMem * 10) / 10,
      commands: totalAfter - totalBefore,
      commandsPerSec: Math.round((totalAfter - totalBefore) / secs),
      topCommands: Object.fromEntries(delta.slice(0, 8))
    }
    redis.destroy()
  }

  const invariants = await checkInvariants({
    sut,
    root: o.root,
    saleId,
    kind: o.kind,
    capacity,
    perUserLimit: o.perUserLimit,
    accepted,
    divergentDoubleClicks: dbl.divergent,
    stats: lastStats,
    soldOutAt: sellOutAt
  })
  const latencyMs = Object.fromEntries(STEPS.map((s) => [s, summarize(samples[s])])) as Record<Step, Summary>
  const lastConfirm = allConfirmedAt ?? (invariants.confirmed > 0 ? endedAt : null)
  const result: SaleRunResult = {
    label: o.label,
    saleId,
    buyers: o.buyers,
    capacity,
    startedAt: new Date(opening).toISOString(),
    durationSec: Math.round((endedAt - opening) / 100) / 10,
    sellOutSec: sellOutAt === null ? null : Math.round((sellOutAt - opening) / 100) / 10,
    allConfirmedSec: allConfirmedAt === null ? null : Math.round((allConfirmedAt - opening) / 100) / 10,
    latencyMs,
    requests,
    reqPerSec: Math.round(requests / Math.max(0.001, (endedAt - opening) / 1000)),
    confirmedPerSec:
      lastConfirm === null
        ? null
        : Math.round(invariants.confirmed / Math.max(0.001, (lastConfirm - opening) / 1000)),
    errors,
    phases,
    roles,
    doubleClicks: dbl,
    bots,
    refreshes,
    silencePolls,
    admittedVia,
    limitRefusals,
    resultsVia: {
      sse: accepted.filter((a) => a.via === 'sse').length,
      poll: accepted.filter((a) => a.via === 'poll').length,
      none: accepted.filter((a) => a.via === undefined).length
    },
    ...(redisReport ? { redis: redisReport } : {}),
    ...(serverCpu ? { serverCpu } : {}),
    timeline,
    windows,
    invariants
  }
  say(
    `  [${o.label}] done in ${result.durationSec} s: sold out ${result.sellOutSec ?? '—'} s, all confirmed ${result.allConfirmedSec ?? '—'} s; ` +
      `confirmed ${invariants.confirmed}/${capacity}; invariants ${invariants.passed ? 'PASS' : 'FAIL'}`
  )
  return result
}
