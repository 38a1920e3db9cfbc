/**
 * The runtime's Prometheus metrics, registered from one place: the counters the services report to
 * (refund rounds, reconciler drift, webhook deliveries) are created first, the gauges read at
 * scrape time once their sources exist (`observe`). The HTTP app adds its own request and stream metrics to the same
 * registry when it is built.
 */
import { Counter, Gauge, Registry } from 'prom-client'
import { type SeatMapStats, seatMapMetrics } from '../http/metrics.ts'

/** What the scrape-time gauges read. */
export interface MetricSources {
  seatMap: SeatMapStats
  seatStreams: { size: number }
  refundsDue: () => Promise<number>
  dlqDepth: () => Promise<number>
  ledgerDeadLetters: () => Promise<number>
  /** The lag of each pipeline consumer group, by group id. */
  lag: () => Promise<Record<string, number>>
}

export interface RuntimeMetrics {
  /** Every metric of this process (`/metrics`). */
  registry: Registry
  /** Refund rounds by outcome. */
  refundOutcomes: Counter<'outcome'>
  /** Differences the reconciler found, by field. */
  reconcileDrift: Counter<'field'>
  /** Differences a repair brought back in line, by field. */
  reconcileRepaired: Counter<'field'>
  /** Dead letters the retry schedule replayed. */
  dlqReplays: Counter
  /** Dead letters left for an operator (the retry cap reached, or poison). */
  dlqExhausted: Gauge
  /** Webhook delivery attempts by outcome. */
  webhookDeliveries: Counter<'outcome'>
  /** Registers the gauges read at scrape time. */
  observe(sources: MetricSources): void
}

export function createMetrics(): RuntimeMetrics {
  const registry = new Registry()
  return {
    registry,
    refundOutcomes: new Counter({
      name: 'firstcome_refunds_total',
      help: 'Refund rounds by outcome: refunded, nothing_charged (the provider had captured nothing), retry',
      labelNames: ['outcome'],
      registers: [registry]
    }),
    reconcileDrift: new Counter({
      name: 'firstcome_reconcile_drift_total',
      help: 'Differences the reconciler found between Redis and PostgreSQL, by field',
      labelNames: ['field'],
      registers: [registry]
    }),
    reconcileRepaired: new Counter({
      name: 'firstcome_reconcile_repaired_total',
      help: 'Differences between Redis and PostgreSQL the reconciler repaired (Redis rebuilt from PostgreSQL), by field',
      labelNames: ['field'],
      registers: [registry]
    }),
    dlqReplays: new Counter({
      name: 'firstcome_dlq_auto_replays_total',
      help: 'Dead letters the retry schedule sent back to their topic',
      registers: [registry]
    }),
    dlqExhausted: new Gauge({
      name: 'firstcome_dlq_exhausted',
      help: 'Unresolved dead letters the retry schedule will not replay any more (cap reached, or poison): they wait for an operator',
      registers: [registry],
      aggregator: 'max'
    }),
    webhookDeliveries: new Counter({
      name: 'firstcome_webhook_deliveries_total',
      help: 'Webhook delivery attempts by outcome: delivered (2xx), retry (to be sent again), dead (given up after the last attempt)',
      labelNames: ['outcome'],
      registers: [registry]
    }),
    observe(sources) {
      seatMapMetrics(registry, sources.seatMap, sources.seatStreams)
      pipelineGauges(registry, sources)
    }
  }
}

/**
 * Prometheus gauges of the pipeline, read at scrape time: unresolved dead letters and the lag of
 * each consumer group. A scrape while a dependency is down keeps the last value. Every API process
 * reads the same numbers, so a fleet's metrics take the largest (`aggregator: 'max'`), not the sum.
 */
function pipelineGauges(registry: Registry, read: MetricSources): void {
  new Gauge({
    name: 'firstcome_ledger_dead_letters',
    help: 'Stock-ledger entries PostgreSQL refused, set aside and not yet replayed or dismissed',
    registers: [registry],
    aggregator: 'max',
    async collect() {
      const depth = await read.ledgerDeadLetters().catch(() => undefined)
      if (depth !== undefined) this.set(depth)
    }
  })
  new Gauge({
    name: 'firstcome_refunds_due',
    help: 'Refunds owed for failed reservations that may have been charged, not settled with the provider yet',
    registers: [registry],
    aggregator: 'max',
    async collect() {
      const due = await read.refundsDue().catch(() => undefined)
      if (due !== undefined) this.set(due)
    }
  })
  new Gauge({
    name: 'firstcome_dlq_depth',
    help: 'Dead letters not yet replayed or given up',
    registers: [registry],
    aggregator: 'max',
    async collect() {
      const depth = await read.dlqDepth().catch(() => undefined)
      if (depth !== undefined) this.set(depth)
    }
  })
  new Gauge({
    name: 'firstcome_consumer_lag',
    help: 'Messages of a pipeline topic its consumer group has not committed yet',
    labelNames: ['group'],
    registers: [registry],
    aggregator: 'max',
    async collect() {
      const lags = await read.lag().catch(() => ({}))
      for (const [group, lag] of Object.entries(lags)) this.set({ group }, lag)
    }
  })
}
