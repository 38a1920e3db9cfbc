import type {
  QueueFigureSource,
  SaleReport,
  SaleReportStore,
  StoredReconcileReport,
  TimelineRow
} from '../../domain/report-ports.ts'
import type { SaleRepository } from '../../domain/sale-ports.ts'
import type { QueueCounts } from '../../domain/waiting-room-ports.ts'
import { FcError } from '../../errors.ts'

/** What {@link SaleReports} reads. */
export interface SaleReportsDeps {
  store: SaleReportStore
  repo: Pick<SaleRepository, 'getSale'>
  /**
   * The waiting room's counts now (Redis), preferred to the timeline's last second for the
   * funnel's queue figures; a failed read falls back to the timeline.
   */
  queueCounts?: (saleId: string) => Promise<QueueCounts>
  now?: () => number
}

/** At most this many reconciler reports and dead letters are read (and counted) per report. */
const LISTED = 500

/** Seconds where `pick` went down from one timeline row to the next. */
function regressions(rows: readonly TimelineRow[], pick: (r: TimelineRow) => number): number {
  let n = 0
  for (let i = 1; i < rows.length; i++) {
    const prev = rows[i - 1]
    const cur = rows[i]
    if (prev && cur && pick(cur) < pick(prev)) n++
  }
  return n
}

/**
 * The post-sale report, computed from PostgreSQL: the sale's timeline, its funnel (from the
 * waiting room's counts and the booking rows), the fairness figures, the reconciler's reports and
 * the sale's dead letters. Works for a sale in any state; a closed sale's report no longer moves.
 */
export class SaleReports {
  readonly #d: SaleReportsDeps

  constructor(deps: SaleReportsDeps) {
    this.#d = deps
  }

  async report(saleId: string): Promise<SaleReport> {
    const { store } = this.#d
    const sale = await this.#d.repo.getSale(saleId)
    if (!sale) throw new FcError('FC_NOT_FOUND', 'No such sale')
    const [timeline, funnel, reports, deadLetters, edits, seed, live] = await Promise.all([
      store.timeline(saleId),
      store.funnel(saleId),
      store.reconcileReports(saleId, LISTED),
      store.deadLetters(saleId, LISTED),
      store.edits(saleId, LISTED),
      store.seed(saleId),
      this.#d.queueCounts ? this.#d.queueCounts(saleId).catch(() => undefined) : Promise.resolve(undefined)
    ])
    const now = (this.#d.now ?? Date.now)()
    const last = timeline.at(-1)
    let queue: { admitted: number; waiting: number; abandoned: number; left: number }
    let queueSource: QueueFigureSource
    // Redis knows the sale's waiting room when an admission tick ran or someone waits; otherwise
    // (Redis lost it, or nothing happened yet) the last recorded second is the better figure.
    const known = live && (live.admittedTotal !== undefined || live.waiting > 0 || live.admitted > 0)
    if (live && known) {
      queue = {
        admitted: live.admittedTotal ?? 0,
        waiting: live.waiting,
        abandoned: live.abandoned,
        left: live.left
      }
      queueSource = 'waiting-room'
    } else if (last) {
      queue = {
        admitted: last.admittedTotal,
        waiting: last.waiting,
        abandoned: last.abandoned,
        left: last.left
      }
      queueSource = 'timeline'
    } else {
      queue = { admitted: 0, waiting: 0, abandoned: 0, left: 0 }
      queueSource = 'none'
    }
    const opensAtMs = sale.opensAt?.getTime() ?? 0
    const revealed = sale.status === 'closed' || (opensAtMs > 0 && now >= opensAtMs)
    const drifted = (r: StoredReconcileReport) => r.drift.length > 0
    return {
      saleId: sale.id,
      name: sale.name,
      kind: sale.kind,
      status: sale.status,
      capacity: sale.capacity,
      currency: sale.currency,
      opensAt: sale.opensAt ? sale.opensAt.toISOString() : null,
      createdAt: sale.createdAt.toISOString(),
      generatedAt: new Date(now).toISOString(),
      timeline,
      funnel: {
        joined: queue.admitted + queue.waiting + queue.abandoned + queue.left,
        ...queue,
        held: funnel.holds,
        holders: funnel.holders,
        paid: funnel.paid,
        failed: funnel.failed,
        inFlight: funnel.inFlight,
        released: funnel.released,
        expired: funnel.expired,
        refunds: funnel.refunds,
        queueSource
      },
      fairness: {
        seedHash: seed?.hash ?? null,
        seed: seed && revealed ? seed.seed : null,
        frontierRegressions: regressions(timeline, (r) => r.frontier),
        admittedRegressions: regressions(timeline, (r) => r.admittedTotal)
      },
      reconcile: {
        reports,
        driftFound: reports.reduce((n, r) => n + r.drift.length, 0),
        repaired: reports.filter((r) => drifted(r) && r.repaired).length,
        unrepaired: reports.filter((r) => drifted(r) && !r.repaired).length,
        staleSettled: reports.reduce((n, r) => n + r.stale, 0)
      },
      deadLetters: {
        total: deadLetters.length,
        unresolved: deadLetters.filter((d) => d.resolution === null).length,
        replayed: deadLetters.filter((d) => d.resolution === 'replayed').length,
        failed: deadLetters.filter((d) => d.resolution === 'failed').length,
        items: deadLetters
      },
      edits: { total: edits.length, items: edits }
    }
  }
}
