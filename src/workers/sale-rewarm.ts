/**
 * The re-warm: rebuilds in Redis, from PostgreSQL, the open, paused or warming sales Redis has lost
 * (a flushed or replaced Redis), and logs which ones it rebuilt.
 * How often: every 2 s in every process that runs workers.
 * Cost: one PostgreSQL query for the sales and one Redis read per sale; a full warm-up (the sale's
 * inventory loaded and verified) only for a sale Redis lost.
 */
import type { SaleService } from '../services/sales/sale-service.ts'
import { PeriodicWorker } from './periodic.ts'

export const REWARM_MS = 2000

export function createSaleRewarmWorker(deps: {
  sales: Pick<SaleService, 'rewarmCold'>
  /** Told which sales were rebuilt (the runtime logs them as a warning). */
  onRewarmed: (saleIds: string[]) => void
  onError: (err: unknown) => void
}): PeriodicWorker {
  return new PeriodicWorker(
    'rewarm',
    REWARM_MS,
    async () => {
      const rewarmed = await deps.sales.rewarmCold()
      if (rewarmed.length > 0) deps.onRewarmed(rewarmed)
    },
    deps.onError
  )
}
