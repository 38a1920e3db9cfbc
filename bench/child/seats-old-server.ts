/**
 * The seat map's read path as it was before the shared snapshot, kept only for `bench/seats.ts` to
 * measure beside the new one: `GET /v1/events/:id/seats` reads every seat's state from Redis (one
 * HGETALL) and serialises the whole map per request, with no compression and no ETag. The sale and
 * its seats come from the product's SaleService cache, as they did. A bare fastify app, without
 * the product's rate limits, security headers and logging hooks (a little in the old path's favour).
 *
 * Also, on CEILING_PORT, a bare node:http server answering every request with the bytes of
 * CEILING_FILE (the new `/seats` body in brotli): what this machine can serve of that body with no
 * work per request at all.
 *
 * Environment: REDIS_URL, FC_REDIS_PREFIX, DATABASE_URL, PORT, CEILING_PORT, CEILING_FILE (127.0.0.1 only).
 */
import { readFileSync } from 'node:fs'
import http from 'node:http'
import Fastify from 'fastify'
import pg from 'pg'
import { PgSaleRepository } from '../../src/adapters/postgres/sale-repository.ts'
import { RedisInventoryStore } from '../../src/adapters/redis/inventory-store.ts'
import { KeyBuilder } from '../../src/adapters/redis/keys.ts'
import { connectRedis } from '../../src/adapters/redis/redis-client.ts'
import { ScriptRunner } from '../../src/adapters/redis/scripts.ts'
import type { SeatState } from '../../src/domain/sale.ts'
import { SaleService } from '../../src/services/sales/sale-service.ts'

const env = process.env
const redis = await connectRedis(env.REDIS_URL ?? 'redis://127.0.0.1:6379', 'bench-seats-old')
const scripts = new ScriptRunner(redis)
await scripts.load()
const inventory = new RedisInventoryStore(redis, scripts, new KeyBuilder(env.FC_REDIS_PREFIX), 60)
const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: 4 })
const zero = async () => 0
const sales = new SaleService({
  repo: new PgSaleRepository(pool),
  inventory,
  pipeline: {
    queue: async () => ({
      waiting: 0,
      admitted: 0,
      abandoned: 0,
      finished: 0,
      left: 0,
      frontier: 0,
      closed: false,
      preQueue: 0,
      sealed: false
    }),
    dlqDepth: zero,
    consumerLag: zero,
    ledgerBacklog: zero,
    ledgerDeadLetters: zero,
    refunds: async () => ({ due: 0, refunded: 0, nothingCharged: 0 })
  },
  maxExtensions: 0
})

const app = Fastify({ logger: false })
app.get<{ Params: { id: string } }>('/v1/events/:id/seats', async (req) => {
  // The old SaleService.seats(), verbatim.
  const { seats } = await sales.get(req.params.id)
  const states = await inventory.seatStates(req.params.id)
  return {
    seats: seats.map((s) => ({
      id: s.id,
      section: s.section,
      row: s.row,
      number: s.number,
      price: s.price,
      state: (states.get(s.id) ?? 'available') as SeatState
    }))
  }
})
await app.listen({ host: '127.0.0.1', port: Number(env.PORT) })
const fixed = readFileSync(String(env.CEILING_FILE))
const ceiling = http.createServer((_req, res) => {
  res.writeHead(200, {
    'content-type': 'application/json',
    'content-encoding': 'br',
    'content-length': fixed.length
  })
  res.end(fixed)
})
await new Promise<void>((resolve) => ceiling.listen(Number(env.CEILING_PORT), '127.0.0.1', resolve))
process.stdout.write('ready\n')
process.on('SIGTERM', () => {
  ceiling.close()
  void app.close().then(async () => {
    redis.destroy()
    await pool.end()
    process.exit(0)
  })
})
