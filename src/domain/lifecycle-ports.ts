/**
 * The port of a sale's lifecycle: the phases recorded in PostgreSQL (migration 0040) with their
 * `sale.phase_changed` webhook events, which the sale-lifecycle worker follows and writes.
 */
import type { Sale, SaleStatus } from './sale.ts'
import type { SalePhase } from './sale-phase.ts'

/** A sale the lifecycle worker follows, with the phase recorded last. */
export interface TrackedSale {
  sale: Sale
  /** Null until the first phase is recorded. */
  phase: SalePhase | null
  /** How many phase changes are recorded: the next one is recorded only against this value. */
  phaseSeq: number
}

/** PostgreSQL: the recorded phases. */
export interface SaleLifecycleStore {
  /** Open and paused sales, and closed ones whose closing is not recorded yet. */
  trackedSales(): Promise<TrackedSale[]>
  /**
   * Records `phase` (and, with `status`, the sale's new status) together with its
   * `sale.phase_changed` event in one transaction, only if `seq` is still the recorded count: true
   * when this call recorded it, false when another worker was first.
   */
  recordPhase(
    saleId: string,
    seq: number,
    phase: SalePhase,
    atMs: number,
    status?: SaleStatus
  ): Promise<boolean>
}
