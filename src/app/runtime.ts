/**
 * The composition root: connects the adapters, builds the services and the HTTP app, and starts
 * the workers. The only module that knows every layer.
 */
import { randomUUID } from 'node:crypto'
import type { Pool } from 'pg'
import { Counter, Gauge, Registry } from 'prom-client'
import { createKafkaAdmin, type KafkaAdmin } from '../adapters/kafka/index.ts'
import { KafkaBookingHandoff } from '../adapters/kafka/kafka-booking-handoff.ts'
import { pipelineTopicNames, pipelineTopics } from '../adapters/kafka/topics.ts'
import { PgBookingStore } from '../adapters/postgres/booking-store.ts'
import { PgDeadLetterStore } from '../adapters/postgres/dead-letter-store.ts'
import { PgLedgerDeadLetterStore } from '../adapters/postgres/ledger-dead-letter-store.ts'
import { migrate } from '../adapters/postgres/migrate.ts'
import { createPool, isPostgresReady } from '../adapters/postgres/pool.ts'
import { PgRefundStore } from '../adapters/postgres/refund-store.ts'
import { PgSaleRepository } from '../adapters/postgres/sale-repository.ts'
import { RedisInventoryStore } from '../adapters/redis/inventory-store.ts'
import { KeyBuilder } from '../adapters/redis/keys.ts'
import { connectRedis, isRedisReady, type RedisClient } from '../adapters/redis/redis-client.ts'
import { ScriptRunner } from '../adapters/redis/scripts.ts'
import { RedisSeatStateSource } from '../adapters/redis/seat-state-source.ts'
import {
  acceptsSimulatedPayments,
  assertTestIsolation,
  type Config,
  configWarnings
} from '../config/index.ts'
import type { PaymentGateway } from '../domain/payment-ports.ts'
import type { BookingHandoff } from '../domain/pipeline-ports.ts'
import type { PipelineStats } from '../domain/sale-ports.ts'
import { type App, type BuildOptions, build, type ReadinessProbe } from '../http/app.ts'
import { cachedReadiness, type ReadyBody } from '../http/health.ts'
import { buildInternal } from '../http/internal.ts'
import { seatMapMetrics } from '../http/metrics.ts'
import { adminRoutes } from '../http/routes/admin.ts'
import { adminMetricsRoutes } from '../http/routes/admin-metrics.ts'
import { buyerRoutes } from '../http/routes/buyer.ts'
import { deadLetterRoutes } from '../http/routes/dead-letters.ts'
import { ledgerDeadLetterRoutes } from '../http/routes/ledger-dead-letters.ts'
import { seatMapRoutes } from '../http/routes/seat-map.ts'
import { webRoutes } from '../http/web.ts'
import { BookingPipeline } from '../services/pipeline/booking-pipeline.ts'
import { DeadLetterReprocessor } from '../services/pipeline/dlq-reprocessor.ts'
import { LedgerSink } from '../services/pipeline/ledger-sink.ts'
import { RefundWorker } from '../services/pipeline/refund-worker.ts'
import { AccessTokens } from '../services/sales/access-tokens.ts'
import { BuyerService } from '../services/sales/buyer-service.ts'
import { SaleService } from '../services/sales/sale-service.ts'
import { SeatFanout } from '../services/seat-map/seat-fanout.ts'
import { SeatMapService } from '../services/seat-map/seat-map-service.ts'
import { KnownSales } from '../services/traffic/known-sales.ts'
import { bookingGroupId, createBookingConsumer } from '../workers/booking-consumer.ts'
import { couponGroupId, createCouponConsumer } from '../workers/coupon-consumer.ts'
import { createDeadLetterRecorder } from '../workers/dead-letter-recorder.ts'
import { PeriodicWorker } from '../workers/periodic.ts'
import type { RetryPolicy } from '../workers/pipeline-consumer.ts'
import { createCancellations, createPayments } from './wire-payments.ts'
import { createResults, type Results } from './wire-results.ts'
import { createTraffic, type Traffic } from './wire-traffic.ts'
import { createWaitingRoom, type WaitingRoom } from './wire-waiting-room.ts'

export interface RuntimeOptions {
  /** Passed to the HTTP app (tests turn logging off). */
  logger?: BuildOptions['logger']
  /** Start the background workers (sweeper, ledger sink, re-warm); `config.workers` by default. */
  workers?: boolean
  /** Another payment gateway (tests pin outcomes). */
  payments?: PaymentGateway
  /** Run the migrations at start; true by default. */
  migrate?: boolean
  /** Connect to Kafka: create the pipeline's topics and probe the brokers in /ready; true by default. */
  kafka?: boolean
  /**
   * Another booking hand-off instead of Kafka's, given the durable pipeline it must feed (tests
   * without a broker: `test/support/direct-handoff.ts`). Without one and without Kafka, confirms
   * and claims are refused (`FC_UNAVAILABLE`): nothing could finish them.
   */
  handoff?: (pipeline: BookingPipeline) => BookingHandoff & { drain?: () => Promise<void> }
  /** Retry policy and batch size of the pipeline consumers (tests shorten the back-off). */
  consumers?: RetryPolicy & { maxBatchSize?: number; paymentConcurrency?: number }
}

export interface Runtime {
  config: Config
  /** The public API. */
  app: App
  /** The internal listener's app (`/health`, `/ready`, `/metrics`); not listening until `listenInternal`. */
  internal: App
  /** This process's readiness, cached for a couple of seconds (the internal `/ready`). */
  readiness: () => Promise<ReadyBody>
  /** Every metric of this process. */
  metrics: Registry
  redis: RedisClient
  pool: Pool
  keys: KeyBuilder
  inventory: RedisInventoryStore
  repo: PgSaleRepository
  sales: SaleService
  buyers: BuyerService
  tokens: AccessTokens
  /** `drain()` waits until everything handed off so far is finished (in this process's consumers). */
  queue: BookingHandoff & { drain?: () => Promise<void> }
  /** The durable booking path the consumers run (also usable directly by tests and tools). */
  pipeline: BookingPipeline
  /** Dead letters: list, replay, give up. */
  deadLetters: DeadLetterReprocessor
  /** Settles the refunds owed for failed reservations that may have been charged. */
  refunds: RefundWorker
  workers: PeriodicWorker[]
  /** Results back to the buyer (status reads, SSE, outbox relay) and the reconciler. */
  results: Results
  /** The waiting room: queue service, stream fan-out, admission scheduler. */
  waitingRoom: WaitingRoom
  /** Rate limits, blocklist, bot detector, proof-of-work challenges. */
  traffic: Traffic
  /** The public seat map's shared snapshots and its change streams. */
  seatMap: SeatMapService
  seatStreams: SeatFanout
  /** Moves every known sale's ledger into PostgreSQL now. */
  drainLedger(): Promise<void>
  /** Stops the workers, closes the app and every connection. */
  close(): Promise<void>
}

export async function createRuntime(config: Config, options: RuntimeOptions = {}): Promise<Runtime> {
  assertTestIsolation(config)
  const redis = await connectRedis(config.redis.url)
  const pool = createPool(config.postgres.url)
  let kafka: KafkaAdmin | undefined
  try {
    if (options.kafka !== false) {
      kafka = createKafkaAdmin(config.kafka.brokers)
      await kafka.ensureTopics(pipelineTopics(config))
    }
    if (options.migrate !== false) await migrate(pool)
    const keys = new KeyBuilder(config.redis.prefix)
    const scripts = new ScriptRunner(redis)
    await scripts.load()
    const inventory = new RedisInventoryStore(redis, scripts, keys, config.idempotencyTtlSec)
    const repo = new PgSaleRepository(pool)
    const simulatedPayments = acceptsSimulatedPayments(config)
    const paymentFeature = createPayments({
      config,
      pool,
      ...(options.payments ? { override: options.payments } : {})
    })
    const payments = paymentFeature.gateway
    let app: App | undefined
    const topics = pipelineTopicNames(config.kafka.topicPrefix)
    const bookingPipeline = new BookingPipeline({
      store: new PgBookingStore(pool, topics.results),
      inventory,
      payments,
      ...(options.consumers?.paymentConcurrency
        ? { paymentConcurrency: options.consumers.paymentConcurrency }
        : {})
    })
    const deadLetterStore = new PgDeadLetterStore(pool)
    const kafkaQueue =
      kafka !== undefined && !options.handoff
        ? new KafkaBookingHandoff({ brokers: config.kafka.brokers, topicPrefix: config.kafka.topicPrefix })
        : undefined
    const queue: Runtime['queue'] =
      kafkaQueue ?? options.handoff?.(bookingPipeline) ?? refusingHandoff('the booking hand-off needs Kafka')
    const deadLetters = new DeadLetterReprocessor({
      store: deadLetterStore,
      // Without Kafka nothing is ever dead-lettered; replaying then has nothing to send.
      publisher: kafkaQueue ?? {
        deadLetter: async () => {},
        replay: async () => {
          throw new Error('replaying dead letters needs Kafka')
        }
      },
      pipeline: bookingPipeline
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
      if (!kafkaQueue) return 0
      const lags = await Promise.all(groups.map((g) => lagOf(g.group, g.topic)))
      return lags.reduce((a, b) => a + b, 0)
    }
    const refundStore = new PgRefundStore(pool)
    const owner = randomUUID()
    const sink = new LedgerSink({
      source: inventory,
      repo,
      owner,
      deadLetters: new PgLedgerDeadLetterStore(pool),
      onDeadLetter: (entry, reason) =>
        app?.log.error({ ledgerEntry: entry, reason }, 'ledger entry refused by PostgreSQL: set aside')
    })
    const pipeline: PipelineStats = {
      queue: (saleId) => waitingRoom.room.counts(saleId),
      dlqDepth: (saleId) => deadLetterStore.depth(saleId),
      consumerLag,
      ledgerBacklog: (saleId) => inventory.ledgerLength(saleId),
      ledgerDeadLetters: (saleId) => sink.depth(saleId),
      refunds: (saleId) => refundStore.counts(saleId)
    }
    const knownSales = new KnownSales({ directory: repo })
    const sales = new SaleService({
      repo,
      inventory,
      pipeline,
      maxExtensions: config.holdMaxExtensions,
      defaultCurrency: config.defaultCurrency,
      simulatedPayments,
      onCreate: (saleId) => knownSales.add(saleId)
    })
    const tokens = new AccessTokens(config.tokens)
    const buyers = new BuyerService({ inventory, sales, tokens, handoff: queue })
    const metrics = new Registry()
    const seatMap = new SeatMapService({
      sales,
      source: new RedisSeatStateSource(scripts, keys),
      refreshMs: config.seatMap.snapshotMs
    })
    const seatStreams = new SeatFanout({
      map: seatMap,
      tickMs: config.seatMap.snapshotMs,
      onError: (err) => app?.log.error({ err, worker: 'seat-fanout' }, 'seat stream tick failed')
    })
    seatMapMetrics(metrics, seatMap, seatStreams)
    const refundOutcomes = new Counter({
      name: 'firstcome_refunds_total',
      help: 'Refund rounds by outcome: refunded, nothing_charged (the provider had captured nothing), retry',
      labelNames: ['outcome'],
      registers: [metrics]
    })
    const refunds = new RefundWorker({
      store: refundStore,
      payments,
      onOutcome: (outcome) => refundOutcomes.inc({ outcome })
    })
    pipelineGauges(metrics, {
      refundsDue: async () => (await refundStore.counts()).due,
      dlqDepth: () => deadLetterStore.depth(),
      ledgerDeadLetters: () => sink.depth(),
      lag: async () =>
        Object.fromEntries(
          await Promise.all(groups.map(async (g) => [g.group, await lagOf(g.group, g.topic)] as const))
        )
    })

    const waitingRoom = createWaitingRoom({
      config,
      redis,
      scripts,
      keys,
      pool,
      repo,
      accessTokens: tokens,
      sales: () => inventory.knownSales(),
      owner,
      log: () => app?.log
    })
    // A const copy: the closure below keeps its narrowed type (`kafka` is reassigned above).
    const pipelineAdmin = kafka
    const results = createResults({
      config,
      pool,
      redis,
      scripts,
      keys,
      inventory,
      repo,
      sales,
      metrics,
      owner,
      sink,
      log: () => app?.log,
      // Lets the reconciler tell a request that was never published from one still on its way.
      ...(kafkaQueue && pipelineAdmin
        ? {
            pipelineCaughtUp: () =>
              pipelineAdmin.waitConsumed(
                groups.map((g) => ({ groupId: g.group, topic: g.topic })),
                5000
              )
          }
        : {})
    })

    const traffic = createTraffic({
      config,
      redis,
      scripts,
      keys,
      difficultyOf: async (saleId) => (await sales.get(saleId)).sale.challenge.difficulty,
      knownSales,
      log: () => app?.log
    })

    const probes: ReadinessProbe[] = [
      { name: 'redis', check: () => isRedisReady(redis) },
      { name: 'postgres', check: () => isPostgresReady(pool) }
    ]
    const admin = kafka
    if (admin) probes.push({ name: 'kafka', check: () => admin.isReady(900) })
    const readiness = cachedReadiness({
      probes,
      warmState: () => sales.warmState(),
      probeTimeoutMs: 1000,
      cacheMs: config.internal.readyCacheMs
    })
    app = await build({
      config,
      traffic: traffic.control,
      plugins: [
        ...traffic.plugins,
        adminRoutes(sales),
        buyerRoutes(buyers, sales, { simulatedPayments }),
        ...paymentFeature.plugins,
        ...createCancellations({ pool, inventory }).plugins,
        seatMapRoutes(seatMap, seatStreams),
        deadLetterRoutes(deadLetters),
        ledgerDeadLetterRoutes(sink),
        waitingRoom.plugin,
        ...results.plugins,
        adminMetricsRoutes(metrics),
        // The web app's pages and assets, when built (web/dist).
        webRoutes()
      ],
      metrics,
      ...(options.logger === undefined ? {} : { logger: options.logger })
    })
    // Readiness and metrics, on their own address (`listenInternal`; `firstcome serve` starts it).
    const internal = await buildInternal({
      config,
      readiness,
      metrics: { contentType: metrics.contentType, text: () => metrics.metrics() },
      logger: app.log
    })
    const log = app.log
    for (const warning of configWarnings(config)) log.warn({ config: 'warning' }, warning)
    const onError = (name: string) => (err: unknown) => log.error({ err, worker: name }, 'worker tick failed')

    const drainLedger = async () => {
      for (const saleId of await inventory.knownSales()) await sink.drain(saleId)
    }
    const workers = [
      new PeriodicWorker(
        'hold-sweeper',
        config.sweepIntervalMs,
        async () => {
          for (const saleId of await inventory.knownSales()) {
            while ((await inventory.expireDue(saleId, 500)) === 500) {}
          }
        },
        onError('hold-sweeper')
      ),
      new PeriodicWorker('ledger-sink', 200, drainLedger, onError('ledger-sink')),
      new PeriodicWorker(
        'refunds',
        1000,
        async () => {
          while ((await refunds.runOnce()) > 0) {}
        },
        onError('refunds')
      ),
      new PeriodicWorker(
        'rewarm',
        2000,
        async () => {
          const rewarmed = await sales.rewarmCold()
          if (rewarmed.length > 0)
            log.warn({ sales: rewarmed }, 'rebuilt sales Redis had lost from PostgreSQL')
        },
        onError('rewarm')
      )
    ]
    workers.push(...results.workers)
    const runWorkers = options.workers ?? config.workers
    if (runWorkers) for (const w of workers) w.start()
    // Every API process enforces limits and blocks, so every one keeps them fresh (workers or not).
    await traffic.start()
    if (runWorkers) waitingRoom.scheduler.start()
    if (runWorkers && kafka) await results.startRelay()
    // Every API process consumes every result for its own SSE clients; the group join runs in the
    // background so it never delays the start.
    if (kafka)
      results
        .startConsumer()
        .catch((err: unknown) => app?.log.error({ err }, 'results consumer failed to start'))

    // The pipeline's consumers run wherever the workers run (`firstcome worker`, or the API process).
    const onPipelineError = (err: unknown, context: { stage: string; attempt?: number; count?: number }) =>
      log.warn({ err, ...context }, 'booking pipeline')
    const retry = options.consumers ?? {}
    const consumers =
      kafkaQueue && runWorkers
        ? [
            createBookingConsumer({
              brokers: config.kafka.brokers,
              topicPrefix: config.kafka.topicPrefix,
              pipeline: bookingPipeline,
              publisher: kafkaQueue,
              onError: onPipelineError,
              ...retry
            }),
            createCouponConsumer({
              brokers: config.kafka.brokers,
              topicPrefix: config.kafka.topicPrefix,
              pipeline: bookingPipeline,
              publisher: kafkaQueue,
              onError: onPipelineError,
              ...retry
            }),
            createDeadLetterRecorder({
              brokers: config.kafka.brokers,
              topicPrefix: config.kafka.topicPrefix,
              store: deadLetterStore,
              onError: onPipelineError
            })
          ]
        : []
    await Promise.all(consumers.map((c) => c.start()))
    const [bookingConsumer, couponConsumer] = consumers
    if (kafkaQueue) {
      queue.drain = async () => {
        await kafkaQueue.flush()
        if (consumers.length === 0) return
        // Settled when both groups have committed everything published so far and hold no batch.
        for (;;) {
          const busy = [bookingConsumer, couponConsumer].some((c) => c && 'busy' in c && c.busy)
          // Lag cannot be read for a moment after a broker restart (stale metadata): not drained yet.
          if (!busy && (await consumerLag().catch(() => -1)) === 0) return
          await new Promise((resolve) => setTimeout(resolve, 50))
        }
      }
    }

    const close = async () => {
      await Promise.all(workers.map((w) => w.stop()))
      await waitingRoom.close()
      await app?.close()
      await internal.close()
      // After the last request: its rate-limit counts are synced on the way out.
      await traffic.stop()
      await results.close()
      // Drain: each consumer finishes and commits the batch in hand before leaving its group.
      await Promise.all(consumers.map((c) => c.close()))
      if (!kafkaQueue) await queue.drain?.()
      await kafkaQueue?.close().catch(() => undefined)
      await drainLedger().catch(() => undefined)
      await pool.end()
      await kafka?.close()
      // quit() waits for a reply that never comes while Redis is unreachable: drop the socket then.
      if (redis.isReady) await redis.quit().catch(() => redis.destroy())
      else redis.destroy()
    }
    return {
      config,
      app,
      internal,
      readiness,
      metrics,
      redis,
      pool,
      keys,
      inventory,
      repo,
      sales,
      buyers,
      tokens,
      waitingRoom,
      seatMap,
      seatStreams,
      traffic,
      queue,
      pipeline: bookingPipeline,
      deadLetters,
      refunds,
      workers,
      results,
      drainLedger,
      close
    }
  } catch (err) {
    await kafka?.close().catch(() => undefined)
    await pool.end().catch(() => undefined)
    redis.destroy()
    throw err
  }
}

/** The hand-off of a runtime that has no way to finish a booking: every publish fails (nothing accepted). */
function refusingHandoff(reason: string): BookingHandoff {
  const refuse = async () => {
    throw new Error(reason)
  }
  return { publishBooking: refuse, publishClaim: refuse }
}

/**
 * Prometheus gauges of the pipeline, read at scrape time: unresolved dead letters and the lag of
 * each consumer group. A scrape while a dependency is down keeps the last value. Every API process
 * reads the same numbers, so a fleet's metrics take the largest (`aggregator: 'max'`), not the sum.
 */
function pipelineGauges(
  registry: Registry,
  read: {
    refundsDue: () => Promise<number>
    dlqDepth: () => Promise<number>
    ledgerDeadLetters: () => Promise<number>
    lag: () => Promise<Record<string, number>>
  }
): void {
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
