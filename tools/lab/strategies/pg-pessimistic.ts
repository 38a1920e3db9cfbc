import { transaction } from '../../../src/adapters/postgres/pool.ts'
import { buyerIds, driveBuyers } from '../drive-buyers.ts'
import { labSql } from '../lab-sql.ts'
import type { BuyOutcome, Strategy } from '../types.ts'
import { createLabPool } from './lab-pool.ts'

/**
 * `SELECT ... FOR UPDATE` on the stock row, then the decrement and the purchase, in one
 * transaction. Every buyer, including those who will only learn it is sold out, waits for the row
 * lock: the sale runs one transaction at a time.
 */
export const pgPessimistic: Strategy = {
  name: 'pg-pessimistic',
  safe: true,
  summary: 'SELECT ... FOR UPDATE on the stock row, decrement + insert, COMMIT',
  async prepare(env, sale) {
    const pool = await createLabPool(env, 'fc-lab-pessimistic')
    const buy = (buyer: string): Promise<BuyOutcome> =>
      transaction(pool, async (client) => {
        const { rows } = await client.query<{ remaining: number }>(labSql('select-remaining-for-update'), [
          sale.saleId
        ])
        if ((rows[0]?.remaining ?? 0) <= 0) return { outcome: 'sold_out', attempts: 1 }
        await client.query(labSql('decrement-remaining'), [sale.saleId, 1])
        await client.query(labSql('insert-purchase'), [sale.saleId, buyer])
        return { outcome: 'won', attempts: 1 }
      })
    return {
      run: () => driveBuyers(buyerIds(sale.case.buyers), sale.case, buy),
      drain: async () => {},
      close: () => pool.end()
    }
  }
}
