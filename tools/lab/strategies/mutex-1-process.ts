import { buyerIds, driveBuyers } from '../drive-buyers.ts'
import { Mutex } from '../mutex.ts'
import type { Strategy } from '../types.ts'
import { createLabPool, readThenWrite } from './lab-pool.ts'

/**
 * The same read-then-write as `no-control`, inside an in-process async mutex, all buyers in one
 * process: correct, because every purchase of the sale passes through this one mutex.
 */
export const mutex1Process: Strategy = {
  name: 'mutex-1-process',
  safe: true,
  summary: 'JS async mutex around the read-then-write, one process',
  async prepare(env, sale) {
    const pool = await createLabPool(env, 'fc-lab-mutex')
    const mutex = new Mutex()
    return {
      run: () =>
        driveBuyers(buyerIds(sale.case.buyers), sale.case, (buyer) =>
          mutex.run(() => readThenWrite(pool, sale.saleId, buyer))
        ),
      drain: async () => {},
      close: () => pool.end()
    }
  }
}
