import type { Pool } from 'pg'
import { createPool, transaction } from '../../../src/adapters/postgres/pool.ts'
import { labSql } from '../lab-sql.ts'
import type { BuyOutcome, LabEnv } from '../types.ts'

/**
 * A pool for one strategy process. Waits are long on purpose: thousands of buyers queue for a few
 * connections, and a buyer who gives up must be the strategy's decision, not the pool's 5 s default.
 */
export async function createLabPool(env: LabEnv, applicationName: string): Promise<Pool> {
  const pool = createPool(env.databaseUrl, {
    max: env.poolSize,
    connectionTimeoutMs: 120_000,
    statementTimeoutMs: 120_000,
    applicationName
  })
  // Open every connection before the clock starts, as a running server has its pool open: on this
  // machine 20 connections take ~150-400 ms to open, which would otherwise land on the first buyers.
  const clients = await Promise.all(Array.from({ length: env.poolSize }, () => pool.connect()))
  for (const c of clients) c.release()
  return pool
}

/**
 * Read-then-write in one READ COMMITTED transaction, the shape of the JPA examples in seed 001:
 * read `remaining`, and if some is left write back `remaining - 1` and the purchase. The write uses
 * the value this buyer read, so two buyers who read the same value both succeed and one decrement
 * is lost. Between the read and the write lies one client-server round trip (the awaited query),
 * the same gap a real service has; nothing is added to widen it.
 */
export async function readThenWrite(pool: Pool, saleId: string, buyer: string): Promise<BuyOutcome> {
  return transaction(pool, async (client) => {
    const { rows } = await client.query<{ remaining: number }>(labSql('select-remaining'), [saleId])
    const remaining = rows[0]?.remaining ?? 0
    if (remaining <= 0) return { outcome: 'sold_out', attempts: 1 }
    await client.query(labSql('set-remaining'), [saleId, remaining - 1])
    await client.query(labSql('insert-purchase'), [saleId, buyer])
    return { outcome: 'won', attempts: 1 }
  })
}
