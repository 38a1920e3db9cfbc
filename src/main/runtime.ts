/**
 * The composition root: connects the adapters, builds the services and the HTTP app, and starts
 * the workers. The only module that knows every layer.
 */
import { randomUUID } from 'node:crypto'
import type { Pool } from 'pg'
import { createKafkaAdmin, type KafkaAdmin, type TopicSpec } from '../adapters/kafka/index.ts'
import { SimulatedGateway } from '../adapters/payment/simulated-gateway.ts'
import { migrate } from '../adapters/postgres/migrate.ts'
import { createPool, isPostgresReady } from '../adapters/postgres/pool.ts'
import { PgSaleRepository } from '../adapters/postgres/sale-repository.ts'
import { connectRedis, isRedisReady, type RedisClient } from '../adapters/redis/client.ts'
import { RedisInventoryStore } from '../adapters/redis/inventory-store.ts'
import { KeyBuilder } from '../adapters/redis/keys.ts'
import { ScriptRunner } from '../adapters/redis/scripts.ts'
import type { Config } from '../config/index.ts'
import type { PaymentGateway } from '../domain/ports.ts'
import { type App, type BuildOptions, build, type ReadinessProbe } from '../http/app.ts'
import { adminRoutes } from '../http/routes/admin.ts'
import { buyerRoutes } from '../http/routes/buyer.ts'
import { AccessTokens } from '../services/access-tokens.ts'
import { BookingProcessor } from '../services/booking-processor.ts'
import type { BookingQueue } from '../services/booking-queue.ts'
import { BuyerService } from '../services/buyer-service.ts'
import { InProcessBookingQueue } from '../services/in-process-queue.ts'
import { LedgerSink } from '../services/ledger-sink.ts'
import { type PipelineStats, SaleService } from '../services/sale-service.ts'
import { PeriodicWorker } from '../workers/periodic.ts'

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
}

/** The pipeline's topics, with explicit partition counts (keyed by seat or user, not by sale). */
export function pipelineTopics(config: Config): TopicSpec[] {
  const p = config.kafka.topicPrefix
  const n = config.kafka.partitions
  return [
    { name: `${p}.booking-requests`, partitions: n },
    { name: `${p}.coupon-issues`, partitions: n },
    { name: `${p}.results`, partitions: n },
    { name: `${p}.dead-letters`, partitions: 1 },
    { name: `${p}.audit`, partitions: n }
  ]
}

export interface Runtime {
  config: Config
  app: App
  redis: RedisClient
  pool: Pool
  keys: KeyBuilder
  inventory: RedisInventoryStore
  repo: PgSaleRepository
  sales: SaleService
  buyers: BuyerService
  tokens: AccessTokens
  queue: BookingQueue & { drain?: () => Promise<void> }
  processor: BookingProcessor
  workers: PeriodicWorker[]
  /** Moves every known sale's ledger into PostgreSQL now. */
  drainLedger(): Promise<void>
  /** Stops the workers, closes the app and every connection. */
  close(): Promise<void>
}

export async function createRuntime(config: Config, options: RuntimeOptions = {}): Promise<Runtime> {
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
    const payments = options.payments ?? new SimulatedGateway(config.payment)
    const processor = new BookingProcessor({ inventory, payments })
    let app: App | undefined
    const queue = new InProcessBookingQueue(processor, (err) => app?.log.error({ err }, 'booking failed'))
    const pipeline: PipelineStats = {
      // The waiting room is not in front of sales yet: nobody waits, admissions are direct.
      queue: async () => ({ waiting: 0, admitted: 0 }),
      // The in-process hand-off has no dead letters; its lag is what it has not finished yet.
      dlqDepth: async () => 0,
      consumerLag: async () => queue.depth,
      ledgerBacklog: (saleId) => inventory.ledgerLength(saleId)
    }
    const sales = new SaleService({ repo, inventory, pipeline, maxExtensions: config.holdMaxExtensions })
    const tokens = new AccessTokens(config.auth.jwtSecret || config.auth.jwksUrl)
    const buyers = new BuyerService({ inventory, sales, tokens, queue })

    const probes: ReadinessProbe[] = [
      { name: 'redis', check: () => isRedisReady(redis) },
      { name: 'postgres', check: () => isPostgresReady(pool) }
    ]
    const admin = kafka
    if (admin) probes.push({ name: 'kafka', check: () => admin.isReady(900) })
    app = await build({
      config,
      probes,
      warmState: () => sales.warmState(),
      plugins: [adminRoutes(sales), buyerRoutes(buyers, sales)],
      ...(options.logger === undefined ? {} : { logger: options.logger })
    })
    const log = app.log
    const onError = (name: string) => (err: unknown) => log.error({ err, worker: name }, 'worker tick failed')

    const owner = randomUUID()
    const sink = new LedgerSink({ source: inventory, repo, owner })
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
    if (options.workers ?? config.workers) for (const w of workers) w.start()

    const close = async () => {
      await Promise.all(workers.map((w) => w.stop()))
      await app?.close()
      await queue.drain()
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
      redis,
      pool,
      keys,
      inventory,
      repo,
      sales,
      buyers,
      tokens,
      queue,
      processor,
      workers,
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
