/**
 * The core flows (hold, confirm, claim, admission) against a Redis Cluster of 3 primaries and
 * 3 replicas and a Kafka cluster of 3 KRaft brokers, both started by this file on free loopback
 * ports and torn down after it. Every script call is recorded to prove that it touched one slot.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Admin } from '@platformatic/kafka'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { pipelineTopicNames } from '../../src/adapters/kafka/topics.ts'
import { connectRedis } from '../../src/adapters/redis/redis-client.ts'
import { ScriptRunner } from '../../src/adapters/redis/scripts.ts'
import { type KafkaClusterHandle, startKafkaCluster } from '../../tools/stack/cluster-kafka.ts'
import { type RedisClusterHandle, startRedisCluster } from '../../tools/stack/cluster-redis.ts'
import { couponSale, createHarness, type Harness, seatedSale } from '../support/harness.ts'
import {
  claimAll,
  confirmAll,
  expectPipelineInvariants,
  FaultyGateway,
  holdAll,
  pipelineEnv,
  seatIds,
  waitTerminal
} from '../support/pipeline.ts'

const root = join(import.meta.dirname, '..', '..')
let redis: RedisClusterHandle | undefined
let kafka: KafkaClusterHandle | undefined
let h: Harness
const gateway = new FaultyGateway({ latencyMs: 1, timeoutMs: 150 })
const calls: Array<{ name: string; keys: string[] }> = []

beforeAll(async () => {
  const original = ScriptRunner.prototype.run
  vi.spyOn(ScriptRunner.prototype, 'run').mockImplementation(function (this: ScriptRunner, name, keys, args) {
    calls.push({ name, keys: [...keys] })
    return original.call(this, name, keys, args)
  })
  // Both clusters start side by side: Kafka dominates (about 30 s on two busy cores).
  const started = await Promise.allSettled([
    startRedisCluster({ dir: mkdtempSync(join(tmpdir(), 'fc-rc-')), removeOnStop: true }),
    startKafkaCluster({ root, dir: mkdtempSync(join(tmpdir(), 'fc-kc-')), removeOnStop: true })
  ])
  if (started[0].status === 'fulfilled') redis = started[0].value
  if (started[1].status === 'fulfilled') kafka = started[1].value
  const failed = started.find((s) => s.status === 'rejected')
  if (failed) throw failed.reason
  h = await createHarness(
    pipelineEnv({
      REDIS_URL: redis?.url ?? '',
      KAFKA_BROKERS: kafka?.bootstrap.join(',') ?? '',
      FC_ADMISSION_TICK_MS: '200'
    }),
    {
      pipeline: 'kafka',
      workers: true,
      payments: gateway,
      consumers: { maxAttempts: 3, backoffMs: 50 },
      logger: { level: 'warn' }
    }
  )
})

afterAll(async () => {
  vi.restoreAllMocks()
  await h?.close().catch(() => undefined)
  await Promise.allSettled([redis?.stop(), kafka?.stop()])
})

/** The hash tag of a key: what Redis Cluster hashes to pick its slot. */
function hashTag(key: string): string {
  const open = key.indexOf('{')
  const close = key.indexOf('}', open + 1)
  return open >= 0 && close > open + 1 ? key.slice(open + 1, close) : key
}

describe('on a Redis Cluster and a 3-broker Kafka cluster', () => {
  it('creates the pipeline topics with 3 replicas and min.insync.replicas=2', async () => {
    const admin = new Admin({ clientId: 'fc-test', bootstrapBrokers: kafka?.bootstrap ?? [] })
    try {
      const topic = pipelineTopicNames(h.config.kafka.topicPrefix).bookings
      const metadata = await admin.metadata({ topics: [topic] })
      expect(metadata.brokers.size).toBe(3)
      const partitions = metadata.topics.get(topic)?.partitions ?? []
      expect(partitions.length).toBe(3)
      expect(partitions.every((p) => p.replicas.length === 3)).toBe(true)
      const configs = await admin.describeConfigs({
        resources: [{ resourceType: 2, resourceName: topic, configurationKeys: ['min.insync.replicas'] }]
      })
      expect(configs[0]?.configs.find((c) => c.name === 'min.insync.replicas')?.value).toBe('2')
    } finally {
      await admin.close()
    }
  })

  it('holds and confirms seats through Kafka: invariants hold, stock conserved', async () => {
    const saleId = await h.createSale(seatedSale(2, 10))
    const outcomes = ['approve', 'approve', 'decline'] as const
    const plan = seatIds(2, 10).map((seatId, i) => ({
      userId: `u${Math.floor(i / 2)}`,
      seatId,
      simulate: outcomes[i % 3]
    }))
    const attempts = await confirmAll(h, saleId, await holdAll(h, saleId, plan, 50), 50)
    expect(attempts.every((a) => a.confirmStatus === 202)).toBe(true)
    const ids = attempts.map((a) => a.reservationId)
    await waitTerminal(h, ids)
    await h.rt.handoff.drain?.()
    const totals = await expectPipelineInvariants(h, saleId, ids, gateway)
    expect(totals.confirmed + totals.failed).toBe(20)
    expect(totals.failed).toBe(6)
  })

  it('claims coupons: exactly the stock is issued, once per user', async () => {
    const saleId = await h.createSale(couponSale(30, { perUserLimit: 1 }))
    const users = Array.from({ length: 40 }, (_, i) => `c${i}`)
    const access = await h.admit(saleId, users)
    const answers = await claimAll(h, saleId, users, access)
    expect(answers.filter((s) => s === 202)).toHaveLength(30)
    expect(answers.filter((s) => s === 409)).toHaveLength(10)
    await expect
      .poll(
        async () => {
          const { rows } = await h.pool.query<{ n: number }>(
            "SELECT count(*)::int AS n FROM claims WHERE sale_id = $1 AND status = 'confirmed'",
            [saleId]
          )
          return rows[0]?.n
        },
        { timeout: 60_000, interval: 200 }
      )
      .toBe(30)
    expect(await h.inventory.counts(saleId)).toMatchObject({ available: 0, pending: 0, confirmed: 30 })
  })

  it('admits waiting buyers in ticket order through the scheduler (Redis lease on the cluster)', async () => {
    const saleId = await h.createSale(
      couponSale(100, { admission: { ratePerSec: 20, maxActive: 1000, accessTtlSec: 600 } })
    )
    const users = Array.from({ length: 12 }, (_, i) => `w${i}`)
    for (const u of users) await h.rt.waitingRoom.store.join(saleId, u, 0)
    const admitted = async () => {
      const places = await Promise.all(users.map((u) => h.rt.waitingRoom.store.status(saleId, u, 0, false)))
      return places.map((p) => p.place === 'admitted')
    }
    // 20/s in 200 ms ticks: 4 a tick. Whenever we look, the admitted ones are a prefix in ticket order (I7).
    const seen: boolean[][] = []
    await expect
      .poll(
        async () => {
          const now = await admitted()
          seen.push(now)
          return now.every(Boolean)
        },
        { timeout: 20_000, interval: 50 }
      )
      .toBe(true)
    for (const snapshot of seen) {
      const firstWaiting = snapshot.indexOf(false)
      if (firstWaiting >= 0) expect(snapshot.slice(firstWaiting).some(Boolean)).toBe(false)
    }
  })

  it('every script call kept its keys in one hash tag (one slot)', () => {
    expect(calls.length).toBeGreaterThan(50)
    const mixed = calls.filter((c) => new Set(c.keys.map(hashTag)).size !== 1)
    expect(mixed).toEqual([])
    const names = new Set(calls.map((c) => c.name))
    for (const name of ['hold-seat', 'hold-to-pending', 'claim-unit', 'join-queue', 'admission-tick']) {
      expect(names.has(name), name).toBe(true)
    }
  })

  it('loads scripts on every primary and answers TIME and PING through the cluster client', async () => {
    const client = await connectRedis(redis?.url ?? '')
    try {
      expect(await client.ping()).toBe('PONG')
      const [seconds] = await client.time()
      expect(Math.abs(Number(seconds) - Date.now() / 1000)).toBeLessThan(5)
      await new ScriptRunner(client).load()
      expect((await redis?.primaries())?.length).toBe(3)
    } finally {
      client.destroy()
    }
  })
})
