/**
 * Wiring of the durable booking path: the hand-off (Kafka's, or the one a test gives), the booking
 * pipeline and its consumers, the dead letters (recorder, replay), the refunds and the ledger sink
 * with their periodic workers, and the numbers they report. Kept apart so the composition root
 * only has to plug it in.
 */
import type { FastifyBaseLogger } from 'fastify'
import type { Pool } from 'pg'
import type { Counter, Gauge } from 'prom-client'
import type { KafkaAdmin } from '../adapters/kafka/index.ts'
import { KafkaBookingHandoff } from '../adapters/kafka/kafka-booking-handoff.ts'
import { pipelineTopicNames } from '../adapters/kafka/topics.ts'
import { PgBookingStore } from '../adapters/postgres/booking-store.ts'
import { PgDeadLetterStore } from '../adapters/postgres/dead-letter-store.ts'
import { PgLedgerDeadLetterStore } from '../adapters/postgres/ledger-dead-letter-store.ts'
import { PgRefundStore } from '../adapters/postgres/refund-store.ts'
import type { Config } from '../config/index.ts'
import type { InventoryStore, LedgerSource } from '../domain/inventory-ports.ts'
import type { PaymentGateway } from '../domain/payment-ports.ts'
import type { BookingHandoff, PipelineObserver } from '../domain/pipeline-ports.ts'
import type { PipelineStats, SaleRepository } from '../domain/sale-ports.ts'
import type { FeaturePlugin } from '../http/app.ts'
import { deadLetterRoutes } from '../http/routes/dead-letters.ts'
import { ledgerDeadLetterRoutes } from '../http/routes/ledger-dead-letters.ts'
import { BookingPipeline } from '../services/pipeline/booking-pipeline.ts'
import { DeadLetterReprocessor } from '../services/pipeline/dlq-reprocessor.ts'
import { LedgerSink } from '../services/pipeline/ledger-sink.ts'
import { RefundWorker } from '../services/pipeline/refund-worker.ts'
import { bookingGroupId, createBookingConsumer } from '../workers/booking-consumer.ts'
import { couponGroupId, createCouponConsumer } from '../workers/coupon-consumer.ts'
import { createDeadLetterRecorder } from '../workers/dead-letter-recorder.ts'
import { createDeadLetterRetryWorker } from '../workers/dead-letter-retry.ts'
import { createLedgerFlushWorker, flushLedgers } from '../workers/ledger-flush.ts'
import type { PeriodicWorker } from '../workers/periodic.ts'
import type { RetryPolicy } from '../workers/pipeline-consumer.ts'
import { createRefundSettlerWorker } from '../workers/refund-settler.ts'
import type { MetricSources } from './wire-metrics.ts'

/** The hand-off; `drain()` waits until everything handed off so far is finished (in this process's consumers). */
export type Handoff = BookingHandoff & { drain?: () => Promise<void> }

export interface PipelineDeps {
  config: Config
  pool: Pool
  /** Absent without Kafka: then nothing is consumed here and confirms need `handoff`. */
  kafka: KafkaAdmin | undefined
  inventory: InventoryStore & LedgerSource
  repo: SaleRepository
  payments: PaymentGateway
  /** Another hand-off than Kafka's, given the pipeline it must feed (`RuntimeOptions.handoff`). */
  handoff?: ((pipeline: BookingPipeline) => Handoff) | undefined
  /** Retry policy and batch size of the consumers (`RuntimeOptions.consumers`). */
  consumers?:
    | (RetryPolicy & { maxBatchSize?: number; paymentConcurrency?: number; instances?: number })
    | undefined
  /** Counts each refund round's outcome. */
  refundOutcomes: Pick<Counter<'outcome'>, 'inc'>
  /** The dead-letter retry schedule's replays and what it left for an operator. */
  dlqReplays: Counter
  dlqExhausted: Gauge
  /** Told of every booking and claim finished here (the per-sale metrics). */
  observer?: PipelineObserver
  /** This process's lease owner id. */
  owner: string
  /** The app's logger, once the app exists. */
  log: () => FastifyBaseLogger | undefined
}

/** The booking path, wired. */
export interface PipelineFeature {
  /** The durable booking path the consumers run (also usable directly by tests and tools). */
  pipeline: BookingPipeline
  handoff: Handoff
  deadLetters: DeadLetterReprocessor
  refunds: RefundWorker
  /** Moves the stock ledger from Redis into PostgreSQL. */
  sink: LedgerSink
  /** The sale service's numbers about the pipeline (all but the waiting room's). */
  stats: Omit<PipelineStats, 'queue'>
  /** What the pipeline's gauges read. */
  readings: Pick<MetricSources, 'refundsDue' | 'dlqDepth' | 'ledgerDeadLetters' | 'lag'>
  /** Whether the consumers have handled everything published so far (only with Kafka's hand-off). */
  caughtUp?: () => Promise<boolean>
  /** Dead-letter and ledger dead-letter admin routes. */
  plugins: FeaturePlugin[]
  /** The ledger flush and the refund settler. */
  workers: PeriodicWorker[]
  /** Moves every known sale's ledger into PostgreSQL now. */
  drainLedger(): Promise<void>
  /** Starts the consumers (with Kafka's hand-off and `consume`) and makes `handoff.drain` wait for them. */
  start(consume: boolean): Promise<void>
  /** Stops the consumers (each commits its batch in hand) and closes the hand-off. */
  close(): Promise<void>
}

/** The hand-off of a runtime that has no way to finish a booking: every publish fails (nothing accepted). */
function refusingHandoff(reason: string): BookingHandoff {
  const refuse = async () => {
    throw new Error(reason)
  }
  return { publishBooking: refuse, publishClaim: refuse }
}

export function createPipeline(deps: PipelineDeps): PipelineFeature {
  const { config, pool, kafka, inventory } = deps
  const topics = pipelineTopicNames(config.kafka.topicPrefix)
  const pipeline = new BookingPipeline({
    store: new PgBookingStore(pool, topics.results),
    inventory,
    payments: deps.payments,
    ...(deps.observer ? { observer: deps.observer } : {}),
    ...(deps.consumers?.paymentConcurrency ? { paymentConcurrency: deps.consumers.paymentConcurrency } : {})
  })
  const deadLetterStore = new PgDeadLetterStore(pool)
  const kafkaHandoff =
    kafka !== undefined && !deps.handoff
      ? new KafkaBookingHandoff({ brokers: config.kafka.brokers, topicPrefix: config.kafka.topicPrefix })
      : undefined
  const handoff: Handoff =
    kafkaHandoff ?? deps.handoff?.(pipeline) ?? refusingHandoff('the booking hand-off needs Kafka')
  const deadLetters = new DeadLetterReprocessor({
    store: deadLetterStore,
    // Without Kafka nothing is ever dead-lettered; replaying then has nothing to send.
    publisher: kafkaHandoff ?? {
      deadLetter: async () => {},
      replay: async () => {
        throw new Error('replaying dead letters needs Kafka')
      }
    },
    pipeline
  })
  const groups = [
    { group: bookingGroupId(config.kafka.topicPrefix), topic: topics.bookings },
    { group: couponGroupId(config.kafka.topicPrefix), topic: topics.claims }
  ]
  const lagOf = async (group: string, topic: string): Promise<number> => {
    if (!kafka) return 0
    const partitions = await kafka.listConsumerGroupLag(group, [topic])
    return partitions.reduce((sum, p) => sum + p.lag, 0)
  }
  const consumerLag = async (): Promise<number> => {
    if (!kafkaHandoff) return 0
    const lags = await Promise.all(groups.map((g) => lagOf(g.group, g.topic)))
    return lags.reduce((a, b) => a + b, 0)
  }
  const refundStore = new PgRefundStore(pool)
  const sink = new LedgerSink({
    source: inventory,
    repo: deps.repo,
    owner: deps.owner,
    deadLetters: new PgLedgerDeadLetterStore(pool),
    onDeadLetter: (entry, reason) =>
      deps.log()?.error({ ledgerEntry: entry, reason }, 'ledger entry refused by PostgreSQL: set aside')
  })
  const refunds = new RefundWorker({
    store: refundStore,
    payments: deps.payments,
    onOutcome: (outcome) => deps.refundOutcomes.inc({ outcome })
  })
  const onError = (name: string) => (err: unknown) =>
    deps.log()?.error({ err, worker: name }, 'worker tick failed')
  const ledger = { sink, sales: () => inventory.knownSales() }

  let consumers: Array<{ start(): Promise<void>; close(): Promise<void>; busy?: boolean }> = []
  return {
    pipeline,
    handoff,
    deadLetters,
    refunds,
    sink,
    stats: {
      dlqDepth: (saleId) => deadLetterStore.depth(saleId),
      consumerLag,
      ledgerBacklog: (saleId) => inventory.ledgerLength(saleId),
      ledgerDeadLetters: (saleId) => sink.depth(saleId),
      refunds: (saleId) => refundStore.counts(saleId)
    },
    readings: {
      refundsDue: async () => (await refundStore.counts()).due,
      dlqDepth: () => deadLetterStore.depth(),
      ledgerDeadLetters: () => sink.depth(),
      lag: async () =>
        Object.fromEntries(
          await Promise.all(groups.map(async (g) => [g.group, await lagOf(g.group, g.topic)] as const))
        )
    },
    // Lets the reconciler tell a request that was never published from one still on its way.
    ...(kafkaHandoff && kafka
      ? {
          caughtUp: () =>
            kafka.waitConsumed(
              groups.map((g) => ({ groupId: g.group, topic: g.topic })),
              5000
            )
        }
      : {}),
    plugins: [deadLetterRoutes(deadLetters), ledgerDeadLetterRoutes(sink)],
    workers: [
      createLedgerFlushWorker({ ...ledger, onError: onError('ledger-sink') }),
      createRefundSettlerWorker({ refunds, onError: onError('refunds') }),
      ...(kafkaHandoff && config.dlqRetry.intervalSec > 0
        ? [
            createDeadLetterRetryWorker({
              reprocessor: deadLetters,
              intervalMs: config.dlqRetry.intervalSec * 1000,
              policy: { maxReplays: config.dlqRetry.maxReplays, baseDelaySec: config.dlqRetry.baseDelaySec },
              batch: config.dlqRetry.batch,
              replays: deps.dlqReplays,
              exhausted: deps.dlqExhausted,
              onError: onError('dead-letter-retry'),
              onReplayed: (ids) =>
                deps.log()?.warn({ deadLetters: ids }, 'dead letters replayed by the retry schedule')
            })
          ]
        : [])
    ],
    drainLedger: () => flushLedgers(ledger),
    async start(consume) {
      // The pipeline's consumers run wherever the workers run (`firstcome worker`, or the API process).
      const onPipelineError = (err: unknown, context: { stage: string; attempt?: number; count?: number }) =>
        deps.log()?.warn({ err, ...context }, 'booking pipeline')
      const { instances: wanted, ...retry } = deps.consumers ?? {}
      const common = { brokers: config.kafka.brokers, topicPrefix: config.kafka.topicPrefix }
      // Members of each consumer group in this process: each handles its own partitions, so their
      // batches (and their statements) run side by side.
      const instances = Math.max(1, wanted ?? config.kafka.consumersPerProcess)
      const each = <T>(make: () => T): T[] => Array.from({ length: instances }, make)
      const pipelineConsumers =
        kafkaHandoff && consume
          ? [
              ...each(() =>
                createBookingConsumer({
                  ...common,
                  pipeline,
                  publisher: kafkaHandoff,
                  onError: onPipelineError,
                  ...retry
                })
              ),
              ...each(() =>
                createCouponConsumer({
                  ...common,
                  pipeline,
                  publisher: kafkaHandoff,
                  onError: onPipelineError,
                  ...retry
                })
              )
            ]
          : []
      consumers =
        kafkaHandoff && consume
          ? [
              ...pipelineConsumers,
              createDeadLetterRecorder({ ...common, store: deadLetterStore, onError: onPipelineError })
            ]
          : []
      await Promise.all(consumers.map((c) => c.start()))
      if (!kafkaHandoff) return
      handoff.drain = async () => {
        await kafkaHandoff.flush()
        if (consumers.length === 0) return
        // Settled when both groups have committed everything published so far and hold no batch.
        for (;;) {
          const busy = pipelineConsumers.some((c) => c.busy)
          // Lag cannot be read for a moment after a broker restart (stale metadata): not drained yet.
          if (!busy && (await consumerLag().catch(() => -1)) === 0) return
          await new Promise((resolve) => setTimeout(resolve, 50))
        }
      }
    },
    async close() {
      // Drain: each consumer finishes and commits the batch in hand before leaving its group.
      await Promise.all(consumers.map((c) => c.close()))
      if (!kafkaHandoff) await handoff.drain?.()
      await kafkaHandoff?.close().catch(() => undefined)
    }
  }
}
