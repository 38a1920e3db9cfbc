/**
 * Redis and PostgreSQL clients of a test's own on the runtime's configuration (same key prefix,
 * same database), with the stores built on them: a test reads and writes the state the runtime
 * keeps without reaching into it. The runtime itself hands out only its features.
 */
import type { Pool } from 'pg'
import { createPool } from '../../src/adapters/postgres/pool.ts'
import { PgSaleRepository } from '../../src/adapters/postgres/sale-repository.ts'
import { RedisInventoryStore } from '../../src/adapters/redis/inventory-store.ts'
import { KeyBuilder } from '../../src/adapters/redis/keys.ts'
import { connectRedis, type RedisClient } from '../../src/adapters/redis/redis-client.ts'
import { ScriptRunner } from '../../src/adapters/redis/scripts.ts'
import type { Config } from '../../src/config/index.ts'

export interface StoreClients {
  redis: RedisClient
  pool: Pool
  keys: KeyBuilder
  /** The inventory store on `redis` (its scripts loaded). */
  inventory: RedisInventoryStore
  repo: PgSaleRepository
  close(): Promise<void>
}

export async function openStoreClients(config: Config): Promise<StoreClients> {
  const redis = await connectRedis(config.redis.url, 'firstcome-test')
  const pool = createPool(config.postgres.url)
  try {
    const keys = new KeyBuilder(config.redis.prefix)
    const scripts = new ScriptRunner(redis)
    await scripts.load()
    return {
      redis,
      pool,
      keys,
      inventory: new RedisInventoryStore(redis, scripts, keys, config.idempotencyTtlSec),
      repo: new PgSaleRepository(pool),
      async close() {
        await pool.end().catch(() => undefined)
        // quit() waits for a reply that never comes while Redis is unreachable: drop the socket then.
        if (redis.isReady) await redis.quit().catch(() => redis.destroy())
        else redis.destroy()
      }
    }
  } catch (err) {
    await pool.end().catch(() => undefined)
    redis.destroy()
    throw err
  }
}
