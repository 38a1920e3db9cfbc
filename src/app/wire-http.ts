/**
 * Wiring of the two listeners: the public app with every feature's routes behind traffic control,
 * and the internal one (`/health`, `/ready`, `/metrics`) with this process's cached readiness.
 * Kept apart so the composition root only hands the features in.
 */
import type { Pool } from 'pg'
import type { Registry } from 'prom-client'
import type { KafkaAdmin } from '../adapters/kafka/index.ts'
import { isPostgresReady } from '../adapters/postgres/pool.ts'
import { isRedisReady, type RedisClient } from '../adapters/redis/redis-client.ts'
import { type Config, configWarnings } from '../config/index.ts'
import { type App, type BuildOptions, build, type FeaturePlugin, type ReadinessProbe } from '../http/app.ts'
import { cachedReadiness, type ReadyBody } from '../http/health.ts'
import { buildInternal } from '../http/internal.ts'
import { adminMetricsRoutes } from '../http/routes/admin-metrics.ts'
import type { TrafficControl } from '../http/traffic-guard.ts'
import { webRoutes } from '../http/web.ts'

export interface Listeners {
  app: App
  internal: App
  readiness: () => Promise<ReadyBody>
}

export async function createListeners(deps: {
  config: Config
  redis: RedisClient
  pool: Pool
  kafka: KafkaAdmin | undefined
  metrics: Registry
  traffic: TrafficControl
  /** The features' routes, in this order. */
  plugins: FeaturePlugin[]
  /** Per-sale warm state for `/ready`. */
  warmState: () => Promise<Record<string, boolean>>
  /** The sale ids the per-sale series may be labelled with. */
  saleLabels?: () => ReadonlySet<string>
  logger: BuildOptions['logger']
}): Promise<Listeners> {
  const { config, redis, pool, kafka, metrics } = deps
  const probes: ReadinessProbe[] = [
    { name: 'redis', check: () => isRedisReady(redis) },
    { name: 'postgres', check: () => isPostgresReady(pool) }
  ]
  if (kafka) probes.push({ name: 'kafka', check: () => kafka.isReady(900) })
  const readiness = cachedReadiness({
    probes,
    warmState: deps.warmState,
    probeTimeoutMs: 1000,
    cacheMs: config.internal.readyCacheMs
  })
  const app = await build({
    config,
    traffic: deps.traffic,
    plugins: [
      ...deps.plugins,
      adminMetricsRoutes(metrics),
      // The web app's pages and assets, when built (web/dist).
      webRoutes()
    ],
    metrics,
    ...(deps.saleLabels ? { saleLabels: deps.saleLabels } : {}),
    ...(deps.logger === undefined ? {} : { logger: deps.logger })
  })
  // Readiness and metrics, on their own address (`listenInternal`; `firstcome serve` starts it).
  const internal = await buildInternal({
    config,
    readiness,
    metrics: { contentType: metrics.contentType, text: () => metrics.metrics() },
    logger: app.log
  })
  for (const warning of configWarnings(config)) app.log.warn({ config: 'warning' }, warning)
  return { app, internal, readiness }
}
