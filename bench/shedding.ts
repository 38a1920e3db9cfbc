/**
 * `npm run bench:shed`: a spike of joins against one API process, with overload shedding off and
 * on, side by side in one run. Every join is sent at the same instant (as many at once as the
 * connections allow, the rest queued behind them), and each one's time from the spike's start to
 * its answer is recorded: with shedding off every join waits its turn; with it on, the process
 * answers 503 `FC_OVERLOADED` with `Retry-After` to what it cannot take now, at once.
 *
 *   npm run bench:shed -- --joins 9000 --connections 9000 --delay-ms 200 --elu 0.98
 *
 * Each run gets a fresh database `fc_bench_<random>`, Redis prefix and topics, removed at the end.
 */
import type { ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { Agent, request } from 'undici'
import { loadConfig } from '../src/config/index.ts'
import { signDevToken } from '../src/http/auth.ts'
import {
  clearRedisPrefix,
  createDatabase,
  isolatedServe,
  spawnFirstcome,
  stopChild,
  waitListening
} from '../tools/sut.ts'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

const { values } = parseArgs({
  options: {
    joins: { type: 'string', default: '20000' },
    connections: { type: 'string', default: '1000' },
    'delay-ms': { type: 'string', default: '200' },
    elu: { type: 'string', default: '0' },
    'max-connections': { type: 'string', default: '1000' },
    mode: { type: 'string', default: 'burst' },
    rate: { type: 'string', default: '0' },
    seconds: { type: 'string', default: '10' },
    factors: { type: 'string', default: '2' }
  }
})
const MODE = values.mode === 'sustained' ? 'sustained' : 'burst'
const RATE = Number(values.rate)
const SECONDS = Number(values.seconds)
/** Offered rates as multiples of the measured capacity, when no --rate is given. */
const FACTORS = values.factors.split(',').map(Number)
const JOINS = Number(values.joins)
const CONNECTIONS = Number(values.connections)
const DELAY_MS = Number(values['delay-ms'])
const ELU = Number(values.elu)
const MAX_CONNECTIONS = Number(values['max-connections'])

interface Outcome {
  status: number
  ms: number
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number
}

interface Target {
  url: string
  saleId: string
  config: ReturnType<typeof loadConfig>
  dispatcher: Agent
}

/** One fresh `firstcome serve` with these shedding bounds and a coupon sale, for `run`. */
async function withServer<T>(
  shedDelayMs: number,
  shedElu: number,
  maxConnections: number,
  run: (target: Target) => Promise<T>
): Promise<T> {
  const { serverUrl, dbName, prefix, env } = isolatedServe({
    FC_SHED_EVENT_LOOP_DELAY_MS: String(shedDelayMs),
    FC_SHED_EVENT_LOOP_UTILIZATION: String(shedElu),
    FC_SHED_MAX_CONNECTIONS: String(maxConnections)
  })
  const config = loadConfig(env)
  const database = await createDatabase(serverUrl, dbName, { keepAdmin: true })
  let server: ChildProcess | undefined
  const dispatcher = new Agent({ connections: CONNECTIONS, pipelining: 1 })
  try {
    server = spawnFirstcome(ROOT, ['serve'], { env })
    const url = await waitListening(server)
    const admin = await signDevToken(config, 'bench-admin', 'admin')
    // A process that just started may still be shedding (its start-up work counts as delay): the
    // operator's call is retried after Retry-After like any client's.
    let sale: { id: string } | undefined
    for (let attempt = 0; sale === undefined; attempt++) {
      const created = await request(`${url}/v1/admin/events`, {
        method: 'POST',
        dispatcher,
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          name: 'Shedding bench',
          kind: 'coupon',
          quantity: 1000,
          perUserLimit: 1,
          admission: { ratePerSec: 1, maxActive: 1, accessTtlSec: 600 }
        })
      })
      const body = (await created.body.json()) as { id: string }
      if (created.statusCode === 201) sale = body
      else if (created.statusCode !== 503 || attempt > 20)
        throw new Error(`create sale: ${created.statusCode}`)
      else await new Promise((r) => setTimeout(r, 1000))
    }
    return await run({ url, saleId: sale.id, config, dispatcher })
  } finally {
    await dispatcher.close()
    await stopChild(server, 10_000)
    await clearRedisPrefix(config.redis.url, prefix)
    await database.drop()
  }
}

/** One join; its time is from `from` (performance.now()) to its answer. */
async function join(target: Target, token: string, from: number): Promise<Outcome> {
  try {
    const res = await request(`${target.url}/v1/events/${target.saleId}/queue`, {
      method: 'POST',
      dispatcher: target.dispatcher,
      headers: { authorization: `Bearer ${token}` },
      headersTimeout: 120_000,
      bodyTimeout: 120_000
    })
    await res.body.dump()
    return { status: res.statusCode, ms: performance.now() - from }
  } catch {
    return { status: 0, ms: performance.now() - from }
  }
}

function signAll(target: Target, tag: string, n: number): Promise<string[]> {
  return Promise.all(Array.from({ length: n }, (_, i) => signDevToken(target.config, `${tag}${i}`)))
}

/** Every join at the same instant; each one's time from the spike's start. */
async function burst(target: Target): Promise<Outcome[]> {
  const tokens = await signAll(target, 's', JOINS)
  const start = performance.now()
  return Promise.all(tokens.map((token) => join(target, token, start)))
}

/**
 * Joins arriving at `rate` per second for `seconds`, each sent at its own time whatever the answers
 * before it (an open loop: arrivals do not slow down because the service does); each one's time is
 * from when it was due to its answer, so a join waiting for a free connection waits on the clock.
 */
async function sustained(target: Target, rate: number, tag: string): Promise<Outcome[]> {
  const total = Math.round(rate * SECONDS)
  const tokens = await signAll(target, tag, total)
  const sent: Promise<Outcome>[] = []
  const start = performance.now()
  await new Promise<void>((resolve) => {
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * rate))
      while (sent.length < due) {
        const i = sent.length
        sent.push(join(target, tokens[i] as string, start + (i * 1000) / rate))
      }
      if (sent.length >= total) resolve()
      else setTimeout(tick, 5)
    }
    tick()
  })
  return Promise.all(sent)
}

/** Joins answered per second by `concurrency` buyers joining one after another for `seconds`. */
async function capacity(target: Target, concurrency: number, seconds: number): Promise<number> {
  const tokens = await signAll(target, 'c', 50_000)
  let next = 0
  let done = 0
  const until = performance.now() + seconds * 1000
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until && next < tokens.length) {
        const o = await join(target, tokens[next++] as string, performance.now())
        if (o.status >= 200 && o.status < 300) done++
      }
    })
  )
  return done / seconds
}

function row(label: string, outcomes: Outcome[]): string {
  const ok = outcomes.filter((o) => o.status >= 200 && o.status < 300).map((o) => o.ms)
  const shed = outcomes.filter((o) => o.status === 503).map((o) => o.ms)
  const other = outcomes.length - ok.length - shed.length
  const others = new Map<number, number>()
  for (const o of outcomes)
    if (o.status !== 503 && (o.status < 200 || o.status >= 300))
      others.set(o.status, (others.get(o.status) ?? 0) + 1)
  if (others.size > 0)
    process.stderr.write(`${label}: other answers ${JSON.stringify(Object.fromEntries(others))}\n`)
  ok.sort((a, b) => a - b)
  shed.sort((a, b) => a - b)
  const all = outcomes.map((o) => o.ms).sort((a, b) => a - b)
  const s = (n: number) => (Number.isNaN(n) ? '-' : (n / 1000).toFixed(2))
  return `| ${label} | ${ok.length} | ${shed.length} | ${other} | ${s(quantile(all, 0.5))} | ${s(quantile(all, 0.99))} | ${s(quantile(ok, 0.5))} | ${s(quantile(ok, 0.99))} | ${s(quantile(shed, 0.5))} | ${s(quantile(shed, 0.99))} |`
}

const HEADER =
  '| shedding | joined (2xx) | 503 | other | all p50 | all p99 | joined p50 | joined p99 | 503 p50 | 503 p99 |\n' +
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |'
const onLabel = `on (delay ${DELAY_MS} ms, utilization ${ELU || 'off'}, ${MAX_CONNECTIONS || 'no'} connections cap)`

if (MODE === 'burst') {
  const off = await withServer(0, 0, 0, burst)
  const on = await withServer(DELAY_MS, ELU, MAX_CONNECTIONS, burst)
  console.log(
    `\n${JOINS} joins at once over ${CONNECTIONS} connections, one API process; seconds from the spike's start to the answer\n`
  )
  console.log(HEADER)
  console.log(row('off', off))
  console.log(row(onLabel, on))
} else {
  // The offered rates: given, or multiples of what one process answers when nothing is refused.
  let rates = [RATE]
  if (RATE === 0) {
    const measured = await withServer(0, 0, 0, (target) => capacity(target, 200, 5))
    process.stderr.write(`capacity: ${measured.toFixed(0)} joins/s\n`)
    rates = FACTORS.map((f) => Math.round(f * measured))
  }
  const rows: string[] = []
  for (const rate of rates) {
    process.stderr.write(`${rate} joins/s for ${SECONDS} s: shedding off, then on...\n`)
    const off = await withServer(0, 0, 0, (target) => sustained(target, rate, 'o'))
    const on = await withServer(DELAY_MS, ELU, MAX_CONNECTIONS, (target) => sustained(target, rate, 'n'))
    rows.push(row(`${rate}/s, off`, off), row(`${rate}/s, ${onLabel}`, on))
  }
  console.log(
    `\njoins arriving at a fixed rate for ${SECONDS} s (open loop) over at most ${CONNECTIONS} connections, one API process; seconds from when each join was due to its answer\n`
  )
  console.log(HEADER)
  for (const r of rows) console.log(r)
}
process.exit(0)
