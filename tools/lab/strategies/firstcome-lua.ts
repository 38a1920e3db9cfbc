import { fileURLToPath } from 'node:url'
import { RedisInventoryStore } from '../../../src/adapters/redis/inventory-store.ts'
import { KeyBuilder } from '../../../src/adapters/redis/keys.ts'
import { connectRedis } from '../../../src/adapters/redis/redis-client.ts'
import { ScriptRunner } from '../../../src/adapters/redis/scripts.ts'
import type { Sale } from '../../../src/domain/sale.ts'
import { buyerIds, driveBuyers } from '../drive-buyers.ts'
import type { BuyOutcome, Strategy } from '../types.ts'
import { expectMessage, spawnChild } from './child-process.ts'
import type { FromWriter, ToWriter } from './writer-child.ts'

const WRITER = fileURLToPath(new URL('./writer-child.ts', import.meta.url))

/** Buyers admitted per ZADD while preparing (a capacity run admits 300,000). */
const ADMIT_CHUNK = 20_000

/**
 * firstcome's own path: the product's `claim-unit` Lua script through the product's
 * RedisInventoryStore (ScriptRunner, KeyBuilder), on a coupon sale warmed by the product's
 * `warm-sale` script (which verifies what it loaded). The script is the critical section: one
 * round trip decides admission, the per-user limit and the stock. The buyer is answered on
 * acceptance, as the API answers 202; the purchase rows follow in batches, written by a process of
 * its own (`writer-child.ts`), as the product's pipeline consumer runs apart from the API. The
 * accepted buyers are handed to it once per event-loop turn (the stand-in for the API's Kafka
 * publish, and cheaper than it). The run's clock stops only when the last batch is committed.
 *
 * Fairness: the writer's pool is the only PostgreSQL pool of this strategy and has the same size
 * as every other strategy's (`--pool`), opened before the clock starts; this process opens none.
 *
 * Not included: the waiting room (every buyer is admitted before the clock starts, the waiting
 * room's job) and the HTTP and Kafka hops of the real API (`npm run bench:hot` measures those).
 */
export const firstcomeLua: Strategy = {
  name: 'firstcome-lua',
  safe: true,
  summary:
    "firstcome's claim-unit Lua script (real store, warmed sale), rows persisted in batches by a writer process",
  async prepare(env, sale) {
    const client = await connectRedis(env.redisUrl, 'fc-lab-firstcome')
    const writer = spawnChild<FromWriter>(WRITER)
    const tell = (m: ToWriter): void => {
      writer.process.send(m)
    }
    const stopWriter = async (): Promise<void> => {
      if (writer.process.connected) tell({ type: 'close' })
      await writer.exited()
    }
    try {
      tell({ type: 'start', env, saleId: sale.saleId })
      await expectMessage(writer, 'ready', 'firstcome writer')
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
        currency: 'KRW',
        cancelWindowSec: 0,
        createdAt: new Date()
      }
      await store.warm({ sale: saleRecord, seats: [], units: [] }, { maxExtensions: 0 })
      const buyers = buyerIds(sale.case.buyers)
      for (let i = 0; i < buyers.length; i += ADMIT_CHUNK)
        await store.admit(sale.saleId, buyers.slice(i, i + ADMIT_CHUNK), Date.now() + 3_600_000)

      // Accepted outcomes by row number; the writer reports the numbers it committed.
      const accepted: BuyOutcome[] = []
      let unsent: string[] = []
      let flushing = false
      const flush = (): void => {
        flushing = false
        if (unsent.length === 0) return
        tell({ type: 'rows', first: accepted.length - unsent.length, buyers: unsent })
        unsent = []
      }
      writer.process.on('message', (m: FromWriter) => {
        if (m.type !== 'committed') return
        for (const [first, count] of m.rows)
          for (let n = first; n < first + count; n++) accepted[n]!.durableAt = m.at
      })

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
        accepted.push(outcome)
        unsent.push(buyer)
        if (!flushing) {
          flushing = true
          setImmediate(flush)
        }
        return outcome
      }
      return {
        run: () => driveBuyers(buyers, sale.case, buy),
        async drain() {
          flush()
          tell({ type: 'drain' })
          // Every `committed` comes before `drained` on the same channel (the listener above has
          // used them); skip them here.
          for (;;) {
            const m = await writer.next()
            if (m.type === 'drained') return
            if (m.type !== 'committed')
              throw new Error(`firstcome writer: ${m.type === 'failed' ? m.message : m.type}`)
          }
        },
        redisCommands: () => commands,
        async close() {
          // The writer closes its pool before it exits, which flushes its PostgreSQL statistics.
          await stopWriter()
          client.destroy()
        }
      }
    } catch (err) {
      await stopWriter().catch(() => {})
      client.destroy()
      throw err
    }
  }
}
