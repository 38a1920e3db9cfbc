/**
 * Composition of results back to the buyer and of the reconciler: the status reads and the SSE
 * stream, the per-process results consumer feeding the fan-out hub, the outbox relay, and the
 * periodic reconciler. Kept beside runtime.ts so the composition root only plugs it in.
 */
import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import type { FastifyBaseLogger } from 'fastify'
import type { Pool } from 'pg'
import type { Counter } from 'prom-client'
import {
  createKafkaConsumer,
  createKafkaProducer,
  type KafkaConsumer,
  type KafkaProducer
} from '../adapters/kafka/index.ts'
import { pipelineTopicNames } from '../adapters/kafka/topics.ts'
import { PgOutboxStore } from '../adapters/postgres/outbox-store.ts'
import type { PgSaleRepository } from '../adapters/postgres/sale-repository.ts'
import { PgStatusRepository } from '../adapters/postgres/status-repository.ts'
import { RedisInventoryAudit } from '../adapters/redis/inventory-audit.ts'
import type { RedisInventoryStore } from '../adapters/redis/inventory-store.ts'
import type { KeyBuilder } from '../adapters/redis/keys.ts'
import type { RedisClient } from '../adapters/redis/redis-client.ts'
import type { ScriptRunner } from '../adapters/redis/scripts.ts'
import type { Config } from '../config/index.ts'
import type { StoredReconcileReport } from '../domain/report-ports.ts'
import type { InventoryAudit, ResultEvent } from '../domain/result-ports.ts'
import type { FeaturePlugin } from '../http/app.ts'
import { adminReconcileRoutes } from '../http/routes/admin-reconcile.ts'
import { meRoutes } from '../http/routes/me.ts'
import type { LedgerSink } from '../services/pipeline/ledger-sink.ts'
import { type ReconcileReport, Reconciler } from '../services/results/reconciler.ts'
import { ResultHub } from '../services/results/result-hub.ts'
import { StatusService } from '../services/results/status-service.ts'
import type { SaleService } from '../services/sales/sale-service.ts'
import { OutboxRelay } from '../workers/outbox-relay.ts'
import type { PeriodicWorker } from '../workers/periodic.ts'
import { createReconcileWorker } from '../workers/reconcile.ts'

/** What {@link createResults} needs from the composition root. */
export interface ResultsDeps {
  config: Config
  pool: Pool
  redis: RedisClient
  scripts: ScriptRunner
  keys: KeyBuilder
  inventory: RedisInventoryStore
  repo: PgSaleRepository
  sales: SaleService
  /** Counts the drift the reconciler finds (`firstcome_reconcile_drift_total`). */
  drift: Pick<Counter<'field'>, 'inc'>
  /** Counts the drift a repair brought back in line (`firstcome_reconcile_repaired_total`). */
  repaired: Pick<Counter<'field'>, 'inc'>
  /** This process's lease owner id. */
  owner: string
  /** The app's logger, once the app exists. */
  log: () => FastifyBaseLogger | undefined
  /** Whether the pipeline has handled everything published so far (see ReconcilerOptions). */
  pipelineCaughtUp?: () => Promise<boolean>
  /** This process's ledger sink (the reconciler drains the ledger before comparing). */
  sink: LedgerSink
  /** Stores each reconciler report that found drift or settled stale units (the post-sale report). */
  recordReport?: (report: StoredReconcileReport) => void
}

/** Results to the buyer and the reconciler, wired. */
export interface Results {
  hub: ResultHub
  status: StatusService
  reconciler: Reconciler
  /** The reconciler's read of Redis. */
  audit: InventoryAudit
  relay: OutboxRelay
  plugins: FeaturePlugin[]
  /** The periodic reconciler. */
  workers: PeriodicWorker[]
  /** The results topic. */
  topic: string
  /**
   * Joins the results topic with a consumer group of this process's own (each API process must see
   * every result), from the latest offset. Resolves once it is a member.
   */
  startConsumer(): Promise<void>
  /** Starts the outbox relay (a worker: LISTEN plus a 1 s poll). */
  startRelay(): Promise<void>
  close(): Promise<void>
}

function isResult(v: unknown): v is ResultEvent {
  const e = v as Partial<ResultEvent> | null
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof e.id === 'string' &&
    typeof e.userId === 'string' &&
    (e.status === 'confirmed' || e.status === 'failed')
  )
}

/** Builds the status reads, the fan-out hub, the relay and the reconciler. */
export function createResults(deps: ResultsDeps): Results {
  const { config } = deps
  const topic = pipelineTopicNames(config.kafka.topicPrefix).results
  const hub = new ResultHub()
  const statusRepo = new PgStatusRepository(deps.pool, topic)
  const status = new StatusService({ bookings: statusRepo, inventory: deps.inventory })
  const onReport = (report: ReconcileReport) => {
    for (const d of report.drift) deps.drift.inc({ field: d.field })
    if (report.repaired) for (const d of report.drift) deps.repaired.inc({ field: d.field })
    deps.log()?.warn({ reconcile: report }, 'reconciler found drift between Redis and PostgreSQL')
    deps.recordReport?.({
      saleId: report.saleId,
      checkedAt: report.checkedAt,
      drift: report.drift,
      repaired: report.repaired,
      busy: report.busy,
      stale: report.stale.length,
      ...(report.ledgerDeadLetters === undefined ? {} : { ledgerDeadLetters: report.ledgerDeadLetters })
    })
  }
  const audit = new RedisInventoryAudit(deps.redis, deps.scripts, deps.keys)
  const reconciler = new Reconciler({
    repo: deps.repo,
    inventory: deps.inventory,
    audit,
    stale: statusRepo,
    sales: deps.sales,
    sink: deps.sink,
    ledgerDeadLetters: (saleId) => deps.sink.depth(saleId),
    onReport,
    ...(deps.pipelineCaughtUp ? { pipelineCaughtUp: deps.pipelineCaughtUp } : {})
  })

  let producer: KafkaProducer<unknown> | undefined
  const relay = new OutboxRelay({
    source: new PgOutboxStore(deps.pool, config.postgres.url),
    publisher: {
      send: (messages) => {
        producer ??= createKafkaProducer({
          brokers: config.kafka.brokers,
          clientId: 'firstcome-outbox-relay'
        })
        return producer.send(messages)
      }
    },
    onError: (err) => deps.log()?.error({ err }, 'outbox relay failed; retrying')
  })

  let consumer: KafkaConsumer | undefined
  const workers = [
    createReconcileWorker({
      inventory: deps.inventory,
      reconciler,
      owner: deps.owner,
      onError: (err) => deps.log()?.error({ err, worker: 'reconciler' }, 'worker tick failed')
    })
  ]

  return {
    hub,
    status,
    reconciler,
    audit,
    relay,
    topic,
    plugins: [meRoutes(status, hub), adminReconcileRoutes(reconciler)],
    workers,
    async startConsumer() {
      if (consumer) return
      consumer = createKafkaConsumer<unknown>({
        brokers: config.kafka.brokers,
        // Unique per process: a shared group would split the results between processes, and each
        // buyer's stream lives on one of them. Such a group has no one to hand over to, so it
        // starts at the latest offset: results decided before this process started are for
        // streams it never had (clients that reconnect poll for what they missed).
        groupId: `${config.kafka.topicPrefix}.results.${hostname()}.${process.pid}.${randomUUID().slice(0, 8)}`,
        clientId: 'firstcome-results',
        topics: [topic],
        fromBeginning: false,
        maxBatchSize: 500,
        handler: async (batch) => {
          for (const m of batch) if (isResult(m.value)) hub.publish(m.value)
        },
        onError: (err, context) => deps.log()?.warn({ err, ...context }, 'results consumer trouble')
      })
      await consumer.start()
    },
    startRelay: () => relay.start(),
    async close() {
      await relay.stop()
      await consumer?.close().catch(() => undefined)
      await producer?.close().catch(() => undefined)
    }
  }
}
