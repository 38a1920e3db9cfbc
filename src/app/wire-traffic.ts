/**
 * Wiring of traffic control (Part 5): rate limits, blocklist, bot detector, proof-of-work
 * challenges and their admin routes, built from the runtime's shared connections. Kept apart so
 * the composition root only has to plug it in.
 */
import type { FastifyBaseLogger } from 'fastify'
import type { KeyBuilder } from '../adapters/redis/keys.ts'
import type { RedisClient } from '../adapters/redis/redis-client.ts'
import type { ScriptRunner } from '../adapters/redis/scripts.ts'
import { RedisTrafficStore } from '../adapters/redis/traffic-store.ts'
import type { Config } from '../config/index.ts'
import type { FeaturePlugin } from '../http/app.ts'
import { DEFAULT_TRAFFIC_POLICY } from '../http/rate-limits.ts'
import { challengeRoutes } from '../http/routes/challenge.ts'
import { trafficAdminRoutes } from '../http/routes/traffic-admin.ts'
import type { TrafficControl } from '../http/traffic-guard.ts'
import { Blocklist } from '../services/traffic/blocklist.ts'
import { BotDetector } from '../services/traffic/bot-detector.ts'
import { ChallengeService } from '../services/traffic/challenge-service.ts'
import type { KnownSales } from '../services/traffic/known-sales.ts'
import { RateLimiter, type TrafficPolicy } from '../services/traffic/rate-limiter.ts'
import { createRateLimitSyncWorker } from '../workers/rate-limit-sync.ts'
import { createTrafficRefreshWorker, refreshTrafficControl } from '../workers/traffic-refresh.ts'

export interface Traffic {
  /** For `build({ traffic })`. */
  control: TrafficControl
  limiter: RateLimiter
  blocklist: Blocklist
  challenges: ChallengeService
  store: RedisTrafficStore
  /** Admin routes (rate limits, blocks) and the challenge route. */
  plugins: FeaturePlugin[]
  /**
   * Loads the shared state once, then keeps it fresh every second, and syncs the rate limits every
   * `FC_RATE_SYNC_MS` (in every API process).
   */
  start(): Promise<void>
  stop(): Promise<void>
}

export function createTraffic(deps: {
  config: Config
  redis: RedisClient
  scripts: ScriptRunner
  keys: KeyBuilder
  /** The sale's current proof-of-work difficulty (throws FC_NOT_FOUND for unknown sales). */
  difficultyOf: (saleId: string) => Promise<number>
  /** The sales that exist: a request naming another sale id is refused before any other check. */
  knownSales: KnownSales
  log: () => FastifyBaseLogger | undefined
  /** Other defaults than `DEFAULT_TRAFFIC_POLICY` (tests). */
  defaults?: TrafficPolicy
}): Traffic {
  const { config } = deps
  const store = new RedisTrafficStore(deps.redis, deps.scripts, deps.keys)
  const limiter = new RateLimiter({
    store,
    control: store,
    defaults: deps.defaults ?? DEFAULT_TRAFFIC_POLICY,
    ipLimits: config.traffic.ipLimits
  })
  const blocklist = new Blocklist({ store })
  const detector = new BotDetector({
    policy: () => limiter.policy.autoBlock,
    ipChecks: config.traffic.ipLimits
  })
  const challenges = new ChallengeService({
    ledger: store,
    secrets: config.tokens,
    difficultyOf: deps.difficultyOf
  })
  const refresh = () => refreshTrafficControl({ limiter, blocklist })
  const worker = createTrafficRefreshWorker({
    limiter,
    blocklist,
    onError: (err) =>
      deps.log()?.warn({ err }, 'traffic control refresh failed: keeping the last known limits and blocks')
  })
  // The requests this process let through reach the shared rate limits here, not on the request path.
  const sync = createRateLimitSyncWorker({
    limiter,
    intervalMs: config.traffic.rateSyncMs,
    onError: (err) =>
      deps.log()?.warn({ err }, 'rate-limit sync failed: limiting in this process alone until Redis answers')
  })
  return {
    control: { limiter, blocklist, detector, challenges, sales: deps.knownSales },
    limiter,
    blocklist,
    challenges,
    store,
    plugins: [trafficAdminRoutes(limiter, blocklist), challengeRoutes(challenges)],
    async start() {
      // A process that can't read them yet starts with the defaults and catches up on the next tick.
      await refresh().catch(() => undefined)
      // Known now, so the first requests after the start need no look-up; a miss looks again.
      await deps.knownSales.refresh().catch(() => undefined)
      worker.start()
      sync.start()
    },
    async stop() {
      await Promise.all([worker.stop(), sync.stop()])
      // What was let through since the last sync still counts for the other processes.
      await limiter.sync().catch((err: unknown) => deps.log()?.warn({ err }, 'last rate-limit sync failed'))
    }
  }
}
