/**
 * The refund settler: settles with the payment provider the refunds owed for failed reservations
 * that may have been charged ({@link RefundWorker}), round after round until none is due.
 * How often: every second in every process that runs workers (rows are leased, so processes never
 * settle the same refund twice at once).
 * Cost: one PostgreSQL claim query per round (up to 100 refunds), then one provider call and one
 * update per refund, 16 at a time; with nothing due, one query a second.
 */
import type { RefundWorker } from '../services/pipeline/refund-worker.ts'
import { PeriodicWorker } from './periodic.ts'

export const REFUND_SETTLE_MS = 1000

export function createRefundSettlerWorker(deps: {
  refunds: Pick<RefundWorker, 'runOnce'>
  onError: (err: unknown) => void
}): PeriodicWorker {
  return new PeriodicWorker(
    'refunds',
    REFUND_SETTLE_MS,
    async () => {
      while ((await deps.refunds.runOnce()) > 0) {}
    },
    deps.onError
  )
}
