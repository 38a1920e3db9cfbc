/**
 * Redis and PostgreSQL clients of a bench's own on its runtime's configuration (same key prefix,
 * same database), with the inventory store on them: the runtime hands out only its features.
 */
import type { Pool } from 'pg'
import { createPool } from '../../src/adapters/postgres/pool.ts'
import { RedisInventoryStore } from '../../src/adapters/redis/inventory-store.ts'
import { KeyBuilder } from '../../src/adapters/redis/keys.ts'
import { connectRedis, type RedisClient } from '../../src/adapters/redis/redis-client.ts'
import { ScriptRunner } from '../../src/adapters/redis/scripts.ts'
import type { Config } from '../../src/config/index.ts'

export interface BenchClients {
  redis: RedisClient
  pool: Pool
  inventory: RedisInventoryStore
  close(): Promise<void>
}

export async function openBenchClients(config: Config): Promise<BenchClients> {
  const redis = await connectRedis(config.redis.url, 'firstcome-bench')
  const pool = createPool(config.postgres.url)
  const scripts = new ScriptRunner(redis)
  await scripts.load()
  return {
    redis,
    pool,
    inventory: new RedisInventoryStore(
      redis,
      scripts,
      new KeyBuilder(config.redis.prefix),
      config.idempotencyTtlSec
    ),
    async close() {
      await pool.end().catch(() => undefined)
      await redis.quit().catch(() => redis.destroy())
    }
  }
}
