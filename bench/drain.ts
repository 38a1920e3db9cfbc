/**
 * `npm run bench:drain`: how fast the booking consumer's SQL persists bookings, batched against one
 * row at a time, beside the raw PostgreSQL insert ceiling of the same rows in the same run; then
 * accept-to-confirmed latency through the whole pipeline (API accept -> Kafka -> booking consumer
 * -> PostgreSQL + outbox -> relay -> results topic -> the API process's result hub).
 *
 *   npm run bench:drain -- --rows 20000 --single 2000 --bookings 2000 --concurrency 100
 *
 * With `--backlog`, the backlog drain through the real pipeline instead (bench/drain-backlog.ts).
 *
 * Targets 127.0.0.1 only; a fresh database `fc_bench_<random>`, a random Redis prefix and random
 * topics, all removed at the end (also on failure).
 */
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import os from 'node:os'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { pino } from 'pino'
import { createClient } from 'redis'
import { createKafkaAdmin, createKafkaProducer } from '../src/adapters/kafka/index.ts'
import { pipelineTopicNames, pipelineTopics } from '../src/adapters/kafka/topics.ts'
import { PgBookingStore } from '../src/adapters/postgres/booking-store.ts'
import { migrate } from '../src/adapters/postgres/migrate.ts'
import { createPool } from '../src/adapters/postgres/pool.ts'
import { createRuntime } from '../src/app/runtime.ts'
import { loadConfig } from '../src/config/index.ts'
import { newChildId, newSaleId } from '../src/domain/ids.ts'
import type { BookingRow } from '../src/domain/pipeline-ports.ts'
import { signDevToken } from '../src/http/auth.ts'
import { reservationIdOf } from '../src/services/sales/buyer-service.ts'
import { type BenchClients, openBenchClients } from './lib/clients.ts'
import { assertLoopback } from './protocol.ts'

const CEILING_SQL = readFileSync(new URL('./drain-ceiling.sql', import.meta.url), 'utf8')
const ONE_STATEMENT_SQL = readFileSync(new URL('./drain-one-statement.sql', import.meta.url), 'utf8')
const TARGET = 0.5

const BACKLOG = process.argv.includes('--backlog')
const { values } = parseArgs({
  // The backlog mode reads its own options.
  strict: !BACKLOG,
  options: {
    rows: { type: 'string', default: '20000' },
    single: { type: 'string', default: '2000' },
    bookings: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '100' }
  }
})
const ROWS = Number(values.rows)
const SINGLE = Number(values.single)
const BOOKINGS = Number(values.bookings)
const CONCURRENCY = Number(values.concurrency)

function bookings(n: number): BookingRow[] {
  const saleId = newSaleId()
  return Array.from({ length: n }, (_, i) => {
    const holdId = newChildId(saleId, 'h')
    return {
      reservationId: reservationIdOf(holdId),
      holdId,
      saleId,
      seatId: `A-${Math.floor(i / 1000) + 1}-${(i % 1000) + 1}`,
      userId: `user-${i}`,
      amount: 5000
    }
  })
}

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size))
  return out
}

/**
 * Rows per second of the booking consumer's SQL per chunk, exactly as BookingPipeline calls the
 * store: `begin` (claim-booking-attempts.sql: attempt rows + what is already recorded, before the
 * charge), then `settle` (settle-reservations.sql: confirmed reservation, payment, outbox row, in
 * one statement). The charge itself (payment at 0 ms) and the Redis calls are not SQL and are left
 * out.
 */
async function consumerSql(store: PgBookingStore, rows: BookingRow[], batch: number): Promise<number> {
  const started = performance.now()
  for (const chunk of chunks(rows, batch)) {
    await store.begin(chunk)
    await store.settle(
      chunk.map((r) => ({
        ...r,
        status: 'confirmed' as const,
        payment: { status: 'approved' as const, providerRef: 'bench' }
      })),
      new Date()
    )
  }
  return rows.length / ((performance.now() - started) / 1000)
}

async function ceiling(
  pool: pg.Pool,
  rows: BookingRow[],
  topic: string,
  text = CEILING_SQL,
  batch = 5000
): Promise<number> {
  const started = performance.now()
  for (const chunk of chunks(rows, batch)) {
    await pool.query(text, [
      chunk.map((r) => r.reservationId),
      chunk.map((r) => r.saleId),
      chunk.map((r) => r.holdId),
      chunk.map((r) => r.seatId),
      chunk.map((r) => r.userId),
      chunk.map((r) => r.amount),
      topic
    ])
  }
  return rows.length / ((performance.now() - started) / 1000)
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN
}

async function pool<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>) {
  let next = 0
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++]!)
    })
  )
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
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: dbUrl.toString(),
    FC_REDIS_PREFIX: `b${randomBytes(5).toString('hex')}`,
    FC_KAFKA_TOPIC_PREFIX: `bench${randomBytes(4).toString('hex')}`,
    FC_JWT_SECRET: 'bench-secret-bench-secret-bench-secret-01',
    FC_TOKEN_SECRET: randomBytes(32).toString('hex'),
    FC_LOG_LEVEL: 'error',
    FC_WORKERS: '1',
    FC_PAYMENT_LATENCY_MS: '0',
    FC_PAYMENT_DECLINE_RATE: '0',
    FC_PAYMENT_TIMEOUT_RATE: '0'
  })
  const kafka = createKafkaAdmin(config.kafka.brokers)
  try {
    const db = createPool(config.postgres.url, { max: 4 })
    await migrate(db)
    const topic = pipelineTopicNames(config.kafka.topicPrefix).results
    const store = new PgBookingStore(db, topic)
    console.error(`persisting: ${ROWS} rows per batched mode, ${SINGLE} one at a time`)
    const ceilingFirst = await ceiling(db, bookings(ROWS), topic)
    const batched500 = await consumerSql(store, bookings(ROWS), 500)
    const batched100 = await consumerSql(store, bookings(ROWS), 100)
    const single = await consumerSql(store, bookings(SINGLE), 1)
    const oneStatement = await ceiling(db, bookings(ROWS), topic, ONE_STATEMENT_SQL, 500)
    const ceilingLast = await ceiling(db, bookings(ROWS), topic)
    // Part 1 left ~100,000 unpublished outbox rows; the relay would publish that backlog before the
    // pipeline's fresh results (seed 001's shared-outbox delay, measured: p50 +4 s). Start clean.
    await db.query('TRUNCATE outbox, payments, reservations, booking_attempts')
    await db.end()
    const ceil = Math.max(ceilingFirst, ceilingLast)

    console.error(`pipeline: ${BOOKINGS} confirms, concurrency ${CONCURRENCY}`)
    const rt = await createRuntime(config, {
      workers: true,
      migrate: false,
      // Errors only, synchronously to stderr: a failing confirm must say why even if the run dies.
      logger: pino({ level: 'error' }, pino.destination({ fd: 2, sync: true }))
    })
    const clients = await openBenchClients(config)
    let latency: Awaited<ReturnType<typeof pipelineLatency>>
    try {
      latency = await pipelineLatency(rt, clients)
    } finally {
      await rt.close()
      await clients.close()
    }
    const acc = latency.fromAccept.sort((a, b) => a - b)
    const req = latency.fromRequest.sort((a, b) => a - b)
    const rows = [
      ['raw ceiling (multi-row INSERT, 5,000/statement)', ceil],
      ['consumer SQL, batches of 500', batched500],
      ['consumer SQL, batches of 100', batched100],
      ['consumer SQL, one booking at a time', single],
      ['reference: one idempotent statement, no attempt row, batches of 500', oneStatement]
    ] as const
    const out = [
      `date: ${new Date().toISOString()}`,
      `machine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? '?'}, ${Math.round(os.totalmem() / 2 ** 30)} GB, ${os.type()} ${os.release()}, Node ${process.version}`,
      '',
      '| mode | bookings/s | share of ceiling |',
      '|---|---:|---:|',
      ...rows.map(
        ([name, rate]) =>
          `| ${name} | ${Math.round(rate).toLocaleString('en')} | ${((rate / ceil) * 100).toFixed(0)}% |`
      ),
      '',
      `ceiling first/last: ${Math.round(ceilingFirst)} / ${Math.round(ceilingLast)} rows/s; target >= ${TARGET * 100}% of ceiling: ${batched500 / ceil >= TARGET ? 'met' : 'NOT met'}`,
      '',
      `accept -> confirmed (${acc.length} bookings, ${(acc.length / latency.seconds).toFixed(0)} results/s):`,
      `  from the 202: p50 ${percentile(acc, 50).toFixed(1)} ms, p99 ${percentile(acc, 99).toFixed(1)} ms, max ${acc.at(-1)?.toFixed(1)} ms`,
      `  from the confirm request: p50 ${percentile(req, 50).toFixed(1)} ms, p99 ${percentile(req, 99).toFixed(1)} ms`,
      '  stages (ms, p50 / p99):',
      ...Object.entries(latency.stages).map(([k, v]) => `    ${k}: ${v.p50.toFixed(1)} / ${v.p99.toFixed(1)}`)
    ]
    console.log(out.join('\n'))
  } finally {
    await kafka.deleteTopics(pipelineTopics(config).map((t) => t.name)).catch(() => undefined)
    await kafka.close()
    const redis = createClient({ url: config.redis.url })
    await redis.connect()
    for await (const keys of redis.scanIterator({ MATCH: `${config.redis.prefix}:*`, COUNT: 1000 })) {
      if (keys.length > 0) await redis.del(keys)
    }
    redis.destroy()
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)
    await admin.end()
  }
}

/** Confirms `BOOKINGS` held seats through the API and times each until its result reaches the hub. */
async function pipelineLatency(rt: Awaited<ReturnType<typeof createRuntime>>, clients: BenchClients) {
  const perRow = 100
  const adminToken = await signDevToken(rt.config, 'bench-admin', 'admin')
  const created = await rt.app.inject({
    method: 'POST',
    url: '/v1/admin/events',
    headers: { authorization: `Bearer ${adminToken}` },
    payload: {
      name: 'bench drain',
      kind: 'seated',
      seats: {
        sections: [{ name: 'A', rows: Math.ceil(BOOKINGS / perRow), seatsPerRow: perRow, price: 5000 }]
      },
      perUserLimit: 1,
      holdTtlSec: 600,
      admission: { ratePerSec: 1000, maxActive: 1_000_000, accessTtlSec: 600 }
    }
  })
  const saleId = (created.json() as { id: string }).id
  const users = Array.from({ length: BOOKINGS }, (_, i) => `buyer-${i}`)
  const until = Date.now() + 600_000
  await clients.inventory.admit(saleId, users, until)
  const holds = await Promise.all(
    users.map(async (userId, i) => {
      const token = await signDevToken(rt.config, userId)
      const access = rt.tokens.sign({ userId, saleId, exp: until })
      const seatId = `A-${Math.floor(i / perRow) + 1}-${(i % perRow) + 1}`
      const res = await rt.app.inject({
        method: 'POST',
        url: `/v1/events/${saleId}/holds`,
        headers: { authorization: `Bearer ${token}`, 'x-access-token': access, 'idempotency-key': `h-${i}` },
        payload: { seatId }
      })
      if (res.statusCode !== 201) throw new Error(`hold ${res.statusCode} ${res.body}`)
      return { userId, token, access, holdId: (res.json() as { holdId: string }).holdId }
    })
  )
  // The results consumer joins in the background from the latest offset: measure only once it has
  // seen a probe, or the first results would be missed rather than late.
  const producer = createKafkaProducer({ brokers: rt.config.kafka.brokers })
  for (let i = 0; rt.results.hub.received === 0 && i < 300; i++) {
    await producer.send([
      {
        topic: rt.results.topic,
        key: 'probe',
        value: { v: 1, id: `probe-${i}`, userId: 'probe', status: 'failed' }
      }
    ])
    await new Promise((r) => setTimeout(r, 100))
  }
  await producer.close()
  const fromAccept: number[] = []
  const fromRequest: number[] = []
  const acceptedAt = new Map<string, { wall: number; result?: number }>()
  const refused: string[] = []
  const done = new Map<string, (at: number) => void>()
  const unsubscribe = holds.map((h) =>
    rt.results.hub.subscribe(h.userId, (event) => done.get(event.id)?.(performance.now()))
  )
  const started = performance.now()
  await pool(holds, CONCURRENCY, async (h) => {
    const reservationId = reservationIdOf(h.holdId)
    const arrived = new Promise<number>((resolve) => done.set(reservationId, resolve))
    const t0 = performance.now()
    const res = await rt.app.inject({
      method: 'POST',
      url: `/v1/holds/${h.holdId}/confirm`,
      headers: {
        authorization: `Bearer ${h.token}`,
        'x-access-token': h.access,
        'idempotency-key': `c-${h.userId}`
      },
      payload: { payment: { simulate: 'approve' } }
    })
    const t1 = performance.now()
    const mark = { wall: Date.now() } as { wall: number; result?: number }
    acceptedAt.set(reservationId, mark)
    if (res.statusCode !== 202) {
      refused.push(`${res.statusCode} ${res.body}`)
      done.delete(reservationId)
      return
    }
    void arrived.then((t2) => {
      mark.result = Date.now()
      fromAccept.push(t2 - t1)
      fromRequest.push(t2 - t0)
    })
  })
  const deadline = Date.now() + 120_000
  while (fromAccept.length < holds.length - refused.length && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 20))
  const seconds = (performance.now() - started) / 1000
  for (const u of unsubscribe) u()
  if (refused.length > 0) console.error(`${refused.length} confirms refused, first: ${refused[0]}`)
  if (fromAccept.length < holds.length - refused.length)
    console.error(`only ${fromAccept.length} of ${holds.length - refused.length} results arrived`)
  return { fromAccept, fromRequest, seconds, stages: await stages(clients, acceptedAt) }
}

/**
 * Where the time goes, per booking, from PostgreSQL's timestamps (same host clock): accept -> attempt
 * row written (consumer picked it up, before the charge) -> final row written (after the charge,
 * settle's transaction start) -> outbox row published -> result at the hub.
 */
async function stages(
  clients: BenchClients,
  accepted: Map<string, { wall: number; result?: number }>
): Promise<Record<string, { p50: number; p99: number }>> {
  const { rows } = await clients.pool.query<{
    id: string
    created: string
    confirmed: string
    published: string | null
  }>(
    `SELECT r.id, (extract(epoch FROM a.created_at) * 1000)::text AS created,
       (extract(epoch FROM r.updated_at) * 1000)::text AS confirmed,
       (extract(epoch FROM o.published_at) * 1000)::text AS published
     FROM reservations r JOIN booking_attempts a ON a.reservation_id = r.id
       JOIN outbox o ON o.payload->>'id' = r.id`
  )
  const parts: Record<string, number[]> = {
    'accept -> picked up': [],
    'picked up -> confirmed': [],
    'confirmed -> published': [],
    'published -> at the hub': []
  }
  for (const r of rows) {
    const a = accepted.get(r.id)
    if (!a || r.published === null || a.result === undefined) continue
    parts['accept -> picked up']!.push(Number(r.created) - a.wall)
    parts['picked up -> confirmed']!.push(Number(r.confirmed) - Number(r.created))
    parts['confirmed -> published']!.push(Number(r.published) - Number(r.confirmed))
    parts['published -> at the hub']!.push(a.result - Number(r.published))
  }
  return Object.fromEntries(
    Object.entries(parts).map(([k, v]) => {
      const sorted = v.sort((x, y) => x - y)
      return [k, { p50: percentile(sorted, 50), p99: percentile(sorted, 99) }]
    })
  )
}

if (BACKLOG) await import('./drain-backlog.ts')
else await main()
