/**
 * Composition of the stored post-sale report: the PostgreSQL store of the timeline and of the
 * reconciler's reports, the report itself, its admin route, and the timeline worker. Kept beside
 * runtime.ts so the composition root only plugs it in.
 */
import type { FastifyBaseLogger } from 'fastify'
import type { Pool } from 'pg'
import { PgSaleReportStore } from '../adapters/postgres/report-store.ts'
import type { Config } from '../config/index.ts'
import type { StoredReconcileReport } from '../domain/report-ports.ts'
import type { StockCounts } from '../domain/sale.ts'
import type { SaleRepository } from '../domain/sale-ports.ts'
import type { QueueCounts } from '../domain/waiting-room-ports.ts'
import type { FeaturePlugin } from '../http/app.ts'
import { adminReportRoutes } from '../http/routes/admin-report.ts'
import { SaleReports } from '../services/report/sale-report.ts'
import type { PeriodicWorker } from '../workers/periodic.ts'
import { createSaleTimelineWorker } from '../workers/sale-timeline.ts'

/** What {@link createReport} needs from the composition root. */
export interface ReportDeps {
  config: Config
  pool: Pool
  repo: Pick<SaleRepository, 'getSale' | 'listSales'>
  queueCounts: (saleId: string) => Promise<QueueCounts>
  stockCounts: (saleId: string) => Promise<StockCounts>
  consumerLag: () => Promise<number>
  log: () => FastifyBaseLogger | undefined
}

/** The post-sale report, wired. */
export interface ReportFeature {
  reports: SaleReports
  /** Stores a reconciler report (the reconciler's `onReport`); never throws. */
  record(report: StoredReconcileReport): void
  plugins: FeaturePlugin[]
  /** The timeline worker, when FC_TIMELINE_INTERVAL_MS is not 0. */
  workers: PeriodicWorker[]
}

export function createReport(deps: ReportDeps): ReportFeature {
  const store = new PgSaleReportStore(deps.pool)
  const reports = new SaleReports({ store, repo: deps.repo, queueCounts: deps.queueCounts })
  const workers =
    deps.config.timeline.intervalMs > 0
      ? [
          createSaleTimelineWorker({
            store,
            openSales: async () => (await deps.repo.listSales(['open', 'paused'])).map((s) => s.id),
            queueCounts: deps.queueCounts,
            stockCounts: deps.stockCounts,
            consumerLag: deps.consumerLag,
            intervalMs: deps.config.timeline.intervalMs,
            onError: (err) => deps.log()?.error({ err, worker: 'sale-timeline' }, 'worker tick failed')
          })
        ]
      : []
  return {
    reports,
    record(report) {
      store
        .recordReconcile(report)
        .catch((err: unknown) =>
          deps.log()?.error({ err, saleId: report.saleId }, 'reconciler report not stored')
        )
    },
    plugins: [adminReportRoutes(reports)],
    workers
  }
}
