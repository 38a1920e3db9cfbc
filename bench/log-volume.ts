/**
 * `npm run bench:logs`: bytes and lines of log that 10,000 holds write, at the levels an operator
 * runs (info by default, debug when looking into something). The real API app with the real
 * logger options (redaction, serializers), writing JSON lines into a counter instead of stdout;
 * the holds go through `app.inject`, so the machine's speed does not matter, only what is logged.
 *
 *   npm run bench:logs -- --holds 10000 --level info --level debug
 *
 * Uses a fresh database `fc_bench_<random>` and a random Redis prefix (tools/sut.ts), removed at the end.
 */
import { Writable } from 'node:stream'
import { parseArgs } from 'node:util'
import pino from 'pino'
import { RedisInventoryStore } from '../src/adapters/redis/inventory-store.ts'
import { KeyBuilder } from '../src/adapters/redis/keys.ts'
import { connectRedis } from '../src/adapters/redis/redis-client.ts'
import { ScriptRunner } from '../src/adapters/redis/scripts.ts'
import { createRuntime } from '../src/app/runtime.ts'
import { loadConfig } from '../src/config/index.ts'
import { signDevToken } from '../src/http/auth.ts'
import { loggerOptions } from '../src/http/logging.ts'
import { AccessTokens } from '../src/services/sales/access-tokens.ts'
import { clearRedisPrefix, createDatabase, isolatedServe } from '../tools/sut.ts'

const { values } = parseArgs({
  options: {
    holds: { type: 'string', default: '10000' },
    level: { type: 'string', multiple: true, default: ['info', 'debug'] }
  }
})
const HOLDS = Number(values.holds)
const SEATS_PER_ROW = 50
const ROWS = 50
const SECTIONS = Math.ceil(HOLDS / (ROWS * SEATS_PER_ROW))

/** Counts what the logger writes. */
class Counter extends Writable {
  bytes = 0
  lines = 0
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: () => void): void {
    this.bytes += chunk.length
    for (const b of chunk) if (b === 10) this.lines++
    cb()
  }
}

async function measure(level: string): Promise<{ bytes: number; lines: number }> {
  // The development profile's logger (request logging as an operator runs it), on a database,
  // key prefix and topics of its own.
  const { serverUrl, dbName, prefix, env } = isolatedServe({
    NODE_ENV: 'development',
    FC_DEV_AUTH: '1',
    FC_LOG_LEVEL: level,
    FC_LOG_PRETTY: '0'
  })
  const config = loadConfig(env)
  const database = await createDatabase(serverUrl, dbName)
  const counter = new Counter()
  const { transport: _ignored, ...options } = loggerOptions(config) as Record<string, unknown>
  const logger = pino({ ...options, level }, counter)
  const rt = await createRuntime(config, { logger, workers: false, kafka: false })
  const redis = await connectRedis(config.redis.url)
  try {
    const adminToken = await signDevToken(config, 'ops', 'admin')
    const res = await rt.app.inject({
      method: 'POST',
      url: '/v1/admin/events',
      headers: { authorization: `Bearer ${adminToken}` },
      payload: {
        name: 'Log volume',
        kind: 'seated',
        seats: {
          sections: Array.from({ length: SECTIONS }, (_, i) => ({
            name: String.fromCharCode(65 + i),
            rows: ROWS,
            seatsPerRow: SEATS_PER_ROW,
            price: 5000
          }))
        },
        perUserLimit: 1,
        holdTtlSec: 3600,
        admission: { ratePerSec: 1_000_000, maxActive: 10_000_000, accessTtlSec: 86_400 }
      }
    })
    if (res.statusCode !== 201) throw new Error(`create sale: ${res.statusCode} ${res.body}`)
    const saleId = (res.json() as { id: string }).id
    const ids = Array.from({ length: HOLDS }, (_, i) => `buyer-${i}`)
    const until = Date.now() + 3_600_000
    const scripts = new ScriptRunner(redis)
    await scripts.load()
    const inventory = new RedisInventoryStore(redis, scripts, new KeyBuilder(config.redis.prefix), 3600)
    await inventory.admit(saleId, ids, until)
    const access = new AccessTokens(config.tokens)
    const seat = (i: number) => {
      const perSection = ROWS * SEATS_PER_ROW
      const s = String.fromCharCode(65 + Math.floor(i / perSection))
      const r = Math.floor((i % perSection) / SEATS_PER_ROW) + 1
      return `${s}-${r}-${(i % SEATS_PER_ROW) + 1}`
    }
    counter.bytes = 0
    counter.lines = 0
    const BATCH = 200
    let held = 0
    for (let start = 0; start < HOLDS; start += BATCH) {
      const answers = await Promise.all(
        ids.slice(start, start + BATCH).map(async (id, k) =>
          rt.app.inject({
            method: 'POST',
            url: `/v1/events/${saleId}/holds`,
            headers: {
              authorization: `Bearer ${await signDevToken(config, id)}`,
              'x-access-token': access.sign({ userId: id, saleId, exp: until }),
              'idempotency-key': `k-${id}`
            },
            payload: { seatId: seat(start + k) }
          })
        )
      )
      held += answers.filter((a) => a.statusCode === 201).length
      process.stderr.write(`\r${level}: ${held}/${HOLDS} holds`)
    }
    process.stderr.write('\n')
    if (held !== HOLDS) throw new Error(`only ${held} of ${HOLDS} holds were accepted`)
    logger.flush()
    return { bytes: counter.bytes, lines: counter.lines }
  } finally {
    await redis.quit().catch(() => undefined)
    await rt.close()
    await clearRedisPrefix(config.redis.url, prefix)
    await database.drop()
  }
}

const rows: string[] = []
for (const level of values.level) {
  const { bytes, lines } = await measure(level)
  rows.push(
    `| ${level} | ${HOLDS.toLocaleString('en')} | ${lines.toLocaleString('en')} | ${bytes.toLocaleString('en')} | ${(bytes / HOLDS).toFixed(1)} |`
  )
}
console.log('| level | holds | log lines | log bytes | bytes per hold |')
console.log('| --- | --- | --- | --- | --- |')
for (const row of rows) console.log(row)
process.exit(0)
