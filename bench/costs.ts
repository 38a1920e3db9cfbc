/**
 * `npm run bench:costs`: the server-side CPU of each step of a buyer's journey, measured one step
 * at a time on the real runtime (a `firstcome serve` API process with the workers in a `firstcome
 * worker` process of their own, the local Redis, PostgreSQL and Kafka), per party: the API
 * process, the worker process, Redis (INFO cpu), PostgreSQL (the backends of the run's database
 * plus the server's background processes, from /proc) and the Kafka broker's JVM (/proc). The
 * driver (this process) is not counted. Writes the microseconds per operation per party that the
 * capacity model (`firstcome capacity`, src/services/capacity/) reads: bench/capacity-costs.json.
 *
 *   npm run bench:costs -- [--n 1000] [--repeats 3] [--hold-sec 5] [--out bench/capacity-costs.json]
 *
 * Each repeat uses a sale of its own with `n` seats. The idle CPU of every party is measured first
 * and subtracted from each step (idle per second times the step's wall time). The machine may be
 * shared: CPU time, not wall time, is what is compared, and the spread over the repeats is kept.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import os from 'node:os'
import { dirname, join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { createClient } from 'redis'
import { Agent, request } from 'undici'
import { loadConfig } from '../src/config/index.ts'
import { signDevToken } from '../src/http/auth.ts'
import type { CostParty, CostStep, MeasuredCosts } from '../src/services/capacity/costs.ts'
import { COST_PARTIES, COST_STEPS } from '../src/services/capacity/costs.ts'
import { freePorts } from '../tools/stack/cluster-ports.ts'
import { spawnFirstcome, stopChild } from '../tools/sut.ts'
import { cpuSec, rssMb } from './lib/proc.ts'
import { cpuBetween, cpuByPid, kafkaBrokerPid, postgresBackends, redisCpuSec } from './lib/server-cpu.ts'
import { startSut } from './lib/sut.ts'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '1000' },
    repeats: { type: 'string', default: '3' },
    'hold-sec': { type: 'string', default: '5' },
    'tick-ms': { type: 'string', default: '1000' },
    out: { type: 'string', default: join(root, 'bench', 'capacity-costs.json') }
  }
})
const N = Number(args.n)
const REPEATS = Number(args.repeats)
const HOLD_SEC = Number(args['hold-sec'])
const TICK_MS = Number(args['tick-ms'])
const IN_FLIGHT = 64
const say = (line: string) => process.stderr.write(`${line}\n`)

type Cpu = Record<CostParty, number>

/** Runs `work(i)` for i < n with `IN_FLIGHT` at once. */
async function pool(n: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(IN_FLIGHT, n) }, async () => {
      while (next < n) await work(next++)
    })
  )
}

interface SseHandle {
  /** Resolves with the data of the first event of that name. */
  first(event: string): Promise<string>
  events: number
  close(): void
}

/** One SSE stream read with the least work: events split on blank lines, waiters by name. */
async function openStream(
  agent: Agent,
  url: string,
  headers: Record<string, string>,
  onEvent?: (event: string, data: string) => void
): Promise<SseHandle> {
  const ctl = new AbortController()
  const res = await request(url, {
    dispatcher: agent,
    headers: { accept: 'text/event-stream', ...headers },
    signal: ctl.signal
  })
  if (res.statusCode !== 200) throw new Error(`stream ${url}: ${res.statusCode} ${await res.body.text()}`)
  const waiters = new Map<string, (data: string) => void>()
  const seen = new Map<string, string>()
  const h: SseHandle = {
    events: 0,
    first: (event) =>
      seen.has(event)
        ? Promise.resolve(seen.get(event) as string)
        : new Promise((resolve) => waiters.set(event, resolve)),
    close: () => ctl.abort()
  }
  void (async () => {
    let buf = ''
    try {
      for await (const chunk of res.body) {
        buf += (chunk as Buffer).toString('utf8')
        let cut = buf.indexOf('\n\n')
        while (cut >= 0) {
          const frame = buf.slice(0, cut)
          buf = buf.slice(cut + 2)
          cut = buf.indexOf('\n\n')
          const event = /^event: (.*)$/m.exec(frame)?.[1]
          if (!event) continue
          const data = /^data: (.*)$/m.exec(frame)?.[1] ?? ''
          h.events++
          onEvent?.(event, data)
          if (!seen.has(event)) seen.set(event, data)
          waiters.get(event)?.(data)
          waiters.delete(event)
        }
      }
    } catch {
      // Closed by us.
    }
  })()
  return h
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2
}

/** A Redis server of the run's own (no persistence), so its CPU is this run's alone. */
async function ownRedis(): Promise<{ url: string; stop: () => Promise<void> }> {
  const [port] = await freePorts(1)
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore'
    }
  )
  const url = `redis://127.0.0.1:${port}`
  for (let i = 0; i < 100; i++) {
    const c = createClient({ url, socket: { reconnectStrategy: false } })
    c.on('error', () => {})
    const ok = await c.connect().then(
      () => true,
      () => false
    )
    c.destroy()
    if (ok) return { url, stop: () => stopChild(child, 5000) }
    await sleep(100)
  }
  await stopChild(child, 5000)
  throw new Error('redis-server of the run did not start')
}

async function main(): Promise<void> {
  const ownRedisServer = await ownRedis()
  const sut = await startSut({
    root,
    apiProcesses: 1,
    say,
    // The workers in a process of their own, so their CPU is told apart from the API's.
    env: {
      REDIS_URL: ownRedisServer.url,
      FC_WORKERS: '0',
      FC_ADMISSION_TICK_MS: String(TICK_MS),
      FC_PAYMENT_LATENCY_MS: '0',
      // Costs, not shedding: a busy shared box must not turn requests away.
      FC_SHED_EVENT_LOOP_DELAY_MS: '0'
    }
  })
  const own = sut.own
  if (!own) throw new Error('bench:costs needs a server of its own')
  let worker: ChildProcess | undefined
  const redis = createClient({ url: ownRedisServer.url })
  await redis.connect()
  const agent = new Agent({ connections: IN_FLIGHT, pipelining: 1 })
  const streams = new Agent({ bodyTimeout: 0, headersTimeout: 30_000, connections: null })
  try {
    worker = spawnFirstcome(root, ['worker'], { env: { ...own.env, FC_WORKERS: '1' } })
    let workerLog = ''
    worker.stderr?.setEncoding('utf8')
    worker.stderr?.on('data', (c: string) => {
      workerLog = (workerLog + c).slice(-2000)
    })
    for (let i = 0; i < 240 && !/worker running/.test(workerLog); i++) await sleep(250)
    if (!/worker running/.test(workerLog)) throw new Error(`worker did not start: ${workerLog}`)
    const apiPid = (await own.pids())[0] as number
    const workerPid = worker.pid as number
    const dbName = new URL(own.databaseUrl).pathname.slice(1)
    const broker = await kafkaBrokerPid()
    const config = loadConfig(own.env)

    type Reading = Cpu & { at: number; pg: Map<number, number> }
    const read = async (): Promise<Reading> => {
      const info = await redis.info('cpu')
      return {
        at: performance.now(),
        api: (await cpuSec(apiPid)) || 0,
        workers: (await cpuSec(workerPid)) || 0,
        redis: redisCpuSec(info),
        postgres: 0,
        pg: await cpuByPid(await postgresBackends(dbName)),
        kafka: broker === undefined ? 0 : (await cpuSec(broker)) || 0
      }
    }
    const diff = (a: Reading, b: Reading) => {
      const out = { wallSec: (b.at - a.at) / 1000 } as Cpu & { wallSec: number }
      for (const p of COST_PARTIES) out[p] = b[p] - a[p]
      out.postgres = cpuBetween(a.pg, b.pg)
      return out
    }
    // Let the start-up (tsx compiling, Kafka group joins) settle before anything is measured.
    await sleep(8000)

    const results: Array<Partial<Record<CostStep, Cpu>>> = []
    const idleRuns: Cpu[] = []
    const streamKbRuns: number[] = []
    let retries = 0
    const wallByStep: Partial<Record<CostStep, number[]>> = {}
    const base = sut.base
    const admin = (method: 'POST' | 'PATCH', path: string, body: unknown) =>
      request(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${sut.adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(body)
      }).then(async (r) => ({ status: r.statusCode, body: (await r.body.json()) as Record<string, unknown> }))

    for (let rep = 0; rep < REPEATS; rep++) {
      const rows = Math.ceil(N / 50)
      const created = await admin('POST', '/v1/admin/events', {
        name: `costs ${rep}`,
        kind: 'seated',
        perUserLimit: 2,
        holdTtlSec: 600,
        seats: { sections: [{ name: 'A', rows, seatsPerRow: 50, price: 5000 }] },
        admission: { ratePerSec: N, maxActive: N * 2, accessTtlSec: 600 }
      })
      if (created.status !== 201) throw new Error(`create sale: ${JSON.stringify(created.body)}`)
      const saleId = String(created.body.id)
      await admin('PATCH', `/v1/admin/events/${saleId}/admission`, { paused: true })
      const users = Array.from({ length: N }, (_, i) => `c${rep}-${saleId.slice(-6)}-${i}`)
      const tokens = await Promise.all(users.map((u) => signDevToken(config, u)))
      await sleep(2000)

      // Idle: the open (paused) sale ticking, nothing else.
      const i0 = await read()
      await sleep(3000)
      const idle = diff(i0, await read())
      const perSec = {} as Cpu
      for (const p of COST_PARTIES) perSec[p] = idle[p] / idle.wallSec
      idleRuns.push(perSec)
      const row: Partial<Record<CostStep, Cpu>> = {}
      const measure = async (
        step: CostStep,
        ops: number,
        work: () => Promise<void>,
        extra?: Partial<Cpu>
      ) => {
        // The broker is shared with other work: its idle is taken just before the step, not once.
        const k0 = await read()
        await sleep(1500)
        const a = await read()
        const kafkaIdle = (a.kafka - k0.kafka) / ((a.at - k0.at) / 1000)
        await work()
        const d = diff(a, await read())
        const us = {} as Cpu
        for (const p of COST_PARTIES) {
          const idleRate = p === 'kafka' ? kafkaIdle : perSec[p]
          us[p] = Math.max(0, ((d[p] - idleRate * d.wallSec - (extra?.[p] ?? 0) * d.wallSec) / ops) * 1e6)
        }
        row[step] = us
        wallByStep[step] = [...(wallByStep[step] ?? []), d.wallSec]
        say(
          `  ${step.padEnd(14)} ${ops} ops in ${d.wallSec.toFixed(2)} s: ${COST_PARTIES.map((p) => `${p} ${us[p].toFixed(0)}`).join(', ')} µs/op`
        )
        return d
      }
      const bearer = (i: number) => ({ authorization: `Bearer ${tokens[i]}` })
      const call = async (
        method: 'GET' | 'POST' | 'DELETE',
        path: string,
        headers: Record<string, string>,
        body?: unknown
      ) => {
        for (let attempt = 0; ; attempt++) {
          const r = await request(`${base}${path}`, {
            method,
            dispatcher: agent,
            headers: { ...headers, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
            ...(body !== undefined ? { body: JSON.stringify(body) } : {})
          })
          const text = await r.body.text()
          // Overloaded or rate limited on a busy box: the well-behaved client's retry, bounded.
          if ((r.statusCode === 503 || r.statusCode === 429) && attempt < 8) {
            retries++
            await sleep(200)
            continue
          }
          return { status: r.statusCode, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> }
        }
      }
      say(
        `repeat ${rep + 1}/${REPEATS}: sale ${saleId}, ${N} buyers, idle ${COST_PARTIES.map((p) => `${p} ${(perSec[p] * 1000).toFixed(1)}`).join(', ')} ms/s`
      )

      // 1. Join.
      const queueTokens: string[] = []
      await measure('join', N, () =>
        pool(N, async (i) => {
          const r = await call('POST', `/v1/events/${saleId}/queue`, bearer(i), {})
          if (r.status !== 200 && r.status !== 201)
            throw new Error(`join ${r.status} ${JSON.stringify(r.body)}`)
          queueTokens[i] = String(r.body.queueToken)
        })
      )
      // 2. Opening the waiting streams, then holding them open for HOLD_SEC (one position per tick).
      const qs: SseHandle[] = []
      const rssBefore = await rssMb(apiPid)
      await measure('streamOpen', N, () =>
        pool(N, async (i) => {
          qs[i] = await openStream(
            streams,
            `${base}/v1/events/${saleId}/queue/stream?queueToken=${encodeURIComponent(queueTokens[i] as string)}`,
            {}
          )
          await qs[i]?.first('position')
        })
      )
      streamKbRuns.push((((await rssMb(apiPid)) - rssBefore) * 1024) / N)
      const events0 = qs.reduce((a, s) => a + s.events, 0)
      const held = await measure('streamSecond', N * HOLD_SEC, () => sleep(HOLD_SEC * 1000))
      const events = qs.reduce((a, s) => a + s.events, 0) - events0
      say(
        `    ${events} position events over ${held.wallSec.toFixed(1)} s (${(events / N).toFixed(1)} per stream)`
      )
      const streamSecond = row.streamSecond as Cpu
      // 3. Admission: everyone let in at the next tick; done when every stream has its `admitted`.
      const access: string[] = []
      await measure(
        'admission',
        N,
        async () => {
          await admin('PATCH', `/v1/admin/events/${saleId}/admission`, { paused: false })
          await Promise.all(
            qs.map(async (s, i) => {
              access[i] = String(
                (JSON.parse(await s.first('admitted')) as { accessToken: string }).accessToken
              )
            })
          )
        },
        // The streams still open meanwhile cost what holding them costs (about one tick's worth).
        Object.fromEntries(COST_PARTIES.map((p) => [p, (streamSecond[p] * N) / 1e6]))
      )
      for (const s of qs) s.close()
      // 4. Seat map reads (anonymous, as the load generator's buyers read it).
      await measure('seatMap', N, () =>
        pool(N, async () => {
          const r = await call('GET', `/v1/events/${saleId}/seats`, {})
          if (r.status !== 200) throw new Error(`seat map ${r.status}`)
        })
      )
      // 5. Holds: buyer i holds seat i.
      const holds: string[] = []
      await measure('hold', N, () =>
        pool(N, async (i) => {
          const seatId = `A-${Math.floor(i / 50) + 1}-${(i % 50) + 1}`
          const r = await call(
            'POST',
            `/v1/events/${saleId}/holds`,
            { ...bearer(i), 'x-access-token': access[i] as string, 'idempotency-key': `h-${i}` },
            { seatId }
          )
          if (r.status !== 201) throw new Error(`hold ${r.status} ${JSON.stringify(r.body)}`)
          holds[i] = String(r.body.holdId)
        })
      )
      // 6. Result streams (/v1/me/stream), opened before paying as the web app does.
      const resultsSeen = { n: 0 }
      const rs: SseHandle[] = []
      await measure('resultStreamOpen', N, () =>
        pool(N, async (i) => {
          rs[i] = await openStream(streams, `${base}/v1/me/stream`, bearer(i), (event) => {
            if (event === 'result') resultsSeen.n++
          })
        })
      )
      // 7. Confirm (payment + hand-off) with the workers stopped, so none of the booking is in it.
      process.kill(workerPid, 'SIGSTOP')
      try {
        await measure('confirm', N, () =>
          pool(N, async (i) => {
            const r = await call(
              'POST',
              `/v1/holds/${holds[i]}/confirm`,
              { ...bearer(i), 'x-access-token': access[i] as string, 'idempotency-key': `p-${i}` },
              { payment: { simulate: 'approve' } }
            )
            if (r.status !== 202) throw new Error(`confirm ${r.status} ${JSON.stringify(r.body)}`)
          })
        )
      } finally {
        process.kill(workerPid, 'SIGCONT')
      }
      // 8. Booking (consumer, PostgreSQL, outbox relay) and result delivery, until every result is
      // on its buyer's stream. The worker and PostgreSQL are the booking; the API process's share
      // is the delivery (result consumer + SSE write), split off below.
      await measure('booking', N, async () => {
        for (let i = 0; i < 1200 && resultsSeen.n < N; i++) await sleep(50)
        if (resultsSeen.n < N) throw new Error(`only ${resultsSeen.n} of ${N} results arrived`)
      })
      const booking = row.booking as Cpu
      row.resultDelivery = { api: booking.api, workers: 0, redis: 0, postgres: 0, kafka: 0 }
      row.booking = { ...booking, api: 0 }
      for (const s of rs) s.close()
      // 9. Leaving the queue when done (every buyer who has finished sends it).
      await measure('leave', N, () =>
        pool(N, async (i) => {
          await call('DELETE', `/v1/events/${saleId}/queue`, bearer(i))
        })
      )
      results.push(row)
      await admin('PATCH', `/v1/admin/events/${saleId}/admission`, { paused: true })
    }

    const steps = {} as MeasuredCosts['steps']
    for (const step of COST_STEPS) {
      const us = {} as Cpu
      const spread = {} as Record<CostParty, [number, number]>
      for (const p of COST_PARTIES) {
        const xs = results.map((r) => r[step]?.[p] ?? 0)
        us[p] = Math.round(median(xs) * 10) / 10
        spread[p] = [Math.round(Math.min(...xs)), Math.round(Math.max(...xs))]
      }
      const totals = results.map((r) => COST_PARTIES.reduce((a, p) => a + (r[step]?.[p] ?? 0), 0))
      steps[step] = {
        us,
        spread,
        totalSpread: [Math.round(Math.min(...totals)), Math.round(Math.max(...totals))],
        wallSec: (wallByStep[step] ?? []).map((x) => Math.round(x * 100) / 100)
      }
    }
    const idleUs = {} as Cpu
    for (const p of COST_PARTIES) idleUs[p] = Math.round(median(idleRuns.map((x) => x[p])) * 1e6)
    const out: MeasuredCosts = {
      measuredAt: new Date().toISOString(),
      command: `npm run bench:costs -- --n ${N} --repeats ${REPEATS} --hold-sec ${HOLD_SEC} --tick-ms ${TICK_MS}`,
      machine: {
        cpus: os.availableParallelism(),
        model: os.cpus()[0]?.model ?? '?',
        memGb: Math.round(os.totalmem() / 2 ** 30),
        node: process.version,
        shared: true,
        loadAvg: os.loadavg().map((x) => Math.round(x * 100) / 100)
      },
      opsPerStep: N,
      repeats: REPEATS,
      tickMs: TICK_MS,
      seatMapSeats: Math.ceil(N / 50) * 50,
      idleUsPerSec: idleUs,
      streamKb: Math.round(median(streamKbRuns) * 10) / 10,
      steps
    }
    await writeFile(args.out as string, `${JSON.stringify(out, null, 2)}\n`)
    say(`wrote ${args.out} (${retries} requests retried after 503/429)`)
  } finally {
    await stopChild(worker, 10_000)
    redis.destroy()
    await agent.close().catch(() => undefined)
    await streams.destroy().catch(() => undefined)
    await sut.stop()
    await ownRedisServer.stop()
  }
}

await main()
process.exit(0)
