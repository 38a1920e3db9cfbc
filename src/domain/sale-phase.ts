import type { Sale } from './sale.ts'

/**
 * Where a sale stands on its timeline, as buyers, the console, the metrics and the webhooks see it:
 *
 * `scheduled` (before `preQueueOpensAt`: joins refused) → `pre_queue` (before `opensAt`: joins are
 * pre-queued, ordered by the committed shuffle at opening) → `open` (admission runs; in safety-net
 * mode arrivals pass straight through) ⇄ `queueing` (safety-net mode only: demand is past the
 * limits and a queue has formed; back to `open` once it drains) → `closed` (by the operator, or at
 * `closesAt`). `paused` (the operator paused the sale or its admission) can come between any two.
 */
export const SALE_PHASES = ['scheduled', 'pre_queue', 'open', 'queueing', 'paused', 'closed'] as const

export type SalePhase = (typeof SALE_PHASES)[number]

/** The part of a sale its phase depends on. */
export type PhaseInputs = Pick<Sale, 'status' | 'opensAt' | 'preQueueOpensAt' | 'closesAt'> & {
  admission: Pick<Sale['admission'], 'paused' | 'safetyNet'>
}

/**
 * The phase of a sale at `nowMs`; `waiting` is how many buyers wait in its queue (it matters only
 * in safety-net mode, where a queue that forms or dissolves is a change of phase). A sale past its
 * `closesAt` is `closed` even before the lifecycle worker has closed it.
 */
export function salePhase(sale: PhaseInputs, nowMs: number, waiting: number): SalePhase {
  if (sale.status === 'closed') return 'closed'
  if (sale.closesAt && nowMs >= sale.closesAt.getTime()) return 'closed'
  if (sale.status === 'paused' || sale.admission.paused) return 'paused'
  if (sale.status === 'warming') return 'scheduled'
  if (sale.preQueueOpensAt && nowMs < sale.preQueueOpensAt.getTime()) return 'scheduled'
  if (sale.opensAt && nowMs < sale.opensAt.getTime()) return 'pre_queue'
  if (sale.admission.safetyNet && waiting > 0) return 'queueing'
  return 'open'
}
