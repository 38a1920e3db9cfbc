/**
 * What carrying holds' ledger entries to PostgreSQL costs, in CPU per hold, apart from any HTTP
 * work or throughput (so a busy shared box moves the figures little): `n` one-seat holds are made
 * through the real Redis adapter (the hold script appends one ledger entry each) with no drainer
 * running, then one drain carries them all to PostgreSQL through the runtime's ledger sink. CPU is
 * measured during the drain for this process (the sink: read, fold, write), PostgreSQL's backends
 * of the benchmark's own database and Redis.
 *
 *   npx tsx bench/ledger-cost.ts [--holds 20000] [--rounds 3]
 */
import { randomBytes } from 'node:crypto'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { createClient } from 'redis'
import { createRuntime } from '../src/app/runtime.ts'
import { loadConfig } from '../src/config/index.ts'
import { newChildId } from '../src/domain/ids.ts'
import { signDevToken } from '../src/http/auth.ts'
import { ensureStack } from '../tools/stack/index.ts'
import { openBenchClients } from './lib/clients.ts'
import { assertLoopback } from './protocol.ts'
import { snapshot } from './resources.ts'

const { values } = parseArgs({ options: { holds: { type: 'string' }, rounds: { type: 'string' } } })
const HOLDS = Number(values.holds ?? 20_000)
const ROUNDS = Number(values.rounds ?? 3)
const ROOT = new URL('..', import.meta.url).pathname

const stack = await ensureStack({ root: ROOT, env: process.env, detached: true })
assertLoopback(stack.databaseUrl, 'DATABASE_URL')
assertLoopback(stack.redisUrl, 'REDIS_URL')
const dbName = `fc_bench_${randomBytes(6).toString('hex')}`
const prefix = `bench${randomBytes(5).toString('hex')}`
const dbUrl = new URL(stack.databaseUrl)
dbUrl.pathname = `/${dbName}`
const adminUrl = new URL(stack.databaseUrl)
adminUrl.pathname = '/postgres'
const admin = new pg.Client({ connectionString: adminUrl.toString() })
await admin.connect()
await admin.query(`CREATE DATABASE ${dbName}`)
const info = createClient({ url: stack.redisUrl })
await info.connect()

const config = loadConfig({
  ...process.env,
  NODE_ENV: 'production',
  DATABASE_URL: dbUrl.toString(),
  REDIS_URL: stack.redisUrl,
  KAFKA_BROKERS: stack.kafkaBrokers.join(','),
  FC_REDIS_PREFIX: prefix,
  FC_LOG_LEVEL: 'silent',
  FC_JWT_SECRET: randomBytes(32).toString('hex'),
  FC_TOKEN_SECRET: randomBytes(32).toString('hex'),
  FC_DEV_AUTH: '0',
  FC_WORKERS: '0',
  FC_SHED_EVENT_LOOP_DELAY_MS: '0',
  FC_PAYMENT_ALLOW_SIMULATOR: '1'
})
const rt = await createRuntime(config, { logger: false, workers: false })
const clients = await openBenchClients(config)
try {
  const token = await signDevToken(config, 'ops', 'admin')
  const rows = Math.ceil((HOLDS * ROUNDS) / 1000)
  const res = await rt.app.inject({
    method: 'POST',
    url: '/v1/admin/events',
    headers: { authorization: `Bearer ${token}` },
    payload: {
      name: 'Ledger cost',
      kind: 'seated',
      seats: { sections: [{ name: 'S1', rows, seatsPerRow: 1000, price: 5000 }] },
      perUserLimit: 100,
      holdTtlSec: 3600,
      admission: { ratePerSec: 1_000_000, maxActive: 10_000_000, accessTtlSec: 86_400 }
    }
  })
  if (res.statusCode !== 201) throw new Error(`create sale: ${res.statusCode} ${res.body}`)
  const saleId = (res.json() as { id: string }).id
  const users = Array.from({ length: Math.ceil((HOLDS * ROUNDS) / 100) }, (_, i) => `bench-${i}`)
  await clients.inventory.admit(saleId, users, Date.now() + 3_600_000)
  await rt.drainLedger()

  let seat = 0
  for (let round = 1; round <= ROUNDS; round++) {
    const pending: Promise<unknown>[] = []
    for (let i = 0; i < HOLDS; i++, seat++) {
      const seatId = `S1-${Math.floor(seat / 1000) + 1}-${(seat % 1000) + 1}`
      pending.push(
        clients.inventory.holdSeat({
          saleId,
          userId: users[seat % users.length] ?? 'bench-0',
          seatId,
          holdId: newChildId(saleId, 'h'),
          response: () => ({ statusCode: 201, body: {} })
        })
      )
      if (pending.length === 200) await Promise.all(pending.splice(0))
    }
    await Promise.all(pending)
    const length = await clients.inventory.ledgerLength(saleId)
    const before = await snapshot(undefined, (s) => info.info(s), undefined, dbName)
    const cpu0 = process.cpuUsage()
    const t0 = performance.now()
    await rt.drainLedger()
    const wallMs = performance.now() - t0
    const cpu = process.cpuUsage(cpu0)
    const after = await snapshot(undefined, (s) => info.info(s), undefined, dbName)
    const left = await clients.inventory.ledgerLength(saleId)
    const us = (sec: number) => ((sec * 1e6) / length).toFixed(1)
    const sink = (cpu.user + cpu.system) / 1e6
    const pgSec = after.postgresSec - before.postgresSec
    const redisSec = after.redisSec - before.redisSec
    console.log(
      `round ${round}: ${length} entries drained in ${wallMs.toFixed(0)} ms (${left} left); CPU µs per hold: sink ${us(
        sink
      )}, PostgreSQL ${us(pgSec)}, Redis ${us(redisSec)}, together ${us(sink + pgSec + redisSec)}`
    )
  }
} finally {
  await clients.close()
  await rt.close()
  for await (const keys of info.scanIterator({ MATCH: `${prefix}:*`, COUNT: 1000 })) {
    if (keys.length > 0) await info.del(keys)
  }
  await info.quit()
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)
  await admin.end()
}
