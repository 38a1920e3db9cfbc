import { connectRedis } from '../../adapters/redis/client.ts'
import { RedisInventoryStore } from '../../adapters/redis/inventory-store.ts'
import { KeyBuilder } from '../../adapters/redis/keys.ts'
import { ScriptRunner } from '../../adapters/redis/scripts.ts'
import type { Sale } from '../../domain/sale.ts'
import { buyerIds, driveBuyers } from '../drive-buyers.ts'
import type { BuyOutcome, Strategy } from '../types.ts'
import { BatchWriter } from './batch-writer.ts'
import { createLabPool } from './lab-pool.ts'

/**
 * firstcome's own path: the product's `claim-unit` Lua script through the product's
 * RedisInventoryStore (ScriptRunner, KeyBuilder), on a coupon sale warmed by the product's
 * `warm-sale` script (which verifies what it loaded). The script is the critical section: one
 * round trip decides admission, the per-user limit and the stock. The buyer is answered on
 * acceptance, as the API answers 202; the purchase rows follow in batches ({@link BatchWriter}),
 * and the run's clock stops only when the last batch is committed.
 *
 * Not included: the waiting room (every buyer is admitted before the clock starts, the waiting
 * room's job) and the HTTP and Kafka hops of the real API (`npm run bench:hot` measures those).
 */
export const firstcomeLua: Strategy = {
  name: 'firstcome-lua',
  safe: true,
  summary: "firstcome's claim-unit Lua script (real store, warmed sale), rows persisted in batches",
  async prepare(env, sale) {
    const client = await connectRedis(env.redisUrl, 'fc-lab-firstcome')
    const pool = await createLabPool(env, 'fc-lab-firstcome')
    try {
      const scripts = new ScriptRunner(client)
      await scripts.load()
      const store = new RedisInventoryStore(client, scripts, new KeyBuilder(env.redisPrefix), 60)
      const saleRecord: Sale = {
        id: sale.saleId,
        name: `lab ${sale.case.label}`,
        kind: 'coupon',
        capacity: sale.case.stock,
        perUserLimit: 1,
        holdTtlSec: 300,
        opensAt: null,
        status: 'open',
        admission: { ratePerSec: 1000, maxActive: sale.case.buyers, accessTtlSec: 3600, paused: false },
        challenge: { difficulty: 0 },
        sections: [],
        createdAt: new Date()
      }
      await store.warm({ sale: saleRecord, seats: [], units: [] }, { maxExtensions: 0 })
      const buyers = buyerIds(sale.case.buyers)
      await store.admit(sale.saleId, buyers, Date.now() + 3_600_000)
      const writer = new BatchWriter(pool, sale.saleId)
      let commands = 0
      const buy = async (buyer: string): Promise<BuyOutcome> => {
        commands++
        const r = await store.claim({
          saleId: sale.saleId,
          userId: buyer,
          claimId: `c-${buyer}`,
          response: { statusCode: 202, body: {} }
        })
        if (!r.ok) return { outcome: r.refusal === 'sold_out' ? 'sold_out' : 'error', attempts: 1 }
        const outcome: BuyOutcome = { outcome: 'won', attempts: 1 }
        writer.add(buyer, outcome)
        return outcome
      }
      return {
        run: () => driveBuyers(buyers, sale.case.concurrency, buy),
        drain: () => writer.drain(),
        redisCommands: () => commands,
        async close() {
          await pool.end()
          client.destroy()
        }
      }
    } catch (err) {
      await pool.end()
      client.destroy()
      throw err
    }
  }
}
