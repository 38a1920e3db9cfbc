/**
 * A booking consumer process SIGKILLed in the middle of a batch, then started again: the new one
 * resumes from the committed offsets, replays the batch that was cut, and the replay is absorbed
 * (idempotent SQL, replay-safe scripts): every booking ends once, nothing is lost or doubled.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { listConsumerGroupLag } from '../../src/adapters/kafka/index.ts'
import { pipelineTopicNames } from '../../src/adapters/kafka/topics.ts'
import { bookingGroupId } from '../../src/workers/booking-consumer.ts'
import { createHarness, type Harness, seatedSale } from '../support/harness.ts'
import {
  confirmAll,
  deletePipelineTopics,
  expectPipelineInvariants,
  holdAll,
  pipelineEnv,
  seatIds
} from '../support/pipeline.ts'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
let h: Harness
const children = new Set<ChildProcess>()

beforeAll(async () => {
  h = await createHarness(pipelineEnv(), { pipeline: 'kafka', workers: false })
})
afterAll(async () => {
  for (const child of children) child.kill('SIGKILL')
  if (h) {
    await deletePipelineTopics(h).catch(() => undefined)
    await h.close()
  }
})

/** `firstcome worker` against this test's services; payments slow enough to kill mid-batch. */
function startWorker(): { child: ChildProcess; exited: Promise<number | null>; log: () => string } {
  let log = ''
  const child = spawn(process.execPath, [join(root, 'bin', 'firstcome.mjs'), 'worker'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      REDIS_URL: h.config.redis.url,
      FC_REDIS_PREFIX: h.config.redis.prefix,
      DATABASE_URL: h.config.postgres.url,
      KAFKA_BROKERS: h.config.kafka.brokers.join(','),
      FC_KAFKA_TOPIC_PREFIX: h.config.kafka.topicPrefix,
      FC_KAFKA_PARTITIONS: String(h.config.kafka.partitions),
      FC_JWT_SECRET: h.config.auth.jwtSecret,
      FC_TOKEN_SECRET: h.config.tokens.secret,
      FC_LOG_LEVEL: 'warn',
      FC_PAYMENT_LATENCY_MS: '150'
    },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  children.add(child)
  child.stdout?.on('data', (d: Buffer) => {
    log += d.toString()
  })
  child.stderr?.on('data', (d: Buffer) => {
    log += d.toString()
  })
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      children.delete(child)
      resolve(code)
    })
  )
  return { child, exited, log: () => log.slice(-4000) }
}

const terminal = async (saleId: string) =>
  (
    await h.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM reservations WHERE sale_id = $1 AND status IN ('confirmed', 'failed')",
      [saleId]
    )
  ).rows[0]?.n ?? 0

it('a consumer SIGKILLed mid-batch and restarted: every booking ends once', async () => {
  const saleId = await h.createSale(seatedSale(10, 150))
  const outcomes = ['approve', 'approve', 'decline'] as const
  const holds = await holdAll(
    h,
    saleId,
    seatIds(10, 150).map((seatId, i) => ({
      userId: `k${Math.floor(i / 2)}`,
      seatId,
      simulate: outcomes[i % 3]
    })),
    200
  )
  const attempts = await confirmAll(h, saleId, holds, 200)
  expect(attempts.every((a) => a.confirmStatus === 202)).toBe(true)
  const ids = attempts.map((a) => a.reservationId)

  const topic = pipelineTopicNames(h.config.kafka.topicPrefix).bookings
  const committedNow = async () =>
    (
      await listConsumerGroupLag(h.config.kafka.brokers, bookingGroupId(h.config.kafka.topicPrefix), [topic])
    ).reduce((n, p) => n + (p.committedOffset ?? 0), 0)
  const first = startWorker()
  // Kill it right after its first commit: the next batch is in flight then (payments take 150 ms).
  await expect.poll(committedNow, { timeout: 60_000, interval: 20 }).toBeGreaterThan(0)
  first.child.kill('SIGKILL')
  await first.exited
  const atKill = await terminal(saleId)
  const committed = await committedNow()
  expect(atKill, first.log()).toBeLessThan(ids.length)
  // Resumes from the commits: what was committed before the kill is not read again.
  expect(committed).toBeLessThan(ids.length)

  const second = startWorker()
  await expect
    .poll(async () => (await h.inventory.counts(saleId)).pending, { timeout: 90_000, interval: 100 })
    .toBe(0)
  second.child.kill('SIGTERM')
  expect(await second.exited, second.log()).toBe(0)

  const totals = await expectPipelineInvariants(h, saleId, ids)
  expect(totals).toEqual({ confirmed: 1000, failed: 500 })
  // Charged at most once: one payment row per reservation, however often a batch was replayed.
  const { rows } = await h.pool.query<{ payments: number; reservations: number }>(
    `SELECT (SELECT count(*)::int FROM payments p JOIN reservations r ON r.id = p.reservation_id WHERE r.sale_id = $1) AS payments,
            (SELECT count(*)::int FROM reservations WHERE sale_id = $1) AS reservations`,
    [saleId]
  )
  expect(rows[0]).toEqual({ payments: 1500, reservations: 1500 })
  process.stderr.write(`[crash] killed with ${atKill}/1500 terminal, ${committed} committed\n`)
}, 180_000)
