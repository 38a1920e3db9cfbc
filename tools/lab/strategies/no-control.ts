import { buyerIds, driveBuyers } from '../drive-buyers.ts'
import type { Strategy } from '../types.ts'
import { createLabPool, readThenWrite } from './lab-pool.ts'

/** No concurrency control: read `remaining`, write `remaining - 1` (seed 001's Kurly and ticket examples). */
export const noControl: Strategy = {
  name: 'no-control',
  safe: false,
  summary: 'PG read-then-write, no lock (SELECT remaining; UPDATE remaining = read - 1)',
  async prepare(env, sale) {
    const pool = await createLabPool(env, 'fc-lab-no-control')
    return {
      run: () =>
        driveBuyers(buyerIds(sale.case.buyers), sale.case, (buyer) =>
          readThenWrite(pool, sale.saleId, buyer)
        ),
      drain: async () => {},
      close: () => pool.end()
    }
  }
}
