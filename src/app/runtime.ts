/**
 * The composition root: connects Redis, PostgreSQL and Kafka, builds each feature through its
 * `wire-*.ts`, the HTTP app and the internal listener, and starts the workers. The only module that
 * knows every layer; the jobs themselves live in `workers/`, the metrics in `wire-metrics.ts`.
 */
import { randomUUID } from 'node:crypto'
import type { Registry } from 'prom-client'
import { createKafkaAdmin, type KafkaAdmin } from '../adapters/kafka/index.ts'
import { pipelineTopics } from '../adapters/kafka/topics.ts'
import { migrate } from '../adapters/postgres/migrate.ts'
import { createPool } from '../adapters/postgres/pool.ts'
import { PgSaleEditStore } from '../adapters/postgres/sale-edit-store.ts'
import { PgSaleLifecycleStore } from '../adapters/postgres/sale-lifecycle-store.ts'
import { PgSaleRepository } from '../adapters/postgres/sale-repository.ts'
import { RedisInventoryStore } from '../adapters/redis/inventory-store.ts'
import { KeyBuilder } from '../adapters/redis/keys.ts'
import { connectRedis } from '../adapters/redis/redis-client.ts'
import { ScriptRunner } from '../adapters/redis/scripts.ts'
import { acceptsSimulatedPayments, assertTestIsolation, type Config } from '../config/index.ts'
import type { PaymentGateway } from '../domain/payment-ports.ts'
import type { App, BuildOptions } from '../http/app.ts'
import type { ReadyBody } from '../http/health.ts'
import type { BookingPipeline } from '../services/pipeline/booking-pipeline.ts'
import type { DeadLetterReprocessor } from '../services/pipeline/dlq-reprocessor.ts'
import type { RefundWorker } from '../services/pipeline/refund-worker.ts'
import type { SaleReports } from '../services/report/sale-report.ts'
import type { AccessTokens } from '../services/sales/access-tokens.ts'
import type { BuyerService } from '../services/sales/buyer-service.ts'
import type { SaleService } from '../services/sales/sale-service.ts'
import type { RetryPolicy } from '../workers/pipeline-consumer.ts'
import { createSaleMetrics } from './sale-metrics.ts'
import { createAccess } from './wire-access.ts'
import { createListeners } from './wire-http.ts'
import { createMetrics } from './wire-metrics.ts'
import { createCancellations, createPayments } from './wire-payments.ts'
import { createPipeline, type Handoff } from './wire-pipeline.ts'
import { createReport } from './wire-report.ts'
import { createResults, type Results } from './wire-results.ts'
import { createSales } from './wire-sales.ts'
import { createSeatMap, type SeatMapFeature } from './wire-seat-map.ts'
import { createTraffic, type Traffic } from './wire-traffic.ts'
import { createWaitingRoom, type WaitingRoom } from './wire-waiting-room.ts'
import { createWebhooks, type Webhooks } from './wire-webhooks.ts'

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
  handoff?: (pipeline: BookingPipeline) => Handoff
  /**
   * Consume the results topic for this process's buyers' streams; true by default. A process that
   * serves no HTTP (`firstcome worker`) has no stream to feed and leaves it off: otherwise it would
   * fetch and decode every result of every sale for nobody.
   */
  results?: boolean
  /** Retry policy and batch size of the pipeline consumers (tests shorten the back-off). */
  consumers?: RetryPolicy & { maxBatchSize?: number; paymentConcurrency?: number; instances?: number }
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
  sales: SaleService
  buyers: BuyerService
  /** Signs and checks the access tokens the waiting room hands out. */
  tokens: AccessTokens
  /** Where confirms and claims go; `drain()` waits until everything handed off so far is finished. */
  handoff: Handoff
  /** The durable booking path the consumers run (also usable directly by tests and tools). */
  pipeline: BookingPipeline
  /** Dead letters: list, replay, give up. */
  deadLetters: DeadLetterReprocessor
  /** Settles the refunds owed for failed reservations that may have been charged. */
  refunds: RefundWorker
  /** Results back to the buyer (status reads, SSE, outbox relay) and the reconciler. */
  results: Results
  /** The waiting room: queue service, stream fan-out, admission scheduler. */
  waitingRoom: WaitingRoom
  /** Rate limits, blocklist, bot detector, proof-of-work challenges. */
  traffic: Traffic
  /** The post-sale reports (`report(saleId)`), read from PostgreSQL. */
  reports: SaleReports
  /** The public seat map's shared snapshots and its change streams. */
  seatMap: SeatMapFeature['seatMap']
  seatStreams: SeatMapFeature['seatStreams']
  /** Webhook endpoints, their admin routes and the dispatcher. */
  webhooks: Webhooks
  /** Moves every known sale's ledger into PostgreSQL now. */
  drainLedger(): Promise<void>
  /** Stops the workers, closes the app and every connection. */
  close(): Promise<void>
}

/** At most this many open sales get series of their own (the newest). */
const OPEN_SALES_LABELLED = 200

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
    const log = () => app?.log
    const owner = randomUUID()
    const metrics = createMetrics()
    // Per-sale series; what they read is built below (read at scrape time only).
    const saleMetrics = createSaleMetrics({
      registry: metrics.registry,
      openSales: async () =>
        (await repo.recentSales(['open', 'paused'], OPEN_SALES_LABELLED)).map((s) => s.id),
      queueCounts: (saleId) => waitingRoom.room.counts(saleId),
      stockCounts: (saleId) => inventory.counts(saleId),
      phase: async (saleId) => {
        const sale = await repo.getSale(saleId)
        return sale ? sales.phase(sale) : undefined
      }
    })
    const pipeline = createPipeline({
      config,
      pool,
      kafka,
      inventory,
      repo,
      payments,
      handoff: options.handoff,
      consumers: options.consumers,
      refundOutcomes: metrics.refundOutcomes,
      dlqReplays: metrics.dlqReplays,
      dlqExhausted: metrics.dlqExhausted,
      observer: saleMetrics,
      owner,
      log
    })
    const { sales, buyers, tokens, knownSales, ...salesFeature } = createSales({
      config,
      inventory,
      repo,
      editStore: new PgSaleEditStore(pool),
      handoff: pipeline.handoff,
      pipeline: { queue: (saleId) => waitingRoom.room.counts(saleId), ...pipeline.stats },
      lifecycle: new PgSaleLifecycleStore(pool),
      simulatedPayments,
      log
    })
    const connections = { config, redis, scripts, keys, log }
    const { seatMap, seatStreams, plugin: seatMapPlugin } = createSeatMap({ ...connections, sales })
    metrics.observe({ seatMap, seatStreams, ...pipeline.readings })
    const access = createAccess({ ...connections, pool, sales, inventory, tokens })
    const waitingRoom = createWaitingRoom({
      ...connections,
      joinGate: access.joinGate,
      pool,
      repo,
      accessTokens: tokens,
      sales: () => inventory.knownSales(),
      owner,
      onTick: (saleId, result) => saleMetrics.onTick(saleId, result)
    })
    const report = createReport({
      config,
      pool,
      repo,
      queueCounts: (saleId) => waitingRoom.room.counts(saleId),
      stockCounts: (saleId) => inventory.counts(saleId),
      consumerLag: () => pipeline.stats.consumerLag(),
      log
    })
    const results = createResults({
      ...connections,
      recordReport: report.record,
      pool,
      inventory,
      repo,
      sales,
      drift: metrics.reconcileDrift,
      repaired: metrics.reconcileRepaired,
      owner,
      sink: pipeline.sink,
      ...(pipeline.caughtUp ? { pipelineCaughtUp: pipeline.caughtUp } : {})
    })
    const webhooks = createWebhooks({ config, pool, outcomes: metrics.webhookDeliveries, log })
    const traffic = createTraffic({
      ...connections,
      difficultyOf: async (saleId) => (await sales.get(saleId)).sale.challenge.difficulty,
      knownSales
    })

    const { internal, readiness, ...listeners } = await createListeners({
      config,
      redis,
      pool,
      kafka,
      metrics: metrics.registry,
      traffic: traffic.control,
      plugins: [
        ...traffic.plugins,
        ...salesFeature.plugins,
        ...paymentFeature.plugins,
        ...createCancellations({ pool, inventory }).plugins,
        seatMapPlugin,
        ...pipeline.plugins,
        waitingRoom.plugin,
        ...access.plugins,
        ...results.plugins,
        webhooks.plugin,
        ...report.plugins
      ],
      warmState: () => sales.warmState(),
      saleLabels: () => saleMetrics.labels(),
      logger: options.logger
    })
    app = listeners.app
    const workers = [...salesFeature.workers, ...pipeline.workers, ...results.workers, ...report.workers]
    const runWorkers = options.workers ?? config.workers
    if (runWorkers) for (const w of workers) w.start()
    // Every API process enforces limits and blocks, so every one keeps them fresh (workers or not).
    await traffic.start()
    if (runWorkers) waitingRoom.scheduler.start()
    if (runWorkers) webhooks.start()
    if (runWorkers && kafka) await results.startRelay()
    // Every API process consumes every result for its own SSE clients; the group join runs in the
    // background so it never delays the start.
    if (kafka && options.results !== false)
      results
        .startConsumer()
        .catch((err: unknown) => app?.log.error({ err }, 'results consumer failed to start'))
    await pipeline.start(runWorkers)

    const close = async () => {
      await Promise.all(workers.map((w) => w.stop()))
      await webhooks.close()
      await waitingRoom.close()
      await app?.close()
      await internal.close()
      // After the last request: its rate-limit counts are synced on the way out.
      await traffic.stop()
      await results.close()
      await pipeline.close()
      await pipeline.drainLedger().catch(() => undefined)
      await pool.end()
      await kafka?.close()
      // quit() waits for a reply that never comes while Redis is unreachable: drop the socket then.
      if (redis.isReady) await redis.quit().catch(() => redis.destroy())
      else redis.destroy()
    }
    return {
      config,
      app: listeners.app,
      internal,
      readiness,
      metrics: metrics.registry,
      sales,
      buyers,
      tokens,
      waitingRoom,
      seatMap,
      seatStreams,
      webhooks,
      traffic,
      handoff: pipeline.handoff,
      pipeline: pipeline.pipeline,
      deadLetters: pipeline.deadLetters,
      refunds: pipeline.refunds,
      results,
      reports: report.reports,
      drainLedger: pipeline.drainLedger,
      close
    }
  } catch (err) {
    await kafka?.close().catch(() => undefined)
    await pool.end().catch(() => undefined)
    redis.destroy()
    throw err
  }
}
