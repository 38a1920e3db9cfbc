/**
 * `npm run bench:drain -- --backlog`: a backlog drained through the real pipeline. With the
 * consumers stopped, the buyer service (the API's own code, minus HTTP) accepts `--claims` coupon
 * claims and `--confirms` seated confirms: each one is decided in Redis and published to Kafka
 * (acks=all), as a 202 would be. Then a runtime with its workers starts (booking and coupon
 * consumers, payments through the simulated gateway, the outbox relay, the ledger sink, every
 * periodic worker) and the clock runs until every request is terminal in PostgreSQL and its result
 * is published to the results topic. That rate is set against the raw insert ceiling of the same
 * rows (every row the drain leaves behind, final state, one multi-row INSERT per 5,000 requests)
 * in the same database in the same run. Invariants are checked after the drain.
 *
 *   npm run bench:drain -- --backlog --claims 100000 --confirms 20000 [--batch 500] [--cpu-prof]
 *
 * Targets 127.0.0.1 only; a fresh database, Redis prefix and topics, all removed at the end.
 */
import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import os from 'node:os'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { pino } from 'pino'
import { createClient } from 'redis'
import { createKafkaAdmin } from '../src/adapters/kafka/index.ts'
import { pipelineTopicNames, pipelineTopics } from '../src/adapters/kafka/topics.ts'
import { couponCodeOf } from '../src/adapters/postgres/booking-store.ts'
import { createPool } from '../src/adapters/postgres/pool.ts'
import { createRuntime, type Runtime } from '../src/app/runtime.ts'
import { type Config, loadConfig } from '../src/config/index.ts'
import { newChildId, newSaleId } from '../src/domain/ids.ts'
import { signDevToken } from '../src/http/auth.ts'
import { reservationIdOf } from '../src/services/sales/buyer-service.ts'
import { bookingGroupId } from '../src/workers/booking-consumer.ts'
import { couponGroupId } from '../src/workers/coupon-consumer.ts'
import {
  approvedNotConfirmed,
  notTerminal,
  outboxOutcomes,
  seatsConfirmedTwice,
  usersOverLimit
} from '../tools/invariants.ts'
import { openBenchClients } from './lib/clients.ts'
import { cpuSec } from './lib/proc.ts'
import { kafkaBrokerPid } from './lib/server-cpu.ts'
import { assertLoopback } from './protocol.ts'
import { type Snapshot, snapshot, usage } from './resources.ts'

const CEILING_SQL = readFileSync(new URL('./drain-backlog.sql', import.meta.url), 'utf8')
const TARGET = 0.5

const { values } = parseArgs({
  options: {
    backlog: { type: 'boolean', default: true },
    claims: { type: 'string', default: '100000' },
    confirms: { type: 'string', default: '20000' },
    users: { type: 'string', default: '20000' },
    'payment-latency': { type: 'string', default: '0' },
    /** The consumers' largest batch (maxBatchSize; the runtime's default is 500). */
    batch: { type: 'string', default: '500' },
    /** Members of each consumer group in the draining process (FC_CONSUMERS_PER_PROCESS). */
    consumers: { type: 'string', default: '1' },
    'cpu-prof': { type: 'boolean', default: false }
  }
})
const CLAIMS = Number(values.claims)
const CONFIRMS = Number(values.confirms)
const USERS = Math.max(Number(values.users), CONFIRMS)
const PER_ROW = 100
const CLAIMS_PER_USER = Math.ceil(CLAIMS / USERS)

async function pool<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>) {
  let next = 0
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++]!)
    })
  )
}

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size))
  return out
}

/** Redis command calls so far (INFO commandstats), for calls per booking. */
async function redisCalls(redis: { info(section: string): Promise<string> }): Promise<number> {
  const info = await redis.info('commandstats')
  let total = 0
  for (const m of info.matchAll(/calls=(\d+)/g)) total += Number(m[1])
  return total
}

/** Transactions committed in the database so far, and the server's statements if it counts them. */
async function pgCounters(db: pg.Pool, name: string): Promise<{ commits: number }> {
  const { rows } = await db.query<{ c: string }>(
    'SELECT xact_commit::text AS c FROM pg_stat_database WHERE datname = $1',
    [name]
  )
  return { commits: Number(rows[0]?.c ?? 0) }
}

/** CPU of every party (this process, Redis, the database's backends, the broker's JVM, the machine). */
interface Parties {
  at: Snapshot
  kafkaSec: number
}

async function parties(redis: { info(section: string): Promise<string> }, db: string): Promise<Parties> {
  const kafka = await kafkaBrokerPid()
  const kafkaSec = kafka === undefined ? 0 : await cpuSec(kafka)
  return {
    at: await snapshot(process.pid, (s) => redis.info(s), undefined, db),
    kafkaSec: Number.isNaN(kafkaSec) ? 0 : kafkaSec
  }
}

/** "CPU-s (cores)" of each party between two readings, and per request. */
function partiesLine(a: Parties, b: Parties, requests: number): string {
  const wall = (b.at.atMs - a.at.atMs) / 1000
  const u = usage(a.at, b.at)
  const kafka = (b.kafkaSec - a.kafkaSec) / wall
  // (usage() also counts this process as its "load generator": left out here.)
  const other = Math.max(0, u.cores.machine - u.cores.server - u.cores.postgres - u.cores.redis - kafka)
  const parts: Array<[string, number]> = [
    ['this process (consumers, relay, workers)', u.cores.server],
    ['PostgreSQL backends', u.cores.postgres],
    ['Kafka broker', kafka],
    ['Redis', u.cores.redis],
    ['other (PostgreSQL WAL writer and checkpointer, kernel, the rest)', other],
    ['whole machine', u.cores.machine]
  ]
  return parts
    .map(
      ([name, cores]) =>
        `${name} ${(cores * wall).toFixed(1)} CPU-s (${cores.toFixed(2)} cores, ${((cores * wall * 1e6) / requests).toFixed(0)} µs per request)`
    )
    .join('; ')
}

/** Accepts the backlog through the buyer service, with no consumer running: Redis + Kafka only. */
async function accept(
  rt: Runtime
): Promise<{ couponSale: string; seatedSale: string; claimIds: string[]; reservationIds: string[] }> {
  const adminToken = await signDevToken(rt.config, 'bench-admin', 'admin')
  const create = async (payload: Record<string, unknown>): Promise<string> => {
    const res = await rt.app.inject({
      method: 'POST',
      url: '/v1/admin/events',
      headers: { authorization: `Bearer ${adminToken}` },
      payload
    })
    if (res.statusCode !== 201) throw new Error(`create sale: ${res.statusCode} ${res.body}`)
    return (res.json() as { id: string }).id
  }
  const admission = { ratePerSec: 1_000_000, maxActive: 10_000_000, accessTtlSec: 86_400 }
  const couponSale = await create({
    name: 'backlog coupons',
    kind: 'coupon',
    quantity: CLAIMS,
    perUserLimit: CLAIMS_PER_USER,
    admission
  })
  const seatedSale = await create({
    name: 'backlog seats',
    kind: 'seated',
    seats: {
      sections: [{ name: 'A', rows: Math.ceil(CONFIRMS / PER_ROW), seatsPerRow: PER_ROW, price: 5000 }]
    },
    perUserLimit: 1,
    holdTtlSec: 3600,
    admission
  })
  const users = Array.from({ length: USERS }, (_, i) => `buyer-${i}`)
  const until = Date.now() + 3_600_000
  const clients = await openBenchClients(rt.config)
  try {
    await clients.inventory.admit(couponSale, users, until)
    await clients.inventory.admit(seatedSale, users, until)
  } finally {
    await clients.close()
  }
  const claimIds: string[] = []
  const reservationIds: string[] = []
  const started = performance.now()
  await pool(
    Array.from({ length: CLAIMS }, (_, i) => i),
    200,
    async (i) => {
      const userId = users[i % USERS]!
      const res = await rt.buyers.claim(
        {
          userId,
          accessToken: rt.tokens.sign({ userId, saleId: couponSale, exp: until }),
          idempotencyKey: `c-${i}`
        },
        couponSale
      )
      if (res.statusCode !== 202) throw new Error(`claim ${res.statusCode} ${JSON.stringify(res.body)}`)
      claimIds.push((res.body as { claimId: string }).claimId)
    }
  )
  const claimSeconds = (performance.now() - started) / 1000
  const holdsStarted = performance.now()
  await pool(
    Array.from({ length: CONFIRMS }, (_, i) => i),
    200,
    async (i) => {
      const userId = users[i]!
      const call = {
        userId,
        accessToken: rt.tokens.sign({ userId, saleId: seatedSale, exp: until }),
        idempotencyKey: `h-${i}`
      }
      const seatId = `A-${Math.floor(i / PER_ROW) + 1}-${(i % PER_ROW) + 1}`
      const held = await rt.buyers.hold(call, seatedSale, seatId)
      if (held.statusCode !== 201) throw new Error(`hold ${held.statusCode} ${JSON.stringify(held.body)}`)
      const holdId = (held.body as { holdId: string }).holdId
      const res = await rt.buyers.confirm({ ...call, idempotencyKey: `k-${i}` }, holdId, {
        simulate: 'approve'
      })
      if (res.statusCode !== 202) throw new Error(`confirm ${res.statusCode} ${JSON.stringify(res.body)}`)
      reservationIds.push(reservationIdOf(holdId))
    }
  )
  console.error(
    `backlog accepted: ${CLAIMS} claims in ${claimSeconds.toFixed(1)} s, ${CONFIRMS} holds + confirms in ${((performance.now() - holdsStarted) / 1000).toFixed(1)} s`
  )
  return { couponSale, seatedSale, claimIds, reservationIds }
}

/** The raw ceiling: the drain's final rows for fresh ids, one multi-row INSERT per 5,000 requests. */
async function ceiling(db: pg.Pool, topic: string): Promise<number> {
  const seated = newSaleId()
  const coupons = newSaleId()
  const total = CLAIMS + CONFIRMS
  const share = CONFIRMS / total
  const requests = Array.from({ length: total }, (_, i) => i)
  const started = performance.now()
  for (const chunk of chunks(requests, 5000)) {
    const nSeated = Math.round(chunk.length * share)
    const holds = Array.from({ length: nSeated }, () => newChildId(seated, 'h'))
    const claims = Array.from({ length: chunk.length - nSeated }, () => newChildId(coupons, 'c'))
    await db.query(CEILING_SQL, [
      holds.map(reservationIdOf),
      seated,
      holds,
      holds.map((_, i) => `A-${chunk[0]! + i + 1}-1`),
      holds.map((_, i) => `buyer-${(chunk[0]! + i) % USERS}`),
      claims,
      coupons,
      claims.map((_, i) => `buyer-${(chunk[0]! + i) % USERS}`),
      claims.map(couponCodeOf),
      topic
    ])
  }
  return total / ((performance.now() - started) / 1000)
}

/** Times every batch the consumers hand to the pipeline: how many, how big, how long, when the first began. */
function traceBatches(rt: Runtime, t0: number) {
  const stats = {
    claims: { n: 0, items: 0, ms: 0, first: Number.NaN },
    bookings: { n: 0, items: 0, ms: 0, first: Number.NaN }
  }
  const wrap =
    <A extends unknown[], R>(kind: keyof typeof stats, fn: (...a: A) => Promise<R>) =>
    async (...a: A): Promise<R> => {
      const s = stats[kind]
      const began = performance.now()
      if (Number.isNaN(s.first)) s.first = began - t0
      try {
        return await fn(...a)
      } finally {
        s.n++
        s.items += (a[0] as unknown[]).length
        s.ms += performance.now() - began
      }
    }
  const p = rt.pipeline
  p.processClaims = wrap('claims', p.processClaims.bind(p))
  p.processBookings = wrap('bookings', p.processBookings.bind(p))
  return {
    summary: () =>
      Object.entries(stats)
        .map(
          ([k, s]) =>
            `${k} ${s.n} (mean ${(s.items / s.n).toFixed(0)} requests, ${(s.ms / s.n).toFixed(0)} ms each, ${(s.ms / 1000).toFixed(1)} s in all; first after ${(s.first / 1000).toFixed(1)} s)`
        )
        .join('; ')
  }
}

async function main(): Promise<void> {
  const base = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/firstcome'
  assertLoopback(base, 'DATABASE_URL')
  assertLoopback(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 'REDIS_URL')
  const dbName = `fc_bench_${randomBytes(5).toString('hex')}`
  const maintenance = new URL(base)
  maintenance.pathname = '/postgres'
  const dbUrl = new URL(base)
  dbUrl.pathname = `/${dbName}`
  const admin = new pg.Client({ connectionString: maintenance.toString() })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${dbName}`)
  const config: Config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: dbUrl.toString(),
    FC_REDIS_PREFIX: `b${randomBytes(5).toString('hex')}`,
    FC_KAFKA_TOPIC_PREFIX: `bench${randomBytes(4).toString('hex')}`,
    FC_JWT_SECRET: 'bench-secret-bench-secret-bench-secret-01',
    FC_TOKEN_SECRET: randomBytes(32).toString('hex'),
    FC_LOG_LEVEL: 'error',
    FC_WORKERS: '0',
    FC_PAYMENT_LATENCY_MS: values['payment-latency'],
    FC_PAYMENT_DECLINE_RATE: '0',
    FC_PAYMENT_TIMEOUT_RATE: '0'
  })
  const logger = pino({ level: 'error' }, pino.destination({ fd: 2, sync: true }))
  const redis = createClient({ url: config.redis.url })
  await redis.connect()
  const kafka = createKafkaAdmin(config.kafka.brokers)
  const db = createPool(config.postgres.url, { max: 2, statementTimeoutMs: 300_000 })
  try {
    // 1. The backlog, with no consumer running (workers off: the API alone).
    const api = await createRuntime(config, { workers: false, logger })
    let accepted: Awaited<ReturnType<typeof accept>>
    try {
      accepted = await accept(api)
    } finally {
      await api.close()
    }
    const topic = pipelineTopicNames(config.kafka.topicPrefix).results
    const ceilingFrom = await parties(redis, dbName)
    const ceilingFirst = await ceiling(db, topic)
    const ceilingTo = await parties(redis, dbName)
    await db.query('VACUUM ANALYZE')

    // 2. The drain: a runtime with its workers, as `firstcome worker` runs them.
    const total = CLAIMS + CONFIRMS
    const callsBefore = await redisCalls(redis)
    const pgBefore = await pgCounters(db, dbName)
    const session = values['cpu-prof'] ? new Session() : undefined
    if (session) {
      session.connect()
      await session.post('Profiler.enable')
      await session.post('Profiler.start')
    }
    const drainFrom = await parties(redis, dbName)
    const cpuBefore = process.cpuUsage()
    const started = performance.now()
    const startedWall = Date.now()
    const workers = await createRuntime(config, {
      workers: true,
      // As `firstcome worker` runs: no HTTP, so no results consumer for buyers' streams.
      results: false,
      migrate: false,
      logger,
      consumers: { maxBatchSize: Number(values.batch), instances: Number(values.consumers) }
    })
    const batches = traceBatches(workers, started)
    let cpu: NodeJS.CpuUsage = { user: 0, system: 0 }
    let drainTo = drainFrom
    try {
      // Done when both groups have consumed everything (offsets commit after the batch's commit and
      // Redis), then nothing is left unpublished (the outbox rows commit with the outcomes), then
      // the full count agrees. Cheap reads only while it runs: lag, and the partial index of the
      // unpublished rows.
      const groups = [bookingGroupId(config.kafka.topicPrefix), couponGroupId(config.kafka.topicPrefix)]
      const names = pipelineTopicNames(config.kafka.topicPrefix)
      const topics = [names.bookings, names.claims]
      for (;;) {
        if (performance.now() - started > 900_000) throw new Error('the drain did not finish in 15 minutes')
        await new Promise((r) => setTimeout(r, 200))
        const lags = await Promise.all(
          groups.map((g, i) => kafka.listConsumerGroupLag(g, [topics[i]!]).catch(() => [{ lag: -1 }]))
        )
        if (lags.flat().some((p) => p.lag !== 0)) continue
        const { rows } = await db.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL'
        )
        if (rows[0]!.n !== 0) continue
        const { rows: done } = await db.query<{ terminal: number }>(
          `SELECT (SELECT count(*) FROM claims WHERE status IN ('confirmed', 'failed') AND sale_id = $1)::int
              + (SELECT count(*) FROM reservations WHERE status IN ('confirmed', 'failed') AND sale_id = $2)::int
              AS terminal`,
          [accepted.couponSale, accepted.seatedSale]
        )
        if (done[0]!.terminal >= total) break
      }
    } finally {
      cpu = process.cpuUsage(cpuBefore)
      drainTo = await parties(redis, dbName)
      if (session) {
        const { profile } = await session.post('Profiler.stop')
        const dir = `bench-results/prof-backlog-${new Date().toISOString().replace(/[:.]/g, '-')}`
        mkdirSync(dir, { recursive: true })
        writeFileSync(`${dir}/drain.cpuprofile`, JSON.stringify(profile))
        console.error(`CPU profile of the draining process: ${dir}`)
        session.disconnect()
      }
      await workers.close()
    }
    const callsAfter = await redisCalls(redis)
    const pgAfter = await pgCounters(db, dbName)
    const { rows: span } = await db.query<{ first: Date; last: Date }>(
      `SELECT least((SELECT min(created_at) FROM claims WHERE sale_id = $1),
                    (SELECT min(created_at) FROM booking_attempts WHERE starts_with(reservation_id, $2))) AS first,
              (SELECT max(published_at) FROM outbox) AS last`,
      [accepted.couponSale, `${accepted.seatedSale}.`]
    )
    const firstRow = span[0]!.first.getTime()
    const lastPublished = span[0]!.last.getTime()
    // Both ends from PostgreSQL's clock (the same host's): the poll's period does not count.
    const seconds = (lastPublished - startedWall) / 1000
    const busySeconds = (lastPublished - firstRow) / 1000

    // 3. The ceiling again; the higher figure counts.
    const ceilingLast = await ceiling(db, topic)
    const ceil = Math.max(ceilingFirst, ceilingLast)

    // 4. Invariants on what the drain left.
    const problems: string[] = []
    const stuckClaims = await notTerminal(db, 'claims', accepted.claimIds)
    const stuckBookings = await notTerminal(db, 'reservations', accepted.reservationIds)
    if (stuckClaims.length + stuckBookings.length > 0)
      problems.push(`I4: ${stuckClaims.length} claims and ${stuckBookings.length} bookings not terminal`)
    const twice = await seatsConfirmedTwice(db, accepted.seatedSale)
    if (twice.length > 0) problems.push(`I1: ${twice.length} seats confirmed twice`)
    const overClaims = await usersOverLimit(db, 'claims', accepted.couponSale, CLAIMS_PER_USER)
    const overSeats = await usersOverLimit(db, 'reservations', accepted.seatedSale, 1)
    if (overClaims.length + overSeats.length > 0) problems.push(`I3: users over their limit`)
    for (const saleId of [accepted.couponSale, accepted.seatedSale]) {
      const outcomes = await outboxOutcomes(db, saleId)
      const dupes = outcomes.filter((o) => o.n !== 1).length
      if (dupes > 0) problems.push(`${dupes} requests of ${saleId} with more than one outcome row`)
    }
    const expectedOutcomes =
      (await outboxOutcomes(db, accepted.couponSale)).length +
      (await outboxOutcomes(db, accepted.seatedSale)).length
    if (expectedOutcomes !== total) problems.push(`${expectedOutcomes} outcome rows for ${total} requests`)
    if ((await approvedNotConfirmed(db, accepted.seatedSale)).length > 0)
      problems.push('approved payments without a confirmed reservation')
    const { rows: statuses } = await db.query<{ t: string; status: string; n: number }>(
      `SELECT 'claims' AS t, status, count(*)::int AS n FROM claims WHERE sale_id = $1 GROUP BY 2
       UNION ALL SELECT 'reservations', status, count(*)::int FROM reservations WHERE sale_id = $2 GROUP BY 2`,
      [accepted.couponSale, accepted.seatedSale]
    )
    const counts = await openBenchClients(config)
    const stock = {
      coupons: await counts.inventory.counts(accepted.couponSale),
      seats: await counts.inventory.counts(accepted.seatedSale)
    }
    await counts.close()

    const rate = total / seconds
    const busyRate = total / busySeconds
    const out = [
      `date: ${new Date(startedWall).toISOString()}`,
      `machine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? '?'}, ${Math.round(os.totalmem() / 2 ** 30)} GB, ${os.type()} ${os.release()}, Node ${process.version}, load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
      `backlog: ${CLAIMS} coupon claims + ${CONFIRMS} seated confirms (${USERS} buyers), payment latency ${values['payment-latency']} ms`,
      '',
      '| measure | bookings/s | share of ceiling |',
      '|---|---:|---:|',
      `| raw ceiling (same rows, multi-row INSERT, 5,000 requests/statement; first / last) | ${Math.round(ceil).toLocaleString('en')} (${Math.round(ceilingFirst).toLocaleString('en')} / ${Math.round(ceilingLast).toLocaleString('en')}) | 100% |`,
      `| **drain, from the workers' start to the last result published** (${seconds.toFixed(1)} s) | **${Math.round(rate).toLocaleString('en')}** | **${((rate / ceil) * 100).toFixed(0)}%** |`,
      `| drain, from the first row written to the last result published (${busySeconds.toFixed(1)} s; leaves out the group join) | ${Math.round(busyRate).toLocaleString('en')} | ${((busyRate / ceil) * 100).toFixed(0)}% |`,
      '',
      `target >= ${TARGET * 100}% of the ceiling: ${rate / ceil >= TARGET ? 'met' : 'NOT met'}`,
      `draining process CPU: ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s (${((cpu.user + cpu.system) / seconds / 1e6).toFixed(2)} cores, ${((cpu.user + cpu.system) / total).toFixed(0)} µs per booking)`,
      `CPU during the drain (from the workers' start to the poll that saw it done): ${partiesLine(drainFrom, drainTo, total)}`,
      `CPU during the first ceiling run: ${partiesLine(ceilingFrom, ceilingTo, total)}`,
      `Redis calls per booking: ${((callsAfter - callsBefore) / total).toFixed(2)} (INFO commandstats, whole server); PostgreSQL commits per 1,000 bookings: ${(((pgAfter.commits - pgBefore.commits) / total) * 1000).toFixed(1)}`,
      `batches: ${batches.summary()}`,
      `PostgreSQL: ${JSON.stringify(statuses)}`,
      `Redis stock after: coupons ${JSON.stringify(stock.coupons)}, seats ${JSON.stringify(stock.seats)}`,
      `invariants: ${problems.length === 0 ? 'all hold (I1, I3, I4, one outcome row per request, no approved payment unconfirmed)' : problems.join('; ')}`
    ]
    console.log(out.join('\n'))
    if (problems.length > 0) process.exitCode = 1
  } finally {
    await db.end().catch(() => undefined)
    await kafka.deleteTopics(pipelineTopics(config).map((t) => t.name)).catch(() => undefined)
    await kafka.close()
    for await (const keys of redis.scanIterator({ MATCH: `${config.redis.prefix}:*`, COUNT: 1000 })) {
      if (keys.length > 0) await redis.del(keys)
    }
    redis.destroy()
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)
    await admin.end()
  }
}

await main()
