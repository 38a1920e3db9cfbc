import type { SaleReportStore, TimelineSample } from '../domain/report-ports.ts'
import type { StockCounts } from '../domain/sale.ts'
import type { QueueCounts } from '../domain/waiting-room-ports.ts'
import { PeriodicWorker } from './periodic.ts'

/** What the timeline worker reads and where it writes. */
export interface SaleTimelineDeps {
  store: Pick<SaleReportStore, 'recordSamples'>
  /** The sales open or paused now. */
  openSales: () => Promise<string[]>
  queueCounts: (saleId: string) => Promise<QueueCounts>
  stockCounts: (saleId: string) => Promise<StockCounts>
  /** Messages the booking and coupon consumers have still to read (0 without Kafka). */
  consumerLag: () => Promise<number>
  /** FC_TIMELINE_INTERVAL_MS. */
  intervalMs: number
  onError: (err: unknown) => void
}

/**
 * The sale timeline: every `intervalMs` (FC_TIMELINE_INTERVAL_MS, 1 s; 0 turns it off), for each
 * open or paused sale, one row of the waiting room (waiting, active, admitted so far, abandoned,
 * left, frontier), the stock (free, held, pending, sold), the confirmations so far and the
 * consumer lag, kept in PostgreSQL (`sale_timeline`) for the post-sale report. A run costs one
 * query of the open sales, two Redis reads per sale, one lag read and one multi-row INSERT; every
 * process running workers may write, and the (sale, second) primary key keeps one row per second.
 */
export function createSaleTimelineWorker(deps: SaleTimelineDeps): PeriodicWorker {
  return new PeriodicWorker(
    'sale-timeline',
    deps.intervalMs,
    async () => {
      const ids = await deps.openSales()
      if (ids.length === 0) return
      const [lag, samples] = await Promise.all([
        deps.consumerLag().catch(() => 0),
        Promise.all(
          ids.map(async (saleId): Promise<TimelineSample> => {
            const [q, s] = await Promise.all([deps.queueCounts(saleId), deps.stockCounts(saleId)])
            return {
              saleId,
              waiting: q.waiting,
              active: q.admitted,
              admittedTotal: q.admittedTotal ?? 0,
              abandoned: q.abandoned,
              left: q.left,
              frontier: q.frontier,
              free: s.available,
              held: s.held,
              pending: s.pending,
              sold: s.confirmed
            }
          })
        )
      ])
      await deps.store.recordSamples(samples, lag)
    },
    deps.onError
  )
}
