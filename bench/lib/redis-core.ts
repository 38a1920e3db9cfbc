/**
 * The product's Redis adapters on a scratch key prefix, for benchmarks that drive the inventory
 * core and the waiting room directly (no API, no PostgreSQL): `close()` removes every key of the
 * prefix. A second, plain connection reads INFO, the slow log and CONFIG.
 */
import { randomBytes } from 'node:crypto'
import { createClient } from 'redis'
import { RedisInventoryStore } from '../../src/adapters/redis/inventory-store.ts'
import { KeyBuilder } from '../../src/adapters/redis/keys.ts'
import { connectRedis, type RedisClient } from '../../src/adapters/redis/redis-client.ts'
import { ScriptRunner } from '../../src/adapters/redis/scripts.ts'
import { RedisWaitingRoomStore } from '../../src/adapters/redis/waiting-room-store.ts'
import type { Sale } from '../../src/domain/sale.ts'
import { assertLoopback } from '../protocol.ts'

type PlainClient = ReturnType<typeof plainClient>

function plainClient(url: string) {
  return createClient({ url })
}

export interface RedisCore {
  redis: RedisClient
  plain: PlainClient
  keys: KeyBuilder
  scripts: ScriptRunner
  inventory: RedisInventoryStore
  room: RedisWaitingRoomStore
  close(): Promise<void>
}

export async function openRedisCore(name: string): Promise<RedisCore> {
  const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
  assertLoopback(url, 'REDIS_URL')
  const prefix = `b${randomBytes(5).toString('hex')}`
  const redis = await connectRedis(url, name)
  const plain = plainClient(url)
  await plain.connect()
  const keys = new KeyBuilder(prefix)
  const scripts = new ScriptRunner(redis)
  await scripts.load()
  return {
    redis,
    plain,
    keys,
    scripts,
    inventory: new RedisInventoryStore(redis, scripts, keys, 60),
    room: new RedisWaitingRoomStore(redis, scripts, keys),
    async close() {
      redis.destroy()
      let pages = 0
      for await (const batch of plain.scanIterator({ MATCH: `${prefix}:*`, COUNT: 1000 })) {
        if (batch.length > 0) await plain.del(batch)
        if (++pages > 10_000) break
      }
      plain.destroy()
    }
  }
}

/** A seated sale of `seats` seats (`S-1`...), open, as the benchmarks warm it. */
export function seatedBenchSale(
  id: string,
  seats: number,
  options: { perUserLimit: number; maxActive: number; accessTtlSec: number }
): { sale: Sale; seatIds: string[] } {
  const seatIds = Array.from({ length: seats }, (_, i) => `S-${i + 1}`)
  return {
    seatIds,
    sale: {
      id,
      name: id,
      kind: 'seated',
      capacity: seats,
      perUserLimit: options.perUserLimit,
      holdTtlSec: 600,
      opensAt: null,
      status: 'open',
      admission: {
        ratePerSec: 1,
        maxActive: options.maxActive,
        accessTtlSec: options.accessTtlSec,
        paused: false
      },
      challenge: { difficulty: 0 },
      sections: [],
      currency: 'KRW',
      cancelWindowSec: 0,
      createdAt: new Date()
    }
  }
}

/** The seats of {@link seatedBenchSale} as a warm-up snapshot lists them. */
export function benchSeats(seatIds: readonly string[]) {
  return seatIds.map((id, i) => ({ id, section: 'S', row: 1, number: i + 1, price: 1 }))
}
