/**
 * The periodic reconciler: compares every known sale's Redis state with PostgreSQL and repairs
 * drift ({@link Reconciler}), one process at a time per sale (a lease of two intervals).
 * How often: every 30 s in every process that runs workers.
 * Cost: per sale, the lease, a ledger drain, a full read of the sale in Redis (audit scripts) and
 * in PostgreSQL; the heaviest periodic job, hence the long interval.
 */
import type { InventoryStore, LedgerSource } from '../domain/inventory-ports.ts'
import type { Reconciler } from '../services/results/reconciler.ts'
import { PeriodicWorker } from './periodic.ts'

/** How often the reconciler worker checks every known sale (one process at a time per sale). */
export const RECONCILE_INTERVAL_MS = 30_000

export function createReconcileWorker(deps: {
  inventory: Pick<InventoryStore, 'knownSales'> & Pick<LedgerSource, 'tryLease'>
  reconciler: Pick<Reconciler, 'reconcile'>
  /** This process's lease owner id. */
  owner: string
  onError: (err: unknown) => void
}): PeriodicWorker {
  const { inventory } = deps
  return new PeriodicWorker(
    'reconciler',
    RECONCILE_INTERVAL_MS,
    async () => {
      for (const saleId of await inventory.knownSales()) {
        if (await inventory.tryLease(saleId, 'reconcile', deps.owner, RECONCILE_INTERVAL_MS * 2))
          await deps.reconciler.reconcile(saleId)
      }
    },
    deps.onError
  )
}
