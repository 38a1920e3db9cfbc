import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import {
  type ConsumedMessage,
  createKafkaAdmin,
  createKafkaConsumer,
  createKafkaProducer,
  ensureTopics,
  type KafkaAdmin,
  type KafkaConsumer,
  listConsumerGroupLag,
  stringCodec
} from '../../../src/adapters/kafka/index.ts'
import { pollUntil } from '../../../tools/stack/wait.ts'

interface Payload {
  i: number
  note: string
}

const brokers = inject('stack').kafkaBrokers
const runId = randomUUID().slice(0, 8)
const topic = `fc-test-round-trip-${runId}`
const groupId = `fc-test-group-${runId}`
const PARTITIONS = 3
const FIRST = 200
const SECOND = 25

/** Collects what a consumer hands over, and lets a test await a count. */
function collector() {
  const seen: ConsumedMessage<Payload>[] = []
  return {
    seen,
    handler: async (batch: ConsumedMessage<Payload>[]) => {
      seen.push(...batch)
    },
    async waitFor(count: number, timeoutMs = 60_000) {
      const reached = await pollUntil(async () => (seen.length >= count ? true : undefined), {
        timeoutMs,
        intervalMs: 50
      })
      if (!reached) throw new Error(`expected ${count} messages, got ${seen.length} after ${timeoutMs} ms`)
    }
  }
}

describe('kafka adapter round trip', () => {
  let admin: KafkaAdmin
  const consumers: KafkaConsumer[] = []

  beforeAll(() => {
    admin = createKafkaAdmin(brokers)
  })

  afterAll(async () => {
    await Promise.allSettled(consumers.map((consumer) => consumer.close()))
    await admin.deleteTopics([topic, `${topic}-concurrent`]).catch(() => {})
    await admin.close()
  })

  it('creates topics idempotently, also when callers race', async () => {
    const first = await ensureTopics(brokers, [{ name: topic, partitions: PARTITIONS }])
    expect(first).toEqual([{ name: topic, created: true, partitions: PARTITIONS }])
    const again = await ensureTopics(brokers, [{ name: topic, partitions: PARTITIONS }])
    expect(again).toEqual([{ name: topic, created: false, partitions: PARTITIONS }])

    const racing = `${topic}-concurrent`
    const results = await Promise.all(
      [1, 2, 3].map(() =>
        ensureTopics(brokers, [{ name: racing, partitions: 2, configs: { 'retention.ms': '3600000' } }])
      )
    )
    const created = results.flat().filter((result) => result.created)
    expect(created.length).toBeLessThanOrEqual(1)
    expect(results.flat().every((result) => result.partitions === 2)).toBe(true)
  })

  it('delivers every message once and commits, so the group resumes after its last commit', async () => {
    const producer = createKafkaProducer<Payload>({ brokers, lingerMs: 5, maxBatchMessages: 50 })
    try {
      // Concurrent single-message sends, as API requests would do; lingering batches them.
      await Promise.all(
        Array.from({ length: FIRST }, (_, i) =>
          producer.send([
            { topic, key: `user-${i % 17}`, value: { i, note: 'first' }, headers: { run: runId } }
          ])
        )
      )

      const first = collector()
      const consumerA = createKafkaConsumer<Payload>({
        brokers,
        groupId,
        topics: [topic],
        handler: first.handler,
        maxBatchSize: 32
      })
      consumers.push(consumerA)
      await consumerA.start()
      await first.waitFor(FIRST)
      await consumerA.close()
      await consumerA.stopped

      const values = first.seen.map((message) => message.value.i).sort((a, b) => a - b)
      expect(values).toEqual(Array.from({ length: FIRST }, (_, i) => i))
      expect(
        first.seen.every((message) => message.headers.run === runId && message.key?.startsWith('user-'))
      ).toBe(true)
      // Messages with one key stay in order (one partition each).
      const byKey = new Map<string, number[]>()
      for (const message of first.seen)
        byKey.set(message.key ?? '', [...(byKey.get(message.key ?? '') ?? []), message.value.i])
      for (const sequence of byKey.values()) expect(sequence).toEqual([...sequence].sort((a, b) => a - b))

      const lag = await listConsumerGroupLag(brokers, groupId, [topic])
      expect(lag).toHaveLength(PARTITIONS)
      expect(lag.every((partition) => partition.lag === 0)).toBe(true)
      expect(lag.reduce((sum, partition) => sum + (partition.committedOffset ?? 0), 0)).toBe(FIRST)

      // New messages after the first member left; the next member must see only these.
      await producer.send(
        Array.from({ length: SECOND }, (_, k) => ({
          topic,
          key: `user-${k % 5}`,
          value: { i: FIRST + k, note: 'second' }
        }))
      )
      const lagBefore = await listConsumerGroupLag(brokers, groupId, [topic])
      expect(lagBefore.reduce((sum, partition) => sum + partition.lag, 0)).toBe(SECOND)

      const second = collector()
      const consumerB = createKafkaConsumer<Payload>({
        brokers,
        groupId,
        topics: [topic],
        handler: second.handler
      })
      consumers.push(consumerB)
      await consumerB.start()
      await second.waitFor(SECOND)
      await consumerB.close()

      const secondValues = second.seen.map((message) => message.value.i).sort((a, b) => a - b)
      expect(secondValues).toEqual(Array.from({ length: SECOND }, (_, k) => FIRST + k))
      expect(second.seen.every((message) => message.value.note === 'second')).toBe(true)
      const lagAfter = await listConsumerGroupLag(brokers, groupId, [topic])
      expect(lagAfter.reduce((sum, partition) => sum + partition.lag, 0)).toBe(0)
    } finally {
      await producer.close()
    }
  })

  it('retries a failed batch and commits it only once the handler succeeds', async () => {
    const retryGroup = `${groupId}-retry`
    const producer = createKafkaProducer<Payload>({ brokers })
    const seen: number[] = []
    const errors: string[] = []
    let failuresLeft = 2
    const consumer = createKafkaConsumer<Payload>({
      brokers,
      groupId: retryGroup,
      topics: [topic],
      retryDelayMs: 20,
      onError: (error, { stage }) => errors.push(`${stage}: ${(error as Error).message}`),
      handler: async (batch) => {
        if (failuresLeft > 0) {
          failuresLeft--
          throw new Error('database unavailable')
        }
        seen.push(...batch.map((message) => message.value.i))
      }
    })
    consumers.push(consumer)
    try {
      await consumer.start()
      const total = FIRST + SECOND
      const done = await pollUntil(async () => (seen.length >= total ? true : undefined), {
        timeoutMs: 60_000,
        intervalMs: 50
      })
      expect(done).toBe(true)
      await consumer.close()
      expect(errors).toEqual(['handler: database unavailable', 'handler: database unavailable'])
      expect(new Set(seen).size).toBe(total)
      expect(seen).toHaveLength(total)
      const lag = await admin.listConsumerGroupLag(retryGroup, [topic])
      expect(lag.reduce((sum, partition) => sum + partition.lag, 0)).toBe(0)
    } finally {
      await producer.close()
    }
  })

  it('keeps every one of many concurrent single-message sends to one partition', async () => {
    // Guards against platformatic/kafka#326: concurrent idempotent sends reusing sequence numbers
    // are acknowledged by the broker as duplicates and silently dropped.
    const single = `${topic}-single`
    await ensureTopics(brokers, [{ name: single, partitions: 1 }])
    const producer = createKafkaProducer<Payload>({ brokers })
    try {
      await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          producer.send([{ topic: single, key: 'same', value: { i, note: 'x' } }])
        )
      )
    } finally {
      await producer.close()
    }
    const lag = await admin.listConsumerGroupLag(`${groupId}-never-consumed`, [single])
    expect(lag).toEqual([{ topic: single, partition: 0, committedOffset: null, highWatermark: 60, lag: 60 }])
    await admin.deleteTopics([single])
  })

  it('rejects a send that fails and keeps working afterwards', async () => {
    const producer = createKafkaProducer<Payload>({ brokers, retries: 2, retryDelayMs: 50 })
    const missing = `${topic}-does-not-exist`
    try {
      await expect(producer.send([{ topic: missing, value: { i: 0, note: 'lost' } }])).rejects.toThrow()
      await producer.send([{ topic, key: 'after-failure', value: { i: -1, note: 'after failure' } }])
    } finally {
      await producer.close()
    }
    await expect(producer.send([{ topic, value: { i: -2, note: 'closed' } }])).rejects.toThrow(/closed/)
  })

  it('skips and reports a message whose value cannot be decoded', async () => {
    const poison = `${topic}-poison`
    await ensureTopics(brokers, [{ name: poison, partitions: 1 }])
    const raw = createKafkaProducer<string>({ brokers, codec: stringCodec })
    try {
      await raw.send([
        { topic: poison, value: JSON.stringify({ i: 1, note: 'good' }) },
        { topic: poison, value: '{not json' },
        { topic: poison, value: JSON.stringify({ i: 2, note: 'good' }) }
      ])
    } finally {
      await raw.close()
    }
    const seen: number[] = []
    const stages: string[] = []
    const consumer = createKafkaConsumer<Payload>({
      brokers,
      groupId: `${groupId}-poison`,
      topics: [poison],
      onError: (_error, { stage }) => stages.push(stage),
      handler: async (batch) => {
        seen.push(...batch.map((message) => message.value.i))
      }
    })
    consumers.push(consumer)
    await consumer.start()
    const done = await pollUntil(async () => (seen.length >= 2 ? true : undefined), {
      timeoutMs: 30_000,
      intervalMs: 50
    })
    await consumer.close()
    expect(done).toBe(true)
    expect(seen).toEqual([1, 2])
    expect(stages).toEqual(['decode'])
    const lag = await admin.listConsumerGroupLag(`${groupId}-poison`, [poison])
    expect(lag[0]?.lag).toBe(0)
    await admin.deleteTopics([poison])
  })
})
