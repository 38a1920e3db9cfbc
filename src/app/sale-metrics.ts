import { Counter, Gauge, Histogram, type Registry } from 'prom-client'
import type { TerminalOutcome } from '../domain/pipeline-ports.ts'
import type { StockCounts } from '../domain/sale.ts'
import { SALE_PHASES, type SalePhase } from '../domain/sale-phase.ts'
import type { AdmissionTickResult, QueueCounts } from '../domain/waiting-room-ports.ts'

/**
 * The per-sale Prometheus series. The `sale` label is bounded to the sales open now (status open
 * or paused): the series of a sale that closes are removed at the next refresh (every `refreshMs`,
 * at a scrape or a request), so a process that has run a thousand sales still exports only the
 * live ones. The scheduler's and the pipeline's counts name sales that exist and are kept at once;
 * the API's (http/purchase-metrics.ts) name whatever a URL says, and only the listed sales count
 * under their own label. The waiting room's and the stock's
 * numbers are read from Redis at scrape time (every process reports the same values: take the
 * `max` across processes, never the `sum`; `serve --processes` does so itself); the counters and
 * histograms count what this process did (take the `sum`).
 *
 * | series | type | from |
 * | --- | --- | --- |
 * | `firstcome_queue_waiting{sale}` | gauge | buyers waiting (Redis) |
 * | `firstcome_queue_active{sale}` | gauge | buyers admitted whose access is live (Redis) |
 * | `firstcome_queue_admissions_total{sale}` | counter | admissions by this process's ticks |
 * | `firstcome_join_to_admission_seconds{sale}` | histogram | from taking a place (or the opening) to admission |
 * | `firstcome_stock_units{sale,state}` | gauge | units free, held, pending, sold (Redis) |
 * | `firstcome_sale_phase{sale,phase}` | gauge | 1 for the phase the sale is in, 0 for the others (domain/sale-phase.ts) |
 * | `firstcome_bookings_total{sale,kind,outcome}` | counter | bookings and claims finished here, confirmed or failed |
 * | `firstcome_accept_to_terminal_seconds{sale,kind}` | histogram | from the API's accept to the final status |
 *
 * The API's joins, holds and claims by outcome are counted where they are answered
 * (`http/purchase-metrics.ts`).
 */
export interface SaleMetricsDeps {
  registry: Registry
  /** The sales open now (open or paused), newest first. */
  openSales: () => Promise<string[]>
  queueCounts: (saleId: string) => Promise<QueueCounts>
  stockCounts: (saleId: string) => Promise<StockCounts>
  /** Where the sale stands on its timeline (undefined when it is gone); no phase series without it. */
  phase?: (saleId: string) => Promise<SalePhase | undefined>
  /** How long a list of open sales is reused (ms); 2 s by default. */
  refreshMs?: number
  now?: () => number
}

export interface SaleMetrics {
  /** The sale ids a `sale` label may take now (the last refreshed list of open sales). */
  labels(): ReadonlySet<string>
  /** Reads the open sales again now (once per `refreshMs` otherwise, at scrape time). */
  refresh(): Promise<void>
  /** For the admission scheduler's `onTick`. */
  onTick(saleId: string, result: AdmissionTickResult): void
  /** For the booking pipeline's observer. */
  terminal(outcomes: readonly TerminalOutcome[]): void
}

/** Buckets of a wait in the waiting room: a second to an hour. */
const WAIT_BUCKETS = [1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1200, 1800, 3600]
/** Buckets of the time from accept to a final status: 10 ms to 2 minutes. */
const TERMINAL_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120]

export function createSaleMetrics(deps: SaleMetricsDeps): SaleMetrics {
  const { registry } = deps
  const now = deps.now ?? Date.now
  const refreshMs = deps.refreshMs ?? 2000
  let open: ReadonlySet<string> = new Set()
  let refreshedAt = Number.NEGATIVE_INFINITY
  let refreshing: Promise<void> | undefined

  const admissions = new Counter({
    name: 'firstcome_queue_admissions_total',
    help: 'Buyers admitted from the waiting room by this process, by sale',
    labelNames: ['sale'],
    registers: [registry]
  })
  const waits = new Histogram({
    name: 'firstcome_join_to_admission_seconds',
    help: 'Time from taking a place in the waiting room (or the opening, for the pre-queue) to admission, by sale',
    labelNames: ['sale'],
    buckets: WAIT_BUCKETS,
    registers: [registry]
  })
  const bookings = new Counter({
    name: 'firstcome_bookings_total',
    help: 'Bookings and claims this process finished, by sale, kind (booking, claim) and outcome (confirmed, failed)',
    labelNames: ['sale', 'kind', 'outcome'],
    registers: [registry]
  })
  const toTerminal = new Histogram({
    name: 'firstcome_accept_to_terminal_seconds',
    help: "Time from the API's accept to the final status, by sale and kind",
    labelNames: ['sale', 'kind'],
    buckets: TERMINAL_BUCKETS,
    registers: [registry]
  })
  const KINDS = ['booking', 'claim'] as const
  const forget = (sale: string): void => {
    admissions.remove({ sale })
    waits.remove({ sale })
    for (const kind of KINDS) {
      toTerminal.remove({ sale, kind })
      for (const outcome of ['confirmed', 'failed']) bookings.remove({ sale, kind, outcome })
    }
  }

  // Sales this process has counted something for (the scheduler and the pipeline only name sales
  // that exist, so they count at once, even before the list of open sales is read again).
  const counted = new Set<string>()
  const refresh = async (): Promise<void> => {
    const ids = new Set(await deps.openSales())
    // A closed sale's series go: its counters are final and its numbers no longer move.
    for (const gone of [...counted].filter((id) => !ids.has(id))) {
      forget(gone)
      counted.delete(gone)
    }
    open = ids
    refreshedAt = now()
  }
  const ensureFresh = async (): Promise<void> => {
    if (now() - refreshedAt < refreshMs) return
    refreshing ??= refresh().finally(() => {
      refreshing = undefined
    })
    await refreshing
  }

  new Gauge({
    name: 'firstcome_queue_waiting',
    help: 'Buyers waiting in the waiting room, by open sale (Redis; the same in every process)',
    labelNames: ['sale'],
    registers: [registry],
    aggregator: 'max',
    async collect() {
      await ensureFresh()
      this.reset()
      await Promise.all(
        [...open].map(async (sale) => {
          const c = await deps.queueCounts(sale)
          this.set({ sale }, c.waiting)
          active.set({ sale }, c.admitted)
        })
      )
    }
  })
  // Set by the collect above (one read of the counts per sale and scrape); registered after it.
  const active = new Gauge({
    name: 'firstcome_queue_active',
    help: 'Buyers admitted whose access is live, by open sale (Redis; the same in every process)',
    labelNames: ['sale'],
    registers: [registry],
    aggregator: 'max'
  })
  new Gauge({
    name: 'firstcome_stock_units',
    help: 'Units by state (free, held, pending, sold), by open sale (Redis; the same in every process)',
    labelNames: ['sale', 'state'],
    registers: [registry],
    aggregator: 'max',
    async collect() {
      await ensureFresh()
      this.reset()
      await Promise.all(
        [...open].map(async (sale) => {
          const c = await deps.stockCounts(sale)
          this.set({ sale, state: 'free' }, c.available)
          this.set({ sale, state: 'held' }, c.held)
          this.set({ sale, state: 'pending' }, c.pending)
          this.set({ sale, state: 'sold' }, c.confirmed)
        })
      )
    }
  })

  const phaseOf = deps.phase
  if (phaseOf) {
    new Gauge({
      name: 'firstcome_sale_phase',
      help: 'Where an open sale stands on its timeline: 1 for its phase (scheduled, pre_queue, open, queueing, paused, closed), 0 for the others (the same in every process)',
      labelNames: ['sale', 'phase'],
      registers: [registry],
      aggregator: 'max',
      async collect() {
        await ensureFresh()
        this.reset()
        await Promise.all(
          [...open].map(async (sale) => {
            const current = await phaseOf(sale)
            if (current === undefined) return
            for (const phase of SALE_PHASES) this.set({ sale, phase }, phase === current ? 1 : 0)
          })
        )
      }
    })
  }

  return {
    labels: () => {
      // Kept fresh by the requests that read it too, not only by scrapes (none may come).
      if (now() - refreshedAt >= refreshMs) ensureFresh().catch(() => undefined)
      return open
    },
    refresh,
    onTick(saleId, result) {
      if (result.kind !== 'ticked' || result.admitted.length === 0) return
      counted.add(saleId)
      admissions.inc({ sale: saleId }, result.admitted.length)
      for (const ms of result.waitedMs ?? []) waits.observe({ sale: saleId }, ms / 1000)
    },
    terminal(outcomes) {
      const at = now()
      for (const o of outcomes) {
        counted.add(o.saleId)
        bookings.inc({ sale: o.saleId, kind: o.kind, outcome: o.outcome })
        toTerminal.observe({ sale: o.saleId, kind: o.kind }, Math.max(0, at - o.acceptedAt) / 1000)
      }
    }
  }
}
