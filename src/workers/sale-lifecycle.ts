import type { InventoryStore } from '../domain/inventory-ports.ts'
import type { SaleLifecycleStore } from '../domain/lifecycle-ports.ts'
import { salePhase } from '../domain/sale-phase.ts'
import { PeriodicWorker } from './periodic.ts'

/** What the lifecycle worker reads and writes. */
export interface SaleLifecycleDeps {
  store: SaleLifecycleStore
  inventory: Pick<InventoryStore, 'setStatus'>
  /** Buyers waiting in the sale's queue (a queue forming or dissolving is a phase of a safety-net sale). */
  waiting: (saleId: string) => Promise<number>
  /** Told once a sale's status changed here (the close at `closesAt`): caches to drop. */
  onStatusChange?: (saleId: string) => void
  /** 1 s by default. */
  intervalMs: number
  now?: () => number
  onError: (err: unknown) => void
}

/**
 * A sale's lifecycle, every `intervalMs` (1 s): for each open or paused sale, closes it once its
 * `closesAt` has passed, and records every change of its phase (scheduled → pre_queue → open ⇄
 * queueing → closed, paused between; domain/sale-phase.ts) with its `sale.phase_changed` webhook
 * event in one transaction. A run costs one query of the followed sales, one Redis read per
 * safety-net sale and one statement per change.
 *
 * Safe in every process that runs workers: the close sets Redis first (idempotent) and then
 * PostgreSQL (status, phase and event in one statement), so a crash in between is repaired by the
 * next run; a change is recorded only against the phase count that was read, so of several
 * processes seeing it one records it, once. Time-driven phases (the pre-queue opening, the
 * opening) are recorded within `intervalMs` of their time; a safety-net queue that forms and
 * dissolves within one interval is not recorded.
 */
export function createSaleLifecycleWorker(deps: SaleLifecycleDeps): PeriodicWorker {
  const now = deps.now ?? Date.now
  return new PeriodicWorker(
    'sale-lifecycle',
    deps.intervalMs,
    async () => {
      for (const { sale, phase, phaseSeq } of await deps.store.trackedSales()) {
        const at = now()
        const waiting = sale.admission.safetyNet ? await deps.waiting(sale.id) : 0
        const next = salePhase(sale, at, waiting)
        if (next === 'closed' && sale.status !== 'closed') {
          // Redis first: new holds and claims stop at once, and a crash before PostgreSQL is
          // repaired by the next run, which still finds the sale open there.
          await deps.inventory.setStatus(sale.id, 'closed')
          await deps.store.recordPhase(sale.id, phaseSeq, 'closed', at, 'closed')
          deps.onStatusChange?.(sale.id)
        } else if (next !== phase) {
          await deps.store.recordPhase(sale.id, phaseSeq, next, at)
        }
      }
    },
    deps.onError
  )
}
