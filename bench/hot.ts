/**
 * `npm run bench:hot`: the hold and claim endpoints against a fastify hello-world route, measured
 * on this machine in one run, with the same process layout for both (server in a child process,
 * load generator here). Prints a table and Markdown, writes `bench-results/hot-<timestamp>.json`.
 *
 *   npm run bench:hot -- --duration 10 --warmup 3 --connections 100 --users 5000
 *
 * (or BENCH_DURATION / BENCH_WARMUP / BENCH_CONNECTIONS / BENCH_USERS). It only ever targets
 * 127.0.0.1, uses a fresh database `fc_bench_<random>` and a random Redis prefix, and removes both
 * when it ends, whether it succeeded or not.
 */
import { type ChildProcess, fork } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import os from 'node:os'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import autocannon, { type Request, type Result } from 'autocannon'
import pg from 'pg'
import { createClient } from 'redis'
import { KeyBuilder } from '../src/adapters/redis/keys.ts'
import { loadConfig } from '../src/config/index.ts'
import { signDevToken } from '../src/http/auth.ts'
import { AccessTokens } from '../src/services/sales/access-tokens.ts'
import { ensureStack } from '../tools/stack/index.ts'
import {
  type ApiReady,
  assertLoopback,
  type BenchUser,
  type ChildMessage,
  type Counts,
  type HelloReady,
  type ParentMessage,
  type WorkersReady
} from './protocol.ts'
import { type RedisInfo, type Snapshot, snapshot, type Usage, usage } from './resources.ts'

const TARGET_RATIO = 0.6
const ROOT = fileURLToPath(new URL('..', import.meta.url))
const SERVER = fileURLToPath(new URL('./child/server.ts', import.meta.url))

/** The steps after hello world: the floor of a hold on this box, then the real routes. */
const STEPS = ['floor', 'hold', 'claim'] as const
/** A route against its own floor (a bare route running only its decision script on the same requests). */
const FLOOR_TARGET = 0.6
/** A hold: at least a third of hello world, at most 200 µs of the server's CPU with its ledger carried. */
const HOLD_TARGET_RATIO = 1 / 3
const HOLD_TARGET_US = 200
type Step = (typeof STEPS)[number]

interface Options {
  duration: number
  warmup: number
  connections: number
  users: number
  /** Write V8 CPU profiles of the API server and workers children under bench-results/. */
  cpuProf: boolean
  /** The API steps to run after hello world. */
  steps: ReadonlySet<Step>
}

function options(): Options {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      users: { type: 'string' },
      'cpu-prof': { type: 'boolean' },
      steps: { type: 'string' }
    }
  })
  const pick = (
    flag: string | undefined,
    env: string | undefined,
    fallback: number,
    name: string
  ): number => {
    const raw = flag ?? env
    const n = raw === undefined || raw === '' ? fallback : Number(raw)
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, not ${raw}`)
    return n
  }
  return {
    duration: pick(values.duration, process.env.BENCH_DURATION, 10, 'duration'),
    warmup: pick(values.warmup, process.env.BENCH_WARMUP, 3, 'warmup'),
    connections: pick(values.connections, process.env.BENCH_CONNECTIONS, 100, 'connections'),
    users: pick(values.users, process.env.BENCH_USERS, 5000, 'users'),
    cpuProf: values['cpu-prof'] === true || process.env.BENCH_CPU_PROF === '1',
    steps: stepsOf(values.steps ?? process.env.BENCH_STEPS ?? STEPS.join(','))
  }
}

function stepsOf(raw: string): ReadonlySet<Step> {
  const steps = new Set<Step>()
  for (const name of raw.split(',')) {
    const step = name.trim()
    if (!STEPS.includes(step as Step)) throw new Error(`--steps takes ${STEPS.join(', ')}, not "${step}"`)
    steps.add(step as Step)
  }
  return steps
}

/** One measured step. Throughput counts only the expected success status. */
interface Measurement {
  scenario: string
  expectedStatus: number
  durationSec: number
  responses: number
  successes: number
  successPerSec: number
  responsesPerSec: number
  latencyMs: { mean: number; p50: number; p95: number; p99: number; max: number }
  /** Responses by status code other than the expected one. */
  otherStatuses: Record<string, number>
  socketErrors: number
  timeouts: number
  /** CPU use (in cores) of each party and Redis calls during the measured step. */
  usage?: Usage
  /** Redis calls per expected success (including the workers' calls). */
  redisCallsPerSuccess?: number
  /**
   * The server's CPU (API, workers, Redis, PostgreSQL; not the load generator) per expected
   * success: during the step, and from the step's start until the workers had carried its ledger
   * entries to PostgreSQL (what a hold costs in all, its entry included).
   */
  serverUsPerSuccess?: { step: number; ledgerCarried?: number }
  ratioToHello?: number
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[i] ?? Number.NaN
}

function runAutocannon(
  url: string,
  requests: Request[],
  seconds: number,
  connections: number,
  onResponse?: (status: number, ms: number) => void
): Promise<Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { url, connections, duration: seconds, timeout: 10, requests },
      (err, result) => (err ? reject(err) : resolve(result))
    )
    if (onResponse) instance.on('response', (_client, status, _bytes, ms) => onResponse(status, ms))
  })
}

/** The server's CPU seconds in a snapshot: API, workers, Redis and PostgreSQL. */
const serverSec = (s: Snapshot) => s.serverSec + s.workersSec + s.redisSec + s.postgresSec

async function measure(
  scenario: string,
  url: string,
  requests: Request[],
  expectedStatus: number,
  opts: Options,
  probe: () => Promise<Snapshot>,
  /** Waits until the workers have carried every ledger entry to PostgreSQL (none when paused). */
  drain?: () => Promise<void>
): Promise<Measurement> {
  process.stdout.write(`${scenario}: warm-up ${opts.warmup}s, `)
  await runAutocannon(url, requests, opts.warmup, opts.connections)
  // The warm-up's entries are carried before the clock starts, so the step pays for its own only.
  await drain?.()
  process.stdout.write(`measuring ${opts.duration}s at ${opts.connections} connections... `)
  let latencies = new Float64Array(1 << 18)
  let n = 0
  const statuses = new Map<number, number>()
  const before = await probe()
  const result = await runAutocannon(url, requests, opts.duration, opts.connections, (status, ms) => {
    if (n === latencies.length) {
      const bigger = new Float64Array(latencies.length * 2)
      bigger.set(latencies)
      latencies = bigger
    }
    latencies[n++] = ms
    statuses.set(status, (statuses.get(status) ?? 0) + 1)
  })
  const after = await probe()
  const used = usage(before, after)
  // Then the step's entries, which the workers are still carrying when the load stops.
  let carried: Snapshot | undefined
  if (drain) {
    await drain()
    carried = await probe()
  }
  const sorted = latencies.subarray(0, n).sort()
  let sum = 0
  for (const v of sorted) sum += v
  const successes = statuses.get(expectedStatus) ?? 0
  const otherStatuses: Record<string, number> = {}
  for (const [code, count] of [...statuses].sort((a, b) => a[0] - b[0])) {
    if (code !== expectedStatus) otherStatuses[String(code)] = count
  }
  const m: Measurement = {
    scenario,
    expectedStatus,
    durationSec: result.duration,
    responses: n,
    successes,
    successPerSec: successes / result.duration,
    responsesPerSec: n / result.duration,
    latencyMs: {
      mean: n === 0 ? Number.NaN : sum / n,
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      p99: percentile(sorted, 99),
      max: percentile(sorted, 100)
    },
    otherStatuses,
    socketErrors: result.errors,
    timeouts: result.timeouts,
    usage: used,
    redisCallsPerSuccess: successes === 0 ? Number.NaN : used.redisCallsTotal / successes,
    serverUsPerSuccess: {
      step: ((serverSec(after) - serverSec(before)) / successes) * 1e6,
      ...(carried ? { ledgerCarried: ((serverSec(carried) - serverSec(before)) / successes) * 1e6 } : {})
    }
  }
  console.log(`${Math.round(m.successPerSec)} ${expectedStatus}/s`)
  return m
}

/** A server child: started with tsx like the real server, talking over IPC. */
class ServerChild {
  readonly #child: ChildProcess
  readonly #exited: Promise<number | null>
  #waiters: Array<{
    type: ChildMessage['type']
    resolve: (m: ChildMessage) => void
    reject: (e: Error) => void
  }> = []

  constructor(mode: 'hello' | 'api' | 'workers', env: Record<string, string>, extraExecArgv: string[] = []) {
    this.#child = fork(SERVER, [mode], {
      cwd: ROOT,
      execArgv: ['--import', 'tsx', ...extraExecArgv],
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced'
    })
    this.#exited = new Promise((resolve) => this.#child.once('exit', (code) => resolve(code)))
    this.#child.on('message', (message: ChildMessage) => {
      if (message.type === 'error') {
        for (const w of this.#waiters.splice(0)) w.reject(new Error(`server child: ${message.message}`))
        return
      }
      const i = this.#waiters.findIndex((w) => w.type === message.type)
      if (i >= 0) this.#waiters.splice(i, 1)[0]?.resolve(message)
    })
    void this.#exited.then((code) => {
      for (const w of this.#waiters.splice(0)) w.reject(new Error(`server child exited with ${code}`))
    })
  }

  get pid(): number | undefined {
    return this.#child.pid
  }

  next<T extends ChildMessage>(type: T['type'], ask?: ParentMessage): Promise<T> {
    const p = new Promise<T>((resolve, reject) => {
      this.#waiters.push({ type, resolve: (m) => resolve(m as T), reject })
    })
    if (ask) this.#child.send(ask)
    return p
  }

  /** Asks the child to close (it closes the runtime and exits); kills it if it does not within 15 s. */
  async stop(): Promise<void> {
    if (this.#child.exitCode !== null || this.#child.signalCode !== null) return
    if (this.#child.connected) this.#child.send({ type: 'close' } satisfies ParentMessage)
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), 15_000)
    await this.#exited
    clearTimeout(timer)
  }
}

function maintenanceUrl(url: string): string {
  const u = new URL(url)
  u.pathname = '/postgres'
  return u.toString()
}

function fmt(n: number, digits = 1): string {
  return Number.isFinite(n) ? n.toFixed(digits) : '-'
}

/**
 * CPU per success in µs: the benchmark's own parties (API, workers, load generator, Redis and
 * PostgreSQL's backends of the benchmark's database) and the whole box (which also counts any other
 * work on a shared machine).
 */
function cpuPerSuccess(m: Measurement): string {
  if (!m.usage || m.successPerSec === 0) return '-'
  const c = m.usage.cores
  const parties = c.server + c.workers + c.loadgen + c.redis + c.postgres
  return `${Math.round((parties / m.successPerSec) * 1e6)} / ${Math.round((c.machine / m.successPerSec) * 1e6)}`
}

/** The server's µs per success: in the step / until its ledger was in PostgreSQL. */
function serverCost(m: Measurement): string {
  const c = m.serverUsPerSuccess
  if (!c || !Number.isFinite(c.step)) return '-'
  const carried = c.ledgerCarried
  return `${Math.round(c.step)} / ${carried === undefined || !Number.isFinite(carried) ? '-' : Math.round(carried)}`
}

function errorsOf(m: Measurement): string {
  const parts = Object.entries(m.otherStatuses).map(([code, count]) => `${count}x${code}`)
  if (m.socketErrors > 0) parts.push(`${m.socketErrors} socket errors`)
  if (m.timeouts > 0) parts.push(`${m.timeouts} timeouts`)
  return parts.length === 0 ? '0' : parts.join(', ')
}

function markdown(results: Measurement[], opts: Options): string {
  const lines = [
    `${opts.connections} connections, ${opts.duration} s per step after ${opts.warmup} s warm-up; req/s counts only the expected success status.`,
    '',
    '| scenario | req/s | p50 ms | p95 ms | p99 ms | errors | vs hello | CPU cores: API / workers / load gen / Redis / PostgreSQL / other / whole box | CPU µs per success: parties / whole box | server µs per success (API + workers + Redis + PostgreSQL): step / ledger carried | Redis calls per success |',
    '|---|---:|---:|---:|---:|---|---:|---|---:|---:|---:|'
  ]
  for (const m of results) {
    lines.push(
      `| ${m.scenario} | ${Math.round(m.successPerSec).toLocaleString('en-US')} | ${fmt(m.latencyMs.p50)} | ${fmt(
        m.latencyMs.p95
      )} | ${fmt(m.latencyMs.p99)} | ${errorsOf(m)} | ${
        m.ratioToHello === undefined ? '-' : `${(m.ratioToHello * 100).toFixed(1)}%`
      } | ${
        m.usage
          ? `${m.usage.cores.server} / ${m.usage.cores.workers} / ${m.usage.cores.loadgen} / ${m.usage.cores.redis} / ${m.usage.cores.postgres} / ${m.usage.cores.other} / ${m.usage.cores.machine}`
          : '-'
      } | ${cpuPerSuccess(m)} | ${serverCost(m)} | ${fmt(m.redisCallsPerSuccess ?? Number.NaN, 2)} |`
    )
  }
  return lines.join('\n')
}

async function main(): Promise<void> {
  const opts = options()
  // Starts what does not answer (Kafka on a fresh machine), as the other benchmarks and the
  // tests do; the runtime publishes claims to Kafka, as in production.
  const stack = await ensureStack({
    root: ROOT,
    env: process.env,
    detached: true,
    onProgress: ({ service, phase, message }) => {
      if (phase !== 'check' && phase !== 'reuse') console.log(`stack: ${service} ${phase}: ${message}`)
    }
  })
  const base = stack.databaseUrl
  const redisUrl = stack.redisUrl
  assertLoopback(base, 'DATABASE_URL')
  assertLoopback(redisUrl, 'REDIS_URL')

  const dbName = `fc_bench_${randomBytes(6).toString('hex')}`
  const prefix = `bench${randomBytes(5).toString('hex')}`
  const dbUrl = new URL(base)
  dbUrl.pathname = `/${dbName}`
  let child: ServerChild | undefined
  let created = false

  const redis = createClient({ url: redisUrl })
  const keys = new KeyBuilder(prefix)
  await redis.connect()
  const info: RedisInfo = (section) => redis.info(section)
  let workers: ServerChild | undefined
  const probe = () => snapshot(child?.pid, info, workers?.pid, dbName)

  const cleanup = async () => {
    await workers?.stop().catch(() => undefined)
    await child?.stop().catch(() => undefined)
    try {
      let deleted = 0
      for await (const keys of redis.scanIterator({ MATCH: `${prefix}:*`, COUNT: 1000 })) {
        if (keys.length > 0) deleted += await redis.del(keys)
      }
      console.log(`cleanup: deleted ${deleted} Redis keys under ${prefix}:`)
    } finally {
      redis.destroy()
    }
    if (created) {
      const c = new pg.Client({ connectionString: maintenanceUrl(base) })
      await c.connect()
      await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)
      await c.end()
      console.log(`cleanup: dropped database ${dbName}`)
    }
  }
  let interrupted = false
  const onSignal = () => {
    if (interrupted) return
    interrupted = true
    console.error('interrupted: cleaning up')
    void cleanup().finally(() => process.exit(130))
  }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)

  try {
    const results: Measurement[] = []

    // Step 1: hello world, in the same process layout as the API.
    child = new ServerChild('hello', {})
    const hello = await child.next<HelloReady>('ready')
    results.push(
      await measure(
        'hello world (GET /hello)',
        `http://127.0.0.1:${hello.port}`,
        [{ method: 'GET', path: '/hello' }],
        200,
        opts,
        probe
      )
    )
    await child.stop()
    child = undefined

    const stamp = new Date().toISOString().replace(/[:.]/g, '-')
    const profileDir = `${ROOT}bench-results/prof-${stamp}`
    const profileArgs = opts.cpuProf ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : []

    // Steps 2 and 3: the real runtime on a fresh database and Redis prefix.
    const admin = new pg.Client({ connectionString: maintenanceUrl(base) })
    await admin.connect()
    await admin.query(`CREATE DATABASE ${dbName}`)
    created = true
    await admin.end()
    console.log(`api: database ${dbName}, Redis prefix ${prefix}, ${opts.users} buyers; setting up...`)
    const apiEnv: Record<string, string> = {
      NODE_ENV: 'production',
      DATABASE_URL: dbUrl.toString(),
      REDIS_URL: redisUrl,
      KAFKA_BROKERS: stack.kafkaBrokers.join(','),
      FC_REDIS_PREFIX: prefix,
      FC_LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent',
      FC_JWT_SECRET: randomBytes(32).toString('hex'),
      FC_TOKEN_SECRET: randomBytes(32).toString('hex'),
      FC_DEV_AUTH: '0',
      FC_WORKERS: '0',
      // Every simulated buyer arrives from loopback: per-IP limits and IP auto-blocks would see one
      // client with 5,000 accounts. Per-user limits, the pre-limiter and the bot detector stay on.
      FC_IP_LIMITS: '0',
      // The step measures what a hold costs, not shedding: on a busy shared box the event-loop
      // delay bound refused the set-up's requests and some holds with 503.
      FC_SHED_EVENT_LOOP_DELAY_MS: '0',
      // A load test takes no money: the simulated gateway, allowed on purpose.
      FC_PAYMENT_ALLOW_SIMULATOR: '1',
      BENCH_USERS: String(opts.users)
    }
    child = new ServerChild('api', apiEnv, profileArgs)
    const api = await child.next<ApiReady>('ready')
    // The workers run beside the API, as `firstcome worker` does in production: their CPU is
    // measured on its own and their Redis and PostgreSQL work counts in the same step.
    workers = new ServerChild('workers', { ...apiEnv, FC_WORKERS: '1' }, profileArgs)
    await workers.next<WorkersReady>('ready')
    const url = `http://127.0.0.1:${api.port}`
    // The same configuration as the server's, so the tokens signed here are the ones it accepts.
    const config = loadConfig({ ...process.env, ...apiEnv })
    const accessTokens = new AccessTokens(config.tokens)
    const exp = api.admittedUntil
    const users: BenchUser[] = await Promise.all(
      api.userIds.map(async (id) => ({
        id,
        bearer: await signDevToken(config, id),
        holdAccess: accessTokens.sign({ userId: id, saleId: api.holdSaleId, exp }),
        pausedHoldAccess: accessTokens.sign({ userId: id, saleId: api.pausedHoldSaleId, exp }),
        claimAccess: accessTokens.sign({ userId: id, saleId: api.claimSaleId, exp })
      }))
    )
    const perSection = api.rows * api.seatsPerRow
    const capacity = perSection * api.sections.length

    // Every hold is another seat, user and idempotency key; seats run in order through the sections.
    // The floor steps send the very same requests (plus the buyer's id in plain text, as they check
    // no token) to their own sale, so each step starts from untouched seats.
    const seq = { hold: 0, pausedHold: 0, echo: 0, floor: 0 }
    const holdRequests = (path: string, counter: keyof typeof seq, plainUser: boolean): Request[] => [
      {
        method: 'POST',
        path,
        setupRequest: (req) => {
          const i = seq[counter]++
          const user = users[i % users.length]!
          const s = i % capacity
          const section = api.sections[Math.floor(s / perSection)]!
          const inSection = s % perSection
          const seatId = `${section}-${Math.floor(inSection / api.seatsPerRow) + 1}-${(inSection % api.seatsPerRow) + 1}`
          return {
            ...req,
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${user.bearer}`,
              'idempotency-key': `h-${i}`,
              'x-access-token': counter === 'pausedHold' ? user.pausedHoldAccess : user.holdAccess,
              ...(plainUser ? { 'x-bench-user': user.id } : {})
            },
            body: JSON.stringify({ seatId })
          }
        }
      }
    ]
    // Each step starts once the workers have carried the previous steps' ledger entries to
    // PostgreSQL, so no step pays for the one before it.
    const settle = async () => {
      const started = Date.now()
      const ledgers = [
        api.holdSaleId,
        api.pausedHoldSaleId,
        api.claimSaleId,
        api.floorSaleId,
        api.floorClaimSaleId
      ].map((id) => keys.sale(id).ledger)
      for (;;) {
        const lengths = await Promise.all(ledgers.map((k) => redis.xLen(k)))
        const left = lengths.reduce((a, b) => a + b, 0)
        if (left === 0) break
        if (Date.now() - started > 300_000)
          throw new Error(`the workers did not drain the ledgers (${left} left)`)
        await new Promise((resolve) => setTimeout(resolve, 200))
      }
      const waited = (Date.now() - started) / 1000
      if (waited >= 1) console.log(`(waited ${waited.toFixed(1)} s for the workers to drain the ledgers)`)
    }
    const step = async (scenario: string, target: string, requests: Request[], status: number) => {
      await settle()
      results.push(await measure(scenario, target, requests, status, opts, probe, settle))
    }
    if (opts.steps.has('floor')) {
      const floorUrl = `http://127.0.0.1:${api.floorPort}`
      await step('floor: POST, no Redis', floorUrl, holdRequests('/echo', 'echo', true), 201)
      await step('floor: POST + one Redis round trip', floorUrl, holdRequests('/ping', 'echo', true), 201)
      await step('floor: POST + hold script', floorUrl, holdRequests('/hold', 'floor', true), 201)
    }
    if (opts.steps.has('hold'))
      await step(
        'hold (POST /v1/events/:id/holds)',
        url,
        holdRequests(`/v1/events/${api.holdSaleId}/holds`, 'hold', false),
        201
      )

    // Every claim is a new key and the next buyer; the claim floor sends the very same requests
    // (plus the buyer's id in plain text) to a bare route running only the claim script.
    const claimSeqs = { claim: 0, floor: 0 }
    const claimRequests = (path: string, counter: keyof typeof claimSeqs, plainUser: boolean): Request[] => [
      {
        method: 'POST',
        path,
        setupRequest: (req) => {
          const i = claimSeqs[counter]++
          const user = users[i % users.length]!
          return {
            ...req,
            headers: {
              authorization: `Bearer ${user.bearer}`,
              'idempotency-key': `c-${i}`,
              'x-access-token': user.claimAccess,
              ...(plainUser ? { 'x-bench-user': user.id } : {})
            }
          }
        }
      }
    ]
    const claims = claimRequests(`/v1/events/${api.claimSaleId}/claims`, 'claim', false)
    if (opts.steps.has('claim'))
      await step(
        'floor: POST + claim script',
        `http://127.0.0.1:${api.floorPort}`,
        claimRequests('/claim', 'floor', true),
        202
      )
    if (opts.steps.has('claim')) await step('claim (POST /v1/events/:id/claims)', url, claims, 202)
    // The same two with the workers' process stopped (SIGSTOP) for the step: no consumer books the
    // claims meanwhile and no ledger sink runs, so the route is measured with what it does itself
    // (the claim script and the acks=all hand-off to Kafka, the broker included) against its floor,
    // as in a fleet whose workers run on other hosts. They resume (SIGCONT) and catch up after.
    const paused = async (scenario: string, target: string, requests: Request[], status = 202) => {
      await settle()
      const pid = workers?.pid
      if (pid === undefined) throw new Error('no workers process')
      process.kill(pid, 'SIGSTOP')
      try {
        results.push(await measure(scenario, target, requests, status, opts, probe))
      } finally {
        process.kill(pid, 'SIGCONT')
      }
    }
    if (opts.steps.has('claim')) {
      await paused(
        'floor: POST + claim script, workers paused',
        `http://127.0.0.1:${api.floorPort}`,
        claimRequests('/claim', 'floor', true)
      )
      await paused('claim (POST /v1/events/:id/claims), workers paused', url, claims)
    }
    // A hold whose ledger entry nobody carries to PostgreSQL: what a hold would cost if holds lived
    // only in Redis until they go pending (docs/BENCHMARKS.md). Not the product's hold: its entry is
    // carried, and the steps above count that.
    if (opts.steps.has('hold'))
      await paused(
        'hold (POST /v1/events/:id/holds), workers paused',
        url,
        holdRequests(`/v1/events/${api.pausedHoldSaleId}/holds`, 'pausedHold', false),
        201
      )

    const counts = await child.next<Counts>('counts', { type: 'counts' })
    await workers.stop()
    workers = undefined
    await child.stop()
    child = undefined

    const helloRate = results[0]?.successPerSec ?? Number.NaN
    for (const m of results) m.ratioToHello = m.successPerSec / helloRate

    console.log('')
    console.table(
      results.map((m) => ({
        scenario: m.scenario,
        'req/s': Math.round(m.successPerSec),
        'p50 ms': Number(fmt(m.latencyMs.p50, 2)),
        'p95 ms': Number(fmt(m.latencyMs.p95, 2)),
        'p99 ms': Number(fmt(m.latencyMs.p99, 2)),
        errors: errorsOf(m),
        'vs hello': `${((m.ratioToHello ?? Number.NaN) * 100).toFixed(1)}%`,
        'cpu api/workers/loadgen/redis/pg/other/all': m.usage
          ? `${m.usage.cores.server}/${m.usage.cores.workers}/${m.usage.cores.loadgen}/${m.usage.cores.redis}/${m.usage.cores.postgres}/${m.usage.cores.other}/${m.usage.cores.machine}`
          : '-',
        'µs/ok parties/box': cpuPerSuccess(m),
        'server µs/ok step/carried': serverCost(m),
        'redis calls/ok': Number(fmt(m.redisCallsPerSuccess ?? Number.NaN, 2))
      }))
    )
    const verdicts = results
      .slice(1)
      .filter((m) => !m.scenario.startsWith('floor'))
      .map((m) => {
        const ok = (m.ratioToHello ?? 0) >= TARGET_RATIO
        return `${m.scenario}: ${((m.ratioToHello ?? Number.NaN) * 100).toFixed(1)}% of hello world — target >= ${
          TARGET_RATIO * 100
        }% ${ok ? 'MET' : 'MISSED'}`
      })
    for (const v of verdicts) console.log(v)
    // Each route against its own floor (the same requests, only the decision script), side by side.
    const rate = (name: string) => results.find((m) => m.scenario === name)?.successPerSec
    for (const [route, floorName] of [
      ['claim (POST /v1/events/:id/claims)', 'floor: POST + claim script'],
      ['claim (POST /v1/events/:id/claims), workers paused', 'floor: POST + claim script, workers paused'],
      ['hold (POST /v1/events/:id/holds)', 'floor: POST + hold script']
    ] as const) {
      const r = rate(route)
      const f = rate(floorName)
      if (r !== undefined && f !== undefined)
        console.log(
          `${route}: ${((r / f) * 100).toFixed(1)}% of its floor (${floorName}) — target >= ${FLOOR_TARGET * 100}% ${r / f >= FLOOR_TARGET ? 'MET' : 'MISSED'}`
        )
    }
    const hold = results.find((m) => m.scenario === 'hold (POST /v1/events/:id/holds)')
    if (hold) {
      const ratio = hold.ratioToHello ?? Number.NaN
      const us = hold.serverUsPerSuccess?.ledgerCarried ?? Number.NaN
      const met = ratio >= HOLD_TARGET_RATIO && us <= HOLD_TARGET_US
      console.log(
        `hold: ${(ratio * 100).toFixed(1)}% of hello world (target >= 33%), ${Math.round(us)} µs of server CPU per hold with its ledger entry carried to PostgreSQL (target <= ${HOLD_TARGET_US}) — ${met ? 'MET' : 'MISSED'}`
      )
    }
    console.log(
      `Redis after the run: holds sale ${JSON.stringify(counts.hold)}; paused holds sale ${JSON.stringify(counts.pausedHold)}; claims sale ${JSON.stringify(counts.claim)}; floor sale ${JSON.stringify(counts.floor)}; claim floor sale ${JSON.stringify(counts.floorClaim)}`
    )
    console.log(
      `(sent over warm-up + measurement: holds ${seq.hold}, holds with the workers paused ${seq.pausedHold}, claims ${claimSeqs.claim}, floor claims ${claimSeqs.floor}, floor holds ${seq.floor}, floor echoes ${seq.echo})`
    )
    const md = markdown(results, opts)
    console.log(`\n${md}\n`)

    const cpus = os.cpus()
    const report = {
      benchmark: 'hot',
      at: new Date().toISOString(),
      options: { ...opts, steps: [...opts.steps] },
      targetRatio: TARGET_RATIO,
      machine: {
        nproc: os.availableParallelism(),
        cpu: cpus[0]?.model ?? 'unknown',
        memoryBytes: os.totalmem(),
        node: process.version,
        platform: `${os.type()} ${os.release()} ${os.arch()}`
      },
      layout:
        'API server and workers in child processes of their own (node --import tsx bench/child/server.ts api|workers; hello world alone in one), autocannon in the driver process',
      results,
      redisCountsAfter: {
        hold: counts.hold,
        pausedHold: counts.pausedHold,
        claim: counts.claim,
        floor: counts.floor,
        floorClaim: counts.floorClaim
      },
      sent: {
        holds: seq.hold,
        pausedHolds: seq.pausedHold,
        claims: claimSeqs.claim,
        floorClaims: claimSeqs.floor,
        floorHolds: seq.floor,
        floorEchoes: seq.echo
      },
      markdown: md
    }
    const dir = `${ROOT}bench-results`
    await mkdir(dir, { recursive: true })
    const file = `${dir}/hot-${stamp}.json`
    await writeFile(file, `${JSON.stringify(report, null, 2)}\n`)
    console.log(`results written to ${file}`)
    if (opts.cpuProf)
      console.log(
        `CPU profiles of the API server and the workers: ${profileDir} (npx tsx bench/profile-summary.ts ${profileDir})`
      )
  } finally {
    if (!interrupted) await cleanup()
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err)
    process.exit(1)
  }
)
