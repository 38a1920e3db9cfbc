import { transaction } from '../../../src/adapters/postgres/pool.ts'
import { connectRedis } from '../../../src/adapters/redis/redis-client.ts'
import { buyerIds, driveBuyers } from '../drive-buyers.ts'
import { LabKeys } from '../lab-keys.ts'
import { labSql } from '../lab-sql.ts'
import type { BuyOutcome, Strategy } from '../types.ts'
import { createLabPool } from './lab-pool.ts'

/**
 * Seed 002's coupon strategy, as separate commands (no script): `SADD applied buyer` (0 = applied
 * before), `INCR counter` and compare with the stock, `DECR` back on overflow, then the PostgreSQL
 * write (purchase + relative decrement) in the buyer's request. Correct because INCR is atomic:
 * only the first `stock` increments see a value <= stock. A failed DB write is compensated
 * (DECR + SREM), the seed's "failed event" case handled in place.
 */
export const redisIncrSadd: Strategy = {
  name: 'redis-incr-sadd',
  safe: true,
  summary: 'seed 002: SADD per-user set, INCR counter vs stock (DECR on overflow), then the PG write',
  async prepare(env, sale) {
    const client = await connectRedis(env.redisUrl, 'fc-lab-incr-sadd')
    const pool = await createLabPool(env, 'fc-lab-incr-sadd')
    const keys = new LabKeys(env.redisPrefix).sale(sale.saleId)
    let commands = 0
    const buy = async (buyer: string): Promise<BuyOutcome> => {
      commands += 2
      // Every lab buyer applies once, so a repeat would be a bug in the lab, reported as an error.
      if ((await client.sAdd(keys.applied, buyer)) === 0) return { outcome: 'error', attempts: 1 }
      const n = await client.incr(keys.counter)
      if (n > sale.case.stock) {
        commands++
        await client.decr(keys.counter)
        return { outcome: 'sold_out', attempts: 1 }
      }
      try {
        await transaction(pool, async (c) => {
          await c.query(labSql('insert-purchase'), [sale.saleId, buyer])
          await c.query(labSql('decrement-remaining'), [sale.saleId, 1])
        })
      } catch (err) {
        commands += 2
        await client.decr(keys.counter)
        await client.sRem(keys.applied, buyer)
        throw err
      }
      return { outcome: 'won', attempts: 1 }
    }
    return {
      run: () => driveBuyers(buyerIds(sale.case.buyers), sale.case, buy),
      drain: async () => {},
      redisCommands: () => commands,
      async close() {
        await pool.end()
        client.destroy()
      }
    }
  }
}
