import { setTimeout as delay } from 'node:timers/promises'
import { transaction } from '../../../src/adapters/postgres/pool.ts'
import { backoffMs, buyerIds, driveBuyers } from '../drive-buyers.ts'
import { labSql } from '../lab-sql.ts'
import type { BuyOutcome, Strategy } from '../types.ts'
import { createLabPool } from './lab-pool.ts'

/**
 * Tries per buyer. Seed 001's ticket experiment retried up to 1000 times every 100 ms; a buyer
 * that patient is not realistic, and unbounded retries hide the cost. 30 tries with full-jitter
 * backoff (2 ms doubling to a 100 ms cap) give a buyer up to about 2.5 s of retrying.
 */
const MAX_ATTEMPTS = 30
const BACKOFF_BASE_MS = 2
const BACKOFF_CAP_MS = 100

/** Signals "someone wrote since my read": roll back and retry. */
class VersionConflict extends Error {}

/**
 * Optimistic lock: read `remaining` and `version` without locking, then write
 * `UPDATE ... WHERE version = $read` together with the purchase; 0 rows means another buyer won
 * the race, so roll back and retry after a jittered backoff, up to {@link MAX_ATTEMPTS}.
 */
export const pgOptimistic: Strategy = {
  name: 'pg-optimistic',
  safe: true,
  summary: `version column, UPDATE ... WHERE version = $v, retry on 0 rows (<= ${MAX_ATTEMPTS} tries, jitter)`,
  async prepare(env, sale) {
    const pool = await createLabPool(env, 'fc-lab-optimistic')
    const buy = async (buyer: string): Promise<BuyOutcome> => {
      for (let attempt = 1; ; attempt++) {
        const { rows } = await pool.query<{ remaining: number; version: string }>(
          labSql('select-remaining'),
          [sale.saleId]
        )
        const row = rows[0]
        if (!row || row.remaining <= 0) return { outcome: 'sold_out', attempts: attempt }
        try {
          await transaction(pool, async (client) => {
            const updated = await client.query(labSql('set-remaining-versioned'), [
              sale.saleId,
              row.version,
              row.remaining - 1
            ])
            if (updated.rowCount !== 1) throw new VersionConflict()
            await client.query(labSql('insert-purchase'), [sale.saleId, buyer])
          })
          return { outcome: 'won', attempts: attempt }
        } catch (err) {
          if (!(err instanceof VersionConflict)) throw err
        }
        if (attempt >= MAX_ATTEMPTS) return { outcome: 'gave_up', attempts: attempt }
        await delay(backoffMs(attempt - 1, BACKOFF_BASE_MS, BACKOFF_CAP_MS))
      }
    }
    return {
      run: () => driveBuyers(buyerIds(sale.case.buyers), sale.case, buy),
      drain: async () => {},
      close: () => pool.end()
    }
  }
}
