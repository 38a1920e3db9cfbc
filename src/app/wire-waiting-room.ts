/**
 * Wiring of the waiting room (Part 4): store, feed, seeds, service, stream fan-out, scheduler and
 * routes, built from the runtime's shared connections. Kept apart so the composition root only
 * has to plug it in.
 */
import type { FastifyBaseLogger, FastifyInstance } from 'fastify'
import type { Pool } from 'pg'
import { PgDrawCommitmentRepository } from '../adapters/postgres/draw-commitment-repository.ts'
import { PgQueueSeedRepository } from '../adapters/postgres/queue-seed-repository.ts'
import type { KeyBuilder } from '../adapters/redis/keys.ts'
import type { RedisClient } from '../adapters/redis/redis-client.ts'
import type { ScriptRunner } from '../adapters/redis/scripts.ts'
import { RedisQueueFeed, RedisWaitingRoomStore } from '../adapters/redis/waiting-room-store.ts'
import type { Config } from '../config/index.ts'
import type { SaleRepository } from '../domain/sale-ports.ts'
import type { AdmissionTickResult } from '../domain/waiting-room-ports.ts'
import type { FeaturePlugin } from '../http/app.ts'
import { type JoinGate, queueRoutes } from '../http/routes/queue.ts'
import { queueDrawRoutes } from '../http/routes/queue-draw.ts'
import type { AccessTokens } from '../services/sales/access-tokens.ts'
import { DrawCommitments } from '../services/waiting-room/draw-commitment.ts'
import { QueueFanout } from '../services/waiting-room/queue-fanout.ts'
import { QueueTokens } from '../services/waiting-room/queue-tokens.ts'
import { WaitingRoomService } from '../services/waiting-room/waiting-room-service.ts'
import { AdmissionScheduler } from '../workers/admission-scheduler.ts'

export interface WaitingRoom {
  room: WaitingRoomService
  /** The pre-queue's published draw (commitment, entrant list, inclusion proofs). */
  draw: DrawCommitments
  store: RedisWaitingRoomStore
  fanout: QueueFanout
  scheduler: AdmissionScheduler
  plugin: FeaturePlugin
  /** Stops the scheduler (giving its leases up); streams end in the app's preClose hook. */
  close(): Promise<void>
}

export function createWaitingRoom(deps: {
  config: Config
  redis: RedisClient
  scripts: ScriptRunner
  keys: KeyBuilder
  pool: Pool
  repo: SaleRepository
  accessTokens: AccessTokens
  /** The sales to run admission for (those Redis holds inventory for). */
  sales: () => Promise<string[]>
  owner: string
  log: () => FastifyBaseLogger | undefined
  onTick?: (saleId: string, result: AdmissionTickResult) => void
  /** The access rules' check before a join. */
  joinGate?: JoinGate
}): WaitingRoom {
  const { config } = deps
  const store = new RedisWaitingRoomStore(deps.redis, deps.scripts, deps.keys)
  const seeds = new PgQueueSeedRepository(deps.pool)
  const draw = new DrawCommitments({ repo: new PgDrawCommitmentRepository(deps.pool), seeds })
  const room = new WaitingRoomService({
    store,
    seeds,
    draw,
    repo: deps.repo,
    accessTokens: deps.accessTokens,
    queueTokens: new QueueTokens(config.tokens, { ttlSec: config.tokens.queueTtlSec }),
    graceSec: config.queue.graceSec,
    tickMs: config.queue.tickMs
  })
  const onError = (what: string) => (err: unknown) => deps.log()?.error({ err, worker: what }, 'waiting room')
  const fanout = new QueueFanout({
    room,
    feed: new RedisQueueFeed(deps.redis, deps.keys),
    touchEveryMs: Math.max(1000, Math.floor((config.queue.graceSec * 1000) / 3)),
    onError: onError('queue-fanout')
  })
  const scheduler = new AdmissionScheduler({
    room,
    owner: deps.owner,
    sales: deps.sales,
    onError: onError('admission-scheduler'),
    ...(deps.onTick ? { onTick: deps.onTick } : {})
  })
  return {
    room,
    draw,
    store,
    fanout,
    scheduler,
    plugin: async (app: FastifyInstance) => {
      await app.register(queueRoutes(room, fanout, deps.joinGate))
      await app.register(queueDrawRoutes(draw))
    },
    async close() {
      await scheduler.stop()
    }
  }
}
