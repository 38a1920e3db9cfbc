/**
 * `firstcome chaos`: a seated sale under load on a stack of the run's own (a 3x1 Redis Cluster,
 * 3 Kafka brokers, a PostgreSQL from initdb on a free port, 2 API processes behind one port and
 * 2 worker processes), while faults are injected one after the other. Afterwards every invariant
 * of the DESIGN is checked against PostgreSQL and Redis. Everything started is stopped and its
 * data removed at the end, whatever happens.
 *
 * The faults aim at the worst target each time: the broker killed is the coordinator of the
 * booking consumer group, and the frozen worker stays stopped past both its admission lease and
 * its Kafka session, so the group hands its partitions over and it wakes up a stale member.
 */
import type { ChildProcess } from 'node:child_process'
import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as delay } from 'node:timers/promises'
import { Admin, FindCoordinatorKeyTypes } from '@platformatic/kafka'
import pg from 'pg'
import { KeyBuilder } from '../../src/adapters/redis/keys.ts'
import { connectRedis, type RedisClient } from '../../src/adapters/redis/redis-client.ts'
import { bookingGroupId } from '../../src/workers/booking-consumer.ts'
import {
  admissionOrder,
  countByStatus,
  deadLetters,
  failureReasons,
  liveUnits,
  notTerminal,
  notTerminalDetail,
  type Queryable,
  redisStock,
  redisUnitState,
  seatsConfirmedTwice,
  usersOverLimit
} from '../invariants.ts'
import { type KafkaClusterHandle, startKafkaCluster } from '../stack/cluster-kafka.ts'
import { freePorts } from '../stack/cluster-ports.ts'
import { type RedisClusterHandle, startRedisCluster } from '../stack/cluster-redis.ts'
import { ensurePostgres } from '../stack/postgres-service.ts'
import { isPidAlive, killGracefully } from '../stack/processes.ts'
import type { StartedService } from '../stack/service-runner.ts'
import { pollUntil } from '../stack/wait.ts'
import { childPids, spawnFirstcome } from '../sut.ts'

/** Options of {@link runChaos}. */
export interface ChaosOptions {
  root: string
  /** Seconds of load; the faults are spread over it. */
  durationSec: number
  users: number
  /** Seats of the sale (default: 3/4 of users x per-user limit, so it sells out). */
  seats?: number
  onEvent?: (line: string) => void
}

/** What one fault did and how long the system took to recover from it. */
export interface FaultResult {
  fault: string
  injectedAt: number
  /** Until the part that was hit serves again (see each fault's `measure`). */
  recoveryMs: number | null
  measure: string
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

const PER_USER = 2
const ACCESS_TTL_SEC = 900
/** The workers' Kafka session timeout (the consumer adapter's default). */
const SESSION_TIMEOUT_MS = 10_000

/** A reservation the API accepted (202), with what it takes to replay its confirm. */
interface Accepted {
  userId: string
  holdId: string
  key: string
  access: string
  /** When the 202 arrived (ms since the epoch). */
  acceptedAt: number
}
const SECRET = 'chaos-secret-chaos-secret-chaos-secret-00'
/** The run's processes use the default key prefix. */
const KEYS = new KeyBuilder()

/** Runs the whole scenario; never leaves a process or a directory behind. */
export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const say = options.onEvent ?? (() => {})
  const started = Date.now()
  const dir = mkdtempSync(join(tmpdir(), 'fc-chaos-'))
  // PostgreSQL runs as the postgres OS user when we are root: it must be able to enter the directory.
  chmodSync(dir, 0o755)
  const cleanups: Array<() => Promise<unknown>> = []
  try {
    const [pgPort, apiPort, internalPort] = await freePorts(3)
    const databaseUrl = `postgres://postgres@127.0.0.1:${pgPort}/firstcome`
    // Side by side (Kafka dominates); whatever started is registered for cleanup even if another failed.
    const [redisS, kafkaS, postgresS] = await Promise.allSettled([
      startRedisCluster({ dir: join(dir, 'redis'), onProgress: say }),
      startKafkaCluster({ root: options.root, dir: join(dir, 'kafka'), onProgress: say }),
      startOwnPostgres(dir, databaseUrl, say)
    ])
    if (redisS.status === 'fulfilled') cleanups.push(() => redisS.value.stop())
    if (kafkaS.status === 'fulfilled') cleanups.push(() => kafkaS.value.stop())
    if (postgresS.status === 'fulfilled')
      cleanups.push(() => postgresS.value.current?.stop() ?? Promise.resolve())
    if (redisS.status === 'rejected') throw redisS.reason
    if (kafkaS.status === 'rejected') throw kafkaS.reason
    if (postgresS.status === 'rejected') throw postgresS.reason
    const [redisC, kafkaC, postgres] = [redisS.value, kafkaS.value, postgresS.value]
    const env: Record<string, string> = {
      ...(process.env as Record<string, string>),
      NODE_ENV: 'development',
      REDIS_URL: redisC.url,
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: kafkaC.bootstrap.join(','),
      FC_KAFKA_TOPIC_PREFIX: 'chaos',
      FC_REDIS_PREFIX: KEYS.prefix,
      FC_KAFKA_PARTITIONS: '3',
      FC_DEV_AUTH: '1',
      FC_JWT_SECRET: SECRET,
      FC_LOG_LEVEL: 'error',
      FC_ADMISSION_TICK_MS: '200',
      PORT: String(apiPort),
      HOST: '127.0.0.1',
      // The fleet's readiness and metrics (the API primary's): never the default port a running stack owns.
      FC_INTERNAL_PORT: String(internalPort)
    }
    const procs = new Processes(options.root, dir, say)
    cleanups.push(() => procs.stopAll())
    await procs.run('migrate', ['migrate'], env, true)
    const api = procs.start('api', ['serve', '--processes', '2'], { ...env, FC_WORKERS: '0' })
    const workers = [1, 2].map((i) =>
      procs.start(`worker-${i}`, ['worker'], { ...env, FC_WORKERS: '1' }, true)
    )
    const base = `http://127.0.0.1:${apiPort}`
    await waitFor(
      async () =>
        (await fetch(`http://127.0.0.1:${internalPort}/ready`)
          .then((r) => r.ok)
          .catch(() => false)) || undefined,
      120_000,
      'API ready'
    )
    await waitFor(
      async () => (await procs.children(api).length) === 2 || undefined,
      60_000,
      'two API processes'
    )
    say(`chaos: stack up in ${((Date.now() - started) / 1000).toFixed(1)} s`)

    const client = new Client(base)
    const adminToken = await client.token('chaos-admin', 'admin')
    const seats = options.seats ?? Math.max(10, Math.floor((options.users * PER_USER * 3) / 4))
    const perRow = 20
    const rows = Math.ceil(seats / perRow)
    const capacity = rows * perRow
    const sale = await client.call('POST', '/v1/admin/events', adminToken, {
      name: 'chaos',
      kind: 'seated',
      seats: { sections: [{ name: 'A', rows, seatsPerRow: perRow, price: 1000 }] },
      perUserLimit: PER_USER,
      holdTtlSec: 120,
      // Slower than the arrivals, so a queue forms and admission spans many ticks while the first
      // faults hit (the scheduler's worker is killed, Redis fails over): I7 has something to check.
      admission: {
        ratePerSec: Math.max(5, Math.ceil(options.users / 10)),
        maxActive: 100_000,
        accessTtlSec: ACCESS_TTL_SEC
      }
    })
    const saleId = String((sale.body as { id: string }).id)
    // The end-to-end probes buy in a sale of their own: the main sale sells out during the run,
    // and a sold-out sale closes its queue, which would look like a failure to recover.
    const probeSale = await client.call('POST', '/v1/admin/events', adminToken, {
      name: 'chaos probes',
      kind: 'seated',
      seats: { sections: [{ name: 'A', rows: 5, seatsPerRow: 20, price: 1000 }] },
      perUserLimit: 1,
      admission: { ratePerSec: 100, maxActive: 100_000, accessTtlSec: 900 }
    })
    const probeSaleId = String((probeSale.body as { id: string }).id)
    const redis = await connectRedis(redisC.url, 'firstcome-chaos')
    cleanups.push(async () => redis.destroy())

    // Load and faults run side by side; faults start once buyers are busy.
    const loadStartedAt = Date.now()
    const deadline = loadStartedAt + options.durationSec * 1000
    const load = runLoad(client, saleId, options.users, capacity, deadline)
    const faults = await injectFaults({
      say,
      procs,
      api,
      workers,
      redisC,
      kafkaC,
      postgres,
      redis,
      saleId,
      probeSaleId,
      client,
      base
    })
    const outcome = await load
    say(`chaos: load done: ${outcome.accepted.size} accepted reservations`)

    const report = await checkInvariants({
      databaseUrl,
      redis,
      saleId,
      capacity,
      accepted: outcome.accepted,
      client,
      adminToken,
      tickets: outcome.tickets,
      admissions: outcome.admissions,
      loadStartedAt
    })
    return {
      ...report,
      durationMs: Date.now() - started,
      capacity,
      faults,
      requests: { ok: client.ok, retried: client.retried }
    }
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined)
    rmSync(dir, { recursive: true, force: true })
  }
}

/** The run's own PostgreSQL (never the machine's shared one), restartable for the PG fault. */
async function startOwnPostgres(dir: string, url: string, say: (line: string) => void) {
  const ctx = {
    root: dir,
    dataRoot: join(dir, 'pg'),
    env: process.env,
    detached: false,
    progress: (_phase: string, message: string) => say(`postgres: ${message}`)
  }
  const holder: { current: StartedService | undefined; restart(): Promise<number> } = {
    current: undefined,
    async restart() {
      await holder.current?.stop()
      const t = Date.now()
      holder.current = await ensurePostgres(ctx, url)
      return Date.now() - t
    }
  }
  holder.current = await ensurePostgres(ctx, url)
  return holder
}

interface Proc {
  name: string
  args: string[]
  env: Record<string, string>
  /** The running child; replaced when a supervised process is started again. */
  child: ChildProcess
  /** Started again 1 s after any exit, as systemd or Kubernetes would (workers). */
  supervised: boolean
  restarts: number
}

/** The run's firstcome processes: started, supervised, killed, and finally stopped. */
class Processes {
  readonly #list: Proc[] = []
  #stopping = false
  constructor(
    readonly root: string,
    readonly dir: string,
    readonly say: (line: string) => void
  ) {}

  start(name: string, args: string[], env: Record<string, string>, supervised = false): Proc {
    const proc: Proc = { name, args, env, child: this.#spawn(name, args, env), supervised, restarts: 0 }
    this.#watch(proc)
    this.#list.push(proc)
    return proc
  }

  #spawn(name: string, args: string[], env: Record<string, string>): ChildProcess {
    const child = spawnFirstcome(this.root, args, { env })
    child.stderr?.on('data', (chunk: Buffer) => {
      const text = chunk.toString().trim()
      if (text && !/listening|running|API process/.test(text))
        this.say(`${name}: ${text.split('\n')[0]?.slice(0, 200)}`)
    })
    return child
  }

  #watch(proc: Proc): void {
    proc.child.once('exit', (code, signal) => {
      if (!proc.supervised || this.#stopping) return
      this.say(`chaos: ${proc.name} exited (${signal ?? code}); restarting it in 1 s`)
      setTimeout(() => {
        if (this.#stopping) return
        proc.restarts++
        proc.child = this.#spawn(proc.name, proc.args, proc.env)
        this.#watch(proc)
      }, 1000).unref()
    })
  }

  async run(name: string, args: string[], env: Record<string, string>, mustSucceed: boolean): Promise<void> {
    const proc = this.start(name, args, env)
    const code = await new Promise<number | null>((resolve) => proc.child.once('exit', resolve))
    if (mustSucceed && code !== 0) throw new Error(`firstcome ${args.join(' ')} exited with ${code}`)
  }

  /** Pids of a process's children (the node:cluster workers of `serve --processes`). */
  children(proc: Proc): number[] {
    return childPids(proc.child.pid).filter((pid) => isPidAlive(pid))
  }

  async stopAll(): Promise<void> {
    this.#stopping = true
    await Promise.all(
      this.#list.map(async (p) => {
        const pid = p.child.pid
        if (pid === undefined) return
        try {
          process.kill(pid, 'SIGCONT')
        } catch {
          // Gone.
        }
        for (const child of this.children(p))
          await killGracefully(child, { signal: 'SIGTERM', graceMs: 10_000 })
        await killGracefully(pid, { signal: 'SIGTERM', graceMs: 15_000 })
      })
    )
  }
}

/** A small HTTP client that retries what a fault may interrupt (5xx, resets) with the same body and key. */
class Client {
  ok = 0
  retried = 0
  constructor(readonly base: string) {}

  async token(userId: string, role?: string): Promise<string> {
    const res = await this.call('POST', '/v1/dev/token', undefined, role ? { userId, role } : { userId })
    return String((res.body as { token: string }).token)
  }

  async call(
    method: string,
    path: string,
    token: string | undefined,
    body?: unknown,
    headers: Record<string, string> = {},
    deadline = Date.now() + 60_000
  ): Promise<{ status: number; body: unknown }> {
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await fetch(`${this.base}${path}`, {
          method,
          headers: {
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            ...(token ? { authorization: `Bearer ${token}` } : {}),
            ...headers
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(10_000)
        })
        const parsed = (await res.json().catch(() => ({}))) as unknown
        if (res.status === 429) {
          await delay(Number(res.headers.get('retry-after') ?? '1') * 1000)
          continue
        }
        if (res.status < 500 || Date.now() > deadline) {
          this.ok++
          return { status: res.status, body: parsed }
        }
      } catch (error) {
        if (Date.now() > deadline) throw error
      }
      this.retried++
      await delay(Math.min(100 * 2 ** attempt, 1000))
    }
  }
}

/** Every buyer: join, wait for admission, then hold and confirm seats until the limit or sold out. */
async function runLoad(client: Client, saleId: string, users: number, capacity: number, deadline: number) {
  const accepted = new Map<string, Accepted>()
  const tickets = new Map<string, number>()
  // When each buyer was admitted, as the scheduler recorded it: the access expiry it signed.
  const admissions = new Map<string, { ticket: number; until: number }>()
  const buyer = async (u: number) => {
    const userId = `buyer${u}`
    const token = await client.token(userId)
    const joined = await client.call('POST', `/v1/events/${saleId}/queue`, token, {})
    tickets.set(userId, Number((joined.body as { ticket?: number }).ticket ?? 0))
    let access: string | undefined
    while (!access && Date.now() < deadline) {
      const s = await client.call('GET', `/v1/events/${saleId}/queue`, token)
      const body = s.body as { state?: string; accessToken?: string; expiresAt?: string }
      if (body.accessToken) {
        access = body.accessToken
        admissions.set(userId, {
          ticket: tickets.get(userId) ?? 0,
          until: Date.parse(body.expiresAt ?? '') || Number.NaN
        })
      } else if (body.state === 'closed') return
      else await delay(300)
    }
    if (!access) return
    let mine = 0
    // Each buyer walks the seats from a different start; taken seats answer 409 and are skipped.
    for (let i = 0; i < capacity && mine < PER_USER && Date.now() < deadline; i++) {
      const n = (u * 7 + i) % capacity
      const seatId = `A-${Math.floor(n / 20) + 1}-${(n % 20) + 1}`
      const hold = await client.call(
        'POST',
        `/v1/events/${saleId}/holds`,
        token,
        { seatId },
        { 'x-access-token': access, 'idempotency-key': `h-${userId}-${seatId}` }
      )
      if (hold.status === 409 && (hold.body as { code?: string }).code === 'FC_SOLD_OUT') return
      if (hold.status === 409 && (hold.body as { code?: string }).code === 'FC_LIMIT_REACHED') return
      if (hold.status !== 201) continue
      const holdId = String((hold.body as { holdId: string }).holdId)
      const key = `c-${holdId}`
      const confirm = await client.call(
        'POST',
        `/v1/holds/${holdId}/confirm`,
        token,
        { payment: {} },
        { 'x-access-token': access, 'idempotency-key': key }
      )
      if (confirm.status === 202) {
        accepted.set(String((confirm.body as { reservationId: string }).reservationId), {
          userId,
          holdId,
          key,
          access,
          acceptedAt: Date.now()
        })
        mine++
      }
    }
  }
  const all: Array<Promise<void>> = []
  for (let u = 0; u < users; u++) {
    all.push(buyer(u).catch(() => undefined))
    // Arrivals spread over the first seconds, like a sale opening.
    if (u % 50 === 49) await delay(100)
  }
  await Promise.all(all)
  return { accepted, tickets, admissions }
}

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const value = await pollUntil(probe, { timeoutMs, intervalMs: 100 })
  if (value === undefined) throw new Error(`chaos: ${what} not reached within ${timeoutMs} ms`)
  return value
}

async function injectFaults(c: {
  say: (line: string) => void
  procs: Processes
  api: Proc
  workers: Proc[]
  redisC: RedisClusterHandle
  kafkaC: KafkaClusterHandle
  postgres: Awaited<ReturnType<typeof startOwnPostgres>>
  redis: RedisClient
  /** A sale of its own for the end-to-end probes (the main one sells out). */
  probeSaleId: string
  saleId: string
  client: Client
  base: string
}): Promise<FaultResult[]> {
  const results: FaultResult[] = []
  const record = (fault: string, injectedAt: number, recoveryMs: number | null, measure: string) => {
    results.push({ fault, injectedAt, recoveryMs, measure })
    c.say(`chaos: ${fault}: recovered in ${recoveryMs ?? '?'} ms (${measure})`)
  }
  await delay(1500)

  // 1. SIGKILL one API process: node:cluster's primary replaces it; the other keeps serving.
  {
    const victim = c.procs.children(c.api)[0]
    const t = Date.now()
    if (victim) process.kill(victim, 'SIGKILL')
    const back = await pollUntil(
      async () =>
        c.procs.children(c.api).filter((p) => p !== victim).length === 2 ? Date.now() - t : undefined,
      { timeoutMs: 60_000, intervalMs: 50 }
    )
    record('SIGKILL an API process', t, back ?? null, 'until a replacement process runs beside the survivor')
  }

  // 2. SIGKILL a worker (consumers, scheduler): its supervisor starts it again after 1 s, and its
  // partitions move in a rebalance.
  {
    const victim = c.workers[0]
    const t = Date.now()
    if (victim?.child.pid) process.kill(victim.child.pid, 'SIGKILL')
    const ok = await probeWrite({ ...c, saleId: c.probeSaleId }, 60_000)
    record(
      'SIGKILL a worker process (supervisor restarts it after 1 s)',
      t,
      ok === undefined ? null : Date.now() - t,
      'until a new confirm is processed end to end'
    )
  }

  // 3. SIGKILL the Kafka broker that coordinates the booking consumer group (every member must
  // find the new coordinator; the partitions it led move too); restart it once writes go through.
  {
    const coordinator = await groupCoordinator(c.kafkaC.bootstrap, bookingGroupId('chaos'))
    const broker = c.kafkaC.brokers.find((b) => b.nodeId === coordinator) ?? c.kafkaC.brokers[0]
    const t = Date.now()
    if (broker) await c.kafkaC.kill(broker.nodeId)
    const ok = await probeWrite({ ...c, saleId: c.probeSaleId }, 60_000)
    const firstOk = ok === undefined ? null : Date.now() - t
    if (broker) await c.kafkaC.restart(broker.nodeId)
    record(
      `SIGKILL a Kafka broker (node ${broker?.nodeId}, ${broker?.nodeId === coordinator ? 'the booking group coordinator' : 'coordinator unknown'})`,
      t,
      firstOk,
      'until a confirm is published (acks=all, 2 in-sync copies) and processed'
    )
  }

  // 4. SIGKILL the Redis primary serving the sale's slot: its replica takes over.
  {
    const key = `${KEYS.base(c.saleId)}:chaos-probe`
    const port = await c.redisC.primaryFor(key)
    const t = Date.now()
    await c.redisC.kill(port)
    const back = await pollUntil(
      async () => {
        try {
          await c.redis.incr(key)
          return Date.now() - t
        } catch {
          return undefined
        }
      },
      { timeoutMs: 60_000, intervalMs: 50 }
    )
    await c.redisC.restart(port)
    record(
      'SIGKILL the Redis primary of the sale',
      t,
      back ?? null,
      'until a write to the sale slot succeeds on the promoted replica'
    )
  }

  // 5. Restart PostgreSQL (the run's own).
  {
    const t = Date.now()
    await c.postgres.restart()
    const ok = await probeWrite({ ...c, saleId: c.probeSaleId }, 60_000)
    record(
      'restart PostgreSQL',
      t,
      ok === undefined ? null : Date.now() - t,
      'until a confirm is persisted again'
    )
  }

  // 6. SIGSTOP a worker past its admission lease (1.5 ticks = 300 ms) and past its Kafka session
  // (the group hands its partitions to the other worker), then SIGCONT: it wakes up a stale member
  // with a batch in hand, which must neither be lost nor committed over the new owner's progress.
  {
    const victim = c.workers[1]
    const pid = victim?.child.pid
    const frozenMs = SESSION_TIMEOUT_MS + 2000
    const t = Date.now()
    if (pid) process.kill(pid, 'SIGSTOP')
    const ok = await probeWrite({ ...c, saleId: c.probeSaleId }, 60_000)
    const recovered = ok === undefined ? null : Date.now() - t
    await delay(Math.max(0, frozenMs - (Date.now() - t)))
    if (pid) process.kill(pid, 'SIGCONT')
    record(
      `SIGSTOP a worker for ${frozenMs / 1000} s`,
      t,
      recovered,
      'until a confirm is processed while it is frozen'
    )
  }
  return results
}

/** The broker coordinating a consumer group (-1 when it cannot be told). */
async function groupCoordinator(bootstrap: readonly string[], groupId: string): Promise<number> {
  const admin = new Admin({ clientId: 'firstcome-chaos', bootstrapBrokers: [...bootstrap], retries: 2 })
  try {
    const [found] = await admin.findCoordinator({ keyType: FindCoordinatorKeyTypes.GROUP, keys: [groupId] })
    return found?.nodeId ?? -1
  } catch {
    return -1
  } finally {
    await admin.close().catch(() => undefined)
  }
}

/** One buyer of its own holding and confirming one seat, waiting for the terminal state: the end-to-end probe. */
let probeUser = 0
async function probeWrite(
  c: { client: Client; saleId: string; base: string },
  timeoutMs: number
): Promise<true | undefined> {
  const userId = `probe${probeUser++}`
  const deadline = Date.now() + timeoutMs
  try {
    const token = await c.client.token(userId)
    await c.client.call('POST', `/v1/events/${c.saleId}/queue`, token, {}, {}, deadline)
    const access = await pollUntil(
      async () =>
        (
          (await c.client.call('GET', `/v1/events/${c.saleId}/queue`, token, undefined, {}, deadline))
            .body as { accessToken?: string }
        ).accessToken,
      { timeoutMs: Math.max(0, deadline - Date.now()), intervalMs: 100 }
    )
    if (!access) return undefined
    // Any seat will do: the probe asks the API which are free.
    const seats = await c.client.call('GET', `/v1/events/${c.saleId}/seats`, token, undefined, {}, deadline)
    const free = ((seats.body as { seats?: Array<{ id: string; state: string }> }).seats ?? []).filter(
      (s) => s.state === 'available'
    )
    for (const seat of free.slice(0, 5)) {
      const hold = await c.client.call(
        'POST',
        `/v1/events/${c.saleId}/holds`,
        token,
        { seatId: seat.id },
        { 'x-access-token': access, 'idempotency-key': `p-${userId}-${seat.id}` },
        deadline
      )
      if (hold.status !== 201) continue
      const holdId = String((hold.body as { holdId: string }).holdId)
      const confirm = await c.client.call(
        'POST',
        `/v1/holds/${holdId}/confirm`,
        token,
        { payment: {} },
        { 'x-access-token': access, 'idempotency-key': `pc-${holdId}` },
        deadline
      )
      if (confirm.status !== 202) return undefined
      const id = String((confirm.body as { reservationId: string }).reservationId)
      return await pollUntil(
        async () => {
          const r = await c.client.call('GET', `/v1/reservations/${id}`, token, undefined, {}, deadline)
          const status = (r.body as { status?: string }).status
          return status === 'confirmed' || status === 'failed' ? true : undefined
        },
        { timeoutMs: Math.max(0, deadline - Date.now()), intervalMs: 100 }
      )
    }
    // Sold out: the write path answered, which is what the probe measures.
    return true
  } catch {
    return undefined
  }
}

async function checkInvariants(c: {
  databaseUrl: string
  redis: RedisClient
  saleId: string
  capacity: number
  accepted: Map<string, Accepted>
  client: Client
  adminToken: string
  tickets: Map<string, number>
  admissions: Map<string, { ticket: number; until: number }>
  loadStartedAt: number
}): Promise<Omit<ChaosReport, 'durationMs' | 'capacity' | 'faults' | 'requests'>> {
  const db = new pg.Client({ connectionString: c.databaseUrl })
  await db.connect()
  try {
    const ids = [...c.accepted.keys()]
    // I4: wait (bounded) for every accepted reservation to become terminal.
    const loadEnded = Date.now()
    const terminalWithin = await pollUntil(
      async () => ((await notTerminal(db, 'reservations', ids)).length === 0 ? true : undefined),
      { timeoutMs: 90_000, intervalMs: 250 }
    )
    const settledMs = terminalWithin === true ? Date.now() - loadEnded : null
    const lost = (await notTerminal(db, 'reservations', ids)).length
    const lostDetail = lost > 0 ? await describeLost(db, c.redis, c.saleId, c.accepted, c.loadStartedAt) : []
    const count = await countByStatus(db, 'reservations', c.saleId)
    const doubles = await seatsConfirmedTwice(db, c.saleId)
    const overLimit = await usersOverLimit(db, 'reservations', c.saleId, PER_USER)
    const oversold = doubles.length + Math.max(0, count('confirmed') - c.capacity)

    // I5: the reconciler repairs any drift from PostgreSQL; then Redis must agree with it.
    const reconcile = await c.client.call('POST', `/v1/admin/events/${c.saleId}/reconcile`, c.adminToken, {})
    // The ledger sink moves the last holds into PostgreSQL within a few ticks: compare until equal (20 s).
    const stock = async () => ({
      ...(await redisStock(c.redis, c.saleId)),
      dbLive: await liveUnits(db, c.saleId)
    })
    const settled = await pollUntil(
      async () => {
        const s = await stock()
        return s.available === s.capacity - s.dbLive ? s : undefined
      },
      { timeoutMs: 20_000, intervalMs: 250 }
    )
    const { capacity, available, held, pending, sold, dbLive } = settled ?? (await stock())

    // I6: replaying a confirm with its key answers the same reservation.
    let replayMismatch = 0
    for (const [id, a] of [...c.accepted].slice(0, 10)) {
      const token = await c.client.token(a.userId)
      const again = await c.client.call(
        'POST',
        `/v1/holds/${a.holdId}/confirm`,
        token,
        { payment: {} },
        { 'idempotency-key': a.key, 'x-access-token': a.access }
      )
      const body = again.body as { reservationId?: string }
      if (again.status < 400 && body.reservationId !== id) replayMismatch++
    }
    const reasons = await failureReasons(db, ids)
    const dlq = await deadLetters(db, c.saleId)
    const tickets = [...c.tickets.values()].filter((t) => t > 0)
    const order = admissionOrder([...c.admissions.values()])
    const invariants: InvariantResult[] = [
      {
        name: 'I1 one confirmed booking per seat',
        ok: doubles.length === 0,
        detail: `${doubles.length} seats with two`
      },
      {
        name: 'I2 confirmed + pending + held <= capacity',
        ok: held + pending + sold <= capacity && count('confirmed') + count('pending') <= c.capacity,
        detail: `redis ${held}+${pending}+${sold} of ${capacity}; db ${count('confirmed')}+${count('pending')}`
      },
      {
        name: 'I3 per-user limit',
        ok: overLimit.length === 0,
        detail: `${overLimit.length} users over ${PER_USER}`
      },
      {
        name: 'I4 every accepted request terminal (nothing lost)',
        ok: lost === 0 && terminalWithin === true,
        detail: `${lost} of ${ids.length} not terminal${lostDetail.length > 0 ? `: ${lostDetail.join('; ')}` : ''}`
      },
      {
        name: 'I5 Redis stock = capacity - DB(held+pending+confirmed)',
        ok: reconcile.status < 400 && available === capacity - dbLive,
        detail: `available ${available}, db live ${dbLive}; reconcile ${JSON.stringify(reconcile.body).slice(0, 300)}`
      },
      {
        name: 'I6 same key, same response, one effect',
        ok: replayMismatch === 0,
        detail: `${replayMismatch} replays answered differently`
      },
      {
        name: 'I7 admission follows ticket order (unique tickets; no buyer admitted before an earlier ticket)',
        ok:
          new Set(tickets).size === tickets.length &&
          order.outOfOrder === 0 &&
          order.unknown === 0 &&
          order.admitted > 0,
        detail:
          `${tickets.length} tickets, ${new Set(tickets).size} distinct; ${order.admitted} admitted in ` +
          `${order.ticks} ticks, ${order.outOfOrder} out of order${order.example ? ` (${order.example})` : ''}` +
          `${order.unknown > 0 ? `, ${order.unknown} without an admission time` : ''}`
      }
    ]
    return {
      passed: invariants.every((i) => i.ok) && lost === 0 && oversold === 0,
      accepted: ids.length,
      confirmed: count('confirmed'),
      failed: count('failed') + count('expired'),
      lost,
      lostDetail,
      oversold,
      settledMs,
      deadLetters: dlq,
      failedReasons: reasons,
      admission: { admitted: order.admitted, ticks: order.ticks, outOfOrder: order.outOfOrder },
      invariants
    }
  } finally {
    await db.end().catch(() => undefined)
  }
}

/** Where the first few accepted reservations that are not terminal stand: PostgreSQL and Redis. */
async function describeLost(
  db: Queryable,
  redis: RedisClient,
  saleId: string,
  accepted: Map<string, Accepted>,
  loadStartedAt: number
): Promise<string[]> {
  const rows = await notTerminalDetail(
    db,
    [...accepted].map(([id, a]) => ({ id, holdId: a.holdId }))
  )
  return Promise.all(
    rows.map(async (row) => {
      const a = accepted.get(row.id)
      const redisState = a ? await redisUnitState(redis, saleId, a.holdId) : 'none'
      const at = a ? `+${((a.acceptedAt - loadStartedAt) / 1000).toFixed(1)} s` : '?'
      return `${row.id} accepted ${at}: row ${row.status ?? 'none'}, mirror ${row.mirror ?? 'none'}, attempt ${row.attempted ? 'yes' : 'no'}, redis ${redisState}`
    })
  )
}
