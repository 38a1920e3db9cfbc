import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import {
  type ConsumedMessage,
  createKafkaAdmin,
  createKafkaConsumer,
  createKafkaProducer,
  type KafkaConsumer,
  type KafkaProducer
} from '../../src/adapters/kafka/index.ts'
import { pipelineTopicNames, pipelineTopics } from '../../src/adapters/kafka/topics.ts'
import { PgOutboxStore } from '../../src/adapters/postgres/outbox-store.ts'
import { createPool } from '../../src/adapters/postgres/pool.ts'
import { OUTBOX_ID_HEADER, OutboxRelay } from '../../src/workers/outbox-relay.ts'
import { createHarness, type Harness } from '../support/harness.ts'

let h: Harness
let topic: string
const cleanup: Array<() => Promise<unknown>> = []

beforeAll(async () => {
  h = await createHarness(
    { FC_KAFKA_TOPIC_PREFIX: `t${randomBytes(5).toString('hex')}` },
    { pipeline: 'kafka' }
  )
  topic = pipelineTopicNames(h.config.kafka.topicPrefix).results
})
afterAll(async () => {
  for (const c of cleanup.reverse()) await c().catch(() => undefined)
  if (!h) return
  const admin = createKafkaAdmin(h.config.kafka.brokers)
  await h.close()
  await admin.deleteTopics(pipelineTopics(h.config).map((t) => t.name)).catch(() => undefined)
  await admin.close()
})

async function insertRows(n: number, tag: string): Promise<void> {
  await h.pool.query(
    `INSERT INTO outbox (topic, message_key, payload)
     SELECT $1, 'user-' || (i % 17), jsonb_build_object('tag', $2::text, 'i', i) FROM generate_series(1, $3) i`,
    [topic, tag, n]
  )
}

/** A relay on a pool and producer of its own, as another process would have. */
function relay(batchSize: number, pollMs = 60_000) {
  const pool = createPool(h.config.postgres.url, { max: 2 })
  const producer: KafkaProducer<unknown> = createKafkaProducer({ brokers: h.config.kafka.brokers })
  const r = new OutboxRelay({
    source: new PgOutboxStore(pool, h.config.postgres.url),
    publisher: producer,
    batchSize,
    pollMs
  })
  cleanup.push(async () => {
    await r.stop()
    await producer.close()
    await pool.end()
  })
  return r
}

async function collect(tag: string) {
  const seen: ConsumedMessage<{ tag: string; i: number }>[] = []
  const consumer: KafkaConsumer = createKafkaConsumer<{ tag: string; i: number }>({
    brokers: h.config.kafka.brokers,
    groupId: `outbox-test-${randomBytes(6).toString('hex')}`,
    topics: [topic],
    fromBeginning: true,
    handler: async (batch) => {
      seen.push(...batch.filter((m) => m.value.tag === tag))
    }
  })
  cleanup.push(() => consumer.close())
  await consumer.start()
  return seen
}

describe('outbox relay', () => {
  it('two relays at once publish every row exactly once and mark it published', async () => {
    const N = 2000
    await insertRows(N, 'race')
    const [r1, r2] = [relay(100), relay(100)]
    const [n1, n2] = await Promise.all([r1.runOnce(), r2.runOnce()])
    expect(n1 + n2).toBe(N)
    // SKIP LOCKED shares the work rather than serialising it.
    expect(Math.min(n1, n2)).toBeGreaterThan(0)
    const { rows } = await h.pool.query<{ unpublished: number }>(
      'SELECT count(*) FILTER (WHERE published_at IS NULL)::int AS unpublished FROM outbox'
    )
    expect(rows[0]?.unpublished).toBe(0)

    const seen = await collect('race')
    await vi.waitFor(() => expect(seen.length).toBeGreaterThanOrEqual(N), { timeout: 30_000, interval: 100 })
    const ids = seen.map((m) => m.headers[OUTBOX_ID_HEADER])
    expect(new Set(ids).size).toBe(N)
    expect(ids).toHaveLength(N)
    expect(seen[0]?.key).toMatch(/^user-/)
  })

  it('is woken by the commit of new rows, not by its poll', async () => {
    const r = relay(500, 60_000)
    await r.start()
    const before = r.published
    const started = Date.now()
    await insertRows(3, 'wake')
    await vi.waitFor(() => expect(r.published).toBe(before + 3), { timeout: 10_000, interval: 10 })
    // Far below the 60 s poll period.
    expect(Date.now() - started).toBeLessThan(5000)
    const { rows } = await h.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM outbox WHERE payload->>'tag' = 'wake' AND published_at IS NOT NULL`
    )
    expect(rows[0]?.n).toBe(3)
    await r.stop()
  })

  it('leaves rows unpublished when the broker refuses, and publishes them on the next run', async () => {
    await insertRows(5, 'retry')
    let fail = true
    const producer = createKafkaProducer({ brokers: h.config.kafka.brokers })
    cleanup.push(() => producer.close())
    const r = new OutboxRelay({
      source: new PgOutboxStore(h.pool, h.config.postgres.url),
      publisher: {
        send: async (messages) => {
          if (fail) throw new Error('broker down')
          await producer.send(messages)
        }
      }
    })
    await expect(r.runOnce()).rejects.toThrow('broker down')
    const unpublished = async () =>
      (
        await h.pool.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM outbox WHERE payload->>'tag' = 'retry' AND published_at IS NULL`
        )
      ).rows[0]?.n
    expect(await unpublished()).toBe(5)
    fail = false
    expect(await r.runOnce()).toBe(5)
    expect(await unpublished()).toBe(0)
  })
})
