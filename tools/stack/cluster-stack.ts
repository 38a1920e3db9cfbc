/**
 * The clustered variants of the local stack's Redis and Kafka (`firstcome up --redis-cluster`,
 * `--kafka-brokers 3`): reuse what answers at the configured addresses, otherwise start a cluster
 * on fixed loopback ports under `.data/` so that a later `up` finds (and reuses) the same one.
 */
import { join } from 'node:path'
import { createKafkaAdmin } from '../../src/adapters/kafka/index.ts'
import { connectRedis, parseRedisTarget } from '../../src/adapters/redis/redis-client.ts'
import { startKafkaCluster } from './cluster-kafka.ts'
import { startRedisCluster } from './cluster-redis.ts'
import { isLoopbackHost } from './endpoints.ts'
import { ensureService, type ServiceContext, type StartedService } from './service-runner.ts'
import { StackError } from './stack-error.ts'

/** Seed nodes of the local Redis Cluster: 3 primaries and 3 replicas on 7000-7005 (bus 17000-17005). */
export const DEFAULT_REDIS_CLUSTER_URL = `redis+cluster://${[7000, 7001, 7002, 7003, 7004, 7005]
  .map((p) => `127.0.0.1:${p}`)
  .join(',')}`

/** Client ports of a local Kafka cluster of `count` brokers: 19092, 19094, ... (controllers on the odd port after). */
export function defaultClusterBrokers(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `127.0.0.1:${19092 + 2 * i}`)
}

async function redisClusterAnswers(url: string): Promise<boolean> {
  const attempt = connectRedis(url, 'firstcome-probe').then(async (client) => {
    try {
      return (await client.ping()) === 'PONG'
    } finally {
      client.destroy()
    }
  })
  const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 3_000).unref())
  return Promise.race([attempt.catch(() => false), timeout])
}

/** Reuses the Redis Cluster named by `url` or starts a 3x1 cluster under `.data/redis-cluster`. */
export async function ensureRedisCluster(
  ctx: ServiceContext,
  url: string
): Promise<StartedService | undefined> {
  const target = parseRedisTarget(url)
  if (target.mode !== 'cluster') {
    throw new StackError(
      'redis',
      `--redis-cluster needs a redis+cluster:// REDIS_URL, not ${url}`,
      `e.g. ${DEFAULT_REDIS_CLUSTER_URL}`
    )
  }
  return ensureService({
    service: 'redis',
    ctx,
    endpoint: url,
    probe: async () => ((await redisClusterAnswers(url)) ? 'up' : 'down'),
    waitTimeoutMs: 120_000,
    start: async () => {
      if (!target.nodes.every((n) => isLoopbackHost(n.host)) || target.nodes.length !== 6) {
        throw new StackError(
          'redis',
          `the Redis Cluster at ${url} does not answer and cannot be started here`,
          'the local stack starts six loopback nodes (3 primaries, 3 replicas)'
        )
      }
      const dir = join(ctx.dataRoot, 'redis-cluster')
      const cluster = await startRedisCluster({
        dir,
        ports: target.nodes.map((n) => n.port),
        env: ctx.env,
        detached: ctx.detached,
        onProgress: (message) => ctx.progress('start', message)
      })
      const pids = cluster.nodes.map((n) => n.pid ?? 0)
      return {
        record: {
          service: 'redis',
          pid: pids[0] ?? 0,
          pids,
          ownerPid: process.pid,
          detached: ctx.detached,
          endpoint: url,
          dataDir: dir,
          logFile: join(dir, '*', 'redis.log'),
          commandMatch: 'redis-server',
          stopWith: 'signal',
          startedAt: new Date().toISOString()
        },
        stop: () => cluster.stop()
      }
    }
  })
}

/** Reuses a Kafka cluster answering at `brokers` or starts `count` KRaft brokers under `.data/kafka-cluster`. */
export async function ensureKafkaCluster(
  ctx: ServiceContext,
  brokers: readonly string[],
  count: number
): Promise<StartedService | undefined> {
  return ensureService({
    service: 'kafka',
    ctx,
    endpoint: `kafka ${brokers.join(',')}`,
    probe: async () => {
      const admin = createKafkaAdmin(brokers, { timeoutMs: 2_000 })
      try {
        return (await admin.isReady(2_000)) ? 'up' : 'down'
      } finally {
        await admin.close().catch(() => {})
      }
    },
    waitTimeoutMs: 600_000,
    start: async () => {
      const ports = brokers.map((b) => Number(b.split(':').pop()))
      if (ports.length !== count || !brokers.every((b) => isLoopbackHost(b.split(':')[0] ?? ''))) {
        throw new StackError(
          'kafka',
          `the Kafka cluster at ${brokers.join(',')} does not answer and cannot be started here`,
          `name ${count} loopback brokers in KAFKA_BROKERS, or leave it unset`
        )
      }
      const dir = join(ctx.dataRoot, 'kafka-cluster')
      const cluster = await startKafkaCluster({
        root: ctx.root,
        dir,
        brokers: count,
        ports,
        controllerPorts: ports.map((p) => p + 1),
        env: ctx.env,
        detached: ctx.detached,
        onProgress: (message) => ctx.progress('start', message)
      })
      const pids = cluster.brokers.map((b) => b.pid ?? 0)
      return {
        record: {
          service: 'kafka',
          pid: pids[0] ?? 0,
          pids,
          ownerPid: process.pid,
          detached: ctx.detached,
          endpoint: cluster.bootstrap.join(','),
          dataDir: dir,
          logFile: join(dir, 'broker-*', 'logs', 'server.log'),
          commandMatch: 'kafka.Kafka',
          stopWith: 'signal',
          startedAt: new Date().toISOString()
        },
        stop: () => cluster.stop()
      }
    }
  })
}
