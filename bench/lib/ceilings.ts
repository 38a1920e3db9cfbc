/**
 * The physical limits of this machine, measured in the same run as a scenario, so each result is
 * also a share of what the hardware allows: fastify hello-world throughput (bench/child/server.ts's
 * hello child), the claim-unit script in a client loop (EVALSHA through ScriptRunner against a
 * warmed coupon sale of the run's own server) and the raw PostgreSQL insert rate (bench:drain's
 * multi-row INSERT of the rows one confirmed booking leaves).
 */
import { fork } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import autocannon, { type Result } from 'autocannon'
import pg from 'pg'
import { RedisInventoryStore } from '../../src/adapters/redis/inventory-store.ts'
import { KeyBuilder } from '../../src/adapters/redis/keys.ts'
import { connectRedis } from '../../src/adapters/redis/redis-client.ts'
import { ScriptRunner } from '../../src/adapters/redis/scripts.ts'
import type { ChildMessage } from '../protocol.ts'
import { adminCall, type Sut } from './sut.ts'

const SERVER = fileURLToPath(new URL('../child/server.ts', import.meta.url))
const CEILING_SQL = readFileSync(new URL('../drain-ceiling.sql', import.meta.url), 'utf8')

export interface Ceilings {
  /** GET /hello responses per second (fastify, one child process, 100 connections). */
  helloPerSec: number | null
  /** Claim-unit scripts per second from a client loop (200 in flight). */
  claimScriptPerSec: number | null
  /** Booking rows (reservation + payment + outbox) per second, 5,000 per INSERT. */
  pgInsertPerSec: number | null
  notes: string[]
}

async function hello(seconds: number): Promise<number> {
  const child = fork(SERVER, ['hello'], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'advanced'
  })
  try {
    const port = await new Promise<number>((resolve, reject) => {
      child.on('message', (m: ChildMessage) => {
        if (m.type === 'ready' && m.mode === 'hello') resolve(m.port)
        else if (m.type === 'error') reject(new Error(m.message))
      })
      child.once('exit', (code) => reject(new Error(`hello server exited ${code}`)))
    })
    const url = `http://127.0.0.1:${port}/hello`
    const run = (duration: number) =>
      new Promise<Result>((resolve, reject) =>
        autocannon({ url, connections: 100, duration }, (err, r) => (err ? reject(err) : resolve(r)))
      )
    await run(1)
    const r = await run(seconds)
    return r.requests.total / r.duration
  } finally {
    child.kill('SIGTERM')
  }
}

async function claimScript(sut: Sut, seconds: number): Promise<number> {
  const own = sut.own
  if (!own) throw new Error('needs the run’s own server')
  const created = await adminCall(sut, 'POST', '/v1/admin/events', {
    name: 'bench ceiling: claim script',
    kind: 'coupon',
    quantity: 10_000_000,
    perUserLimit: 100,
    admission: { ratePerSec: 1000, maxActive: 10_000_000, accessTtlSec: 3600 }
  })
  if (created.status !== 201) throw new Error(`ceiling sale: ${created.status}`)
  const saleId = String(created.body.id)
  const redis = await connectRedis(own.redisUrl, 'bench-ceiling')
  try {
    const scripts = new ScriptRunner(redis)
    await scripts.load()
    const inventory = new RedisInventoryStore(redis, scripts, new KeyBuilder(own.prefix), 3600)
    const users = Array.from({ length: 1000 }, (_, i) => `ceil-${i}`)
    await inventory.admit(saleId, users, Date.now() + 3_600_000)
    let n = 0
    const until = performance.now() + seconds * 1000
    const started = performance.now()
    await Promise.all(
      Array.from({ length: 200 }, async (_, lane) => {
        // Bounded by time and by count (the sale's 10,000,000 units).
        while (performance.now() < until && n < 5_000_000) {
          const i = n++
          await inventory.claim({
            saleId,
            userId: users[(i + lane) % users.length] ?? 'ceil-0',
            claimId: `${saleId}.c${i}`,
            response: { statusCode: 202, body: {} }
          })
        }
      })
    )
    return n / ((performance.now() - started) / 1000)
  } finally {
    redis.destroy()
    // The ceiling sale must not be picked up by anything else: close it.
    await adminCall(sut, 'PATCH', `/v1/admin/events/${saleId}/status`, { status: 'closed' }).catch(
      () => undefined
    )
  }
}

async function pgInsert(sut: Sut, rows: number): Promise<number> {
  const own = sut.own
  if (!own) throw new Error('needs the run’s own server')
  const db = new pg.Client({ connectionString: own.databaseUrl })
  await db.connect()
  try {
    const saleId = `ceil${randomBytes(4).toString('hex')}`
    // One transaction, rolled back: the server's outbox relay must never see these rows (they
    // belong to no sale). The rows and their WAL are written all the same; only the commit's one
    // flush is missing from the figure.
    await db.query('BEGIN')
    const started = performance.now()
    for (let i = 0; i < rows; i += 5000) {
      const ids = Array.from({ length: Math.min(5000, rows - i) }, (_, j) => i + j)
      await db.query(CEILING_SQL, [
        ids.map((k) => `${saleId}.r${k}`),
        ids.map(() => saleId),
        ids.map((k) => `${saleId}.h${k}`),
        ids.map((k) => `S-${k}`),
        ids.map((k) => `u${k}`),
        ids.map(() => 5000),
        'bench-ceiling'
      ])
    }
    const perSec = rows / ((performance.now() - started) / 1000)
    await db.query('ROLLBACK')
    return perSec
  } finally {
    await db.end()
  }
}

export async function measureCeilings(
  sut: Sut,
  short: boolean,
  say: (line: string) => void
): Promise<Ceilings> {
  const notes: string[] = []
  const attempt = async (name: string, f: () => Promise<number>): Promise<number | null> => {
    try {
      const v = await f()
      say(`  ceiling ${name}: ${Math.round(v).toLocaleString('en-US')}/s`)
      return v
    } catch (err) {
      notes.push(`${name}: ${err instanceof Error ? err.message : String(err)}`)
      return null
    }
  }
  const seconds = short ? 2 : 5
  return {
    helloPerSec: await attempt('hello world', () => hello(seconds)),
    claimScriptPerSec: await attempt('claim script (EVALSHA loop)', () => claimScript(sut, seconds)),
    pgInsertPerSec: await attempt('PostgreSQL multi-row INSERT', () =>
      pgInsert(sut, short ? 20_000 : 100_000)
    ),
    notes
  }
}
