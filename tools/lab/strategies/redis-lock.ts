import { randomBytes } from 'node:crypto'
import { setTimeout as delay } from 'node:timers/promises'
import { transaction } from '../../../src/adapters/postgres/pool.ts'
import { connectRedis } from '../../../src/adapters/redis/redis-client.ts'
import { backoffMs, buyerIds, driveBuyers } from '../drive-buyers.ts'
import { LabKeys } from '../lab-keys.ts'
import { labScripts } from '../lab-scripts.ts'
import { labSql } from '../lab-sql.ts'
import { type BuyOutcome, now, type Strategy } from '../types.ts'
import { createLabPool } from './lab-pool.ts'

/**
 * Kurly's Redisson defaults (seed 001): wait up to 5 s for the lock, lease it for 3 s. A buyer who
 * has not got the lock after 5 s gives up.
 */
const WAIT_MS = 5_000
const LEASE_MS = 3_000
/** Spin with full-jitter backoff, 1 ms doubling to 20 ms: Lettuce-style SET NX polling. */
const BACKOFF_BASE_MS = 1
const BACKOFF_CAP_MS = 20

/** The PostgreSQL write saw a newer fencing token: this holder's lock had expired. */
class FencedOut extends Error {}

/**
 * A distributed lock in Redis around the read-then-write, done properly: `SET lock token NX PX`
 * with retry and backoff until a wait budget, a fencing token from `INCR` that the PostgreSQL write
 * checks (`UPDATE ... WHERE fence < $token`), so a holder whose lease ran out cannot overwrite a
 * newer holder's write, release by compare-and-delete (`release-lock-1.lua`) after the COMMIT
 * (releasing before the commit lets the next holder read stale stock, seed 001's Kurly post).
 *
 * Redisson waits on pub/sub rather than polling; polling with backoff adds Redis commands but the
 * lock is still held one buyer at a time, which is what bounds the throughput.
 */
export const redisLock: Strategy = {
  name: 'redis-lock',
  safe: true,
  summary: `SET NX PX lock (wait ${WAIT_MS / 1000} s, lease ${LEASE_MS / 1000} s), INCR fencing token checked by the PG write, CAS release`,
  async prepare(env, sale) {
    const client = await connectRedis(env.redisUrl, 'fc-lab-redis-lock')
    const scripts = labScripts(client)
    const pool = await createLabPool(env, 'fc-lab-redis-lock')
    const keys = new LabKeys(env.redisPrefix).sale(sale.saleId)

    let commands = 0
    /** Tries SET NX PX until it succeeds or the wait budget is spent; returns the tries made. */
    const acquire = async (token: string): Promise<{ acquired: boolean; attempts: number }> => {
      const deadline = now() + WAIT_MS
      for (let attempt = 1; ; attempt++) {
        commands++
        const ok = await client.set(keys.lock, token, {
          condition: 'NX',
          expiration: { type: 'PX', value: LEASE_MS }
        })
        if (ok === 'OK') return { acquired: true, attempts: attempt }
        if (now() >= deadline) return { acquired: false, attempts: attempt }
        await delay(backoffMs(Math.min(attempt - 1, 10), BACKOFF_BASE_MS, BACKOFF_CAP_MS))
      }
    }

    const buy = async (buyer: string): Promise<BuyOutcome> => {
      const token = randomBytes(8).toString('hex')
      const { acquired, attempts } = await acquire(token)
      if (!acquired) return { outcome: 'gave_up', attempts }
      try {
        commands++
        const fence = await client.incr(keys.fence)
        return await transaction(pool, async (c) => {
          const { rows } = await c.query<{ remaining: number }>(labSql('select-remaining'), [sale.saleId])
          const remaining = rows[0]?.remaining ?? 0
          if (remaining <= 0) return { outcome: 'sold_out', attempts }
          const updated = await c.query(labSql('set-remaining-fenced'), [sale.saleId, fence, remaining - 1])
          if (updated.rowCount !== 1) throw new FencedOut()
          await c.query(labSql('insert-purchase'), [sale.saleId, buyer])
          return { outcome: 'won', attempts }
        })
      } catch (err) {
        if (err instanceof FencedOut) return { outcome: 'error', attempts }
        throw err
      } finally {
        commands++
        await scripts.run('release-lock', [keys.lock], [token])
      }
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
