import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { createKafkaAdmin, createKafkaConsumer, type KafkaAdmin } from '../../../src/adapters/kafka/index.ts'
import { KafkaBookingHandoff } from '../../../src/adapters/kafka/kafka-booking-handoff.ts'
import { pipelineTopicNames } from '../../../src/adapters/kafka/topics.ts'
import type { BookingRequest } from '../../../src/domain/pipeline-ports.ts'
import { parseBookingRequest } from '../../../src/services/pipeline/pipeline-messages.ts'
import { freePort } from '../../support/redis-server.ts'

const brokers = inject('stack').kafkaBrokers
const prefix = `fc-test-q-${randomBytes(4).toString('hex')}`
const topics = pipelineTopicNames(prefix)
let admin: KafkaAdmin

beforeAll(async () => {
  admin = createKafkaAdmin(brokers)
  await admin.ensureTopics([{ name: topics.bookings, partitions: 3 }])
})
afterAll(async () => {
  await admin.deleteTopics([topics.bookings]).catch(() => undefined)
  await admin.close()
})

const request = (i: number): BookingRequest => ({
  v: 1,
  reservationId: `e000000000000001.r${String(i).padStart(16, '0')}`,
  holdId: `e000000000000001.h${String(i).padStart(16, '0')}`,
  saleId: 'e000000000000001',
  seatId: `A-1-${i + 1}`,
  userId: `u${i}`,
  amount: 100,
  payment: {},
  acceptedAt: Date.now()
})

describe('KafkaBookingHandoff', () => {
  it('resolves once acknowledged; messages are keyed by seat and valid against the schema', async () => {
    const queue = new KafkaBookingHandoff({ brokers, topicPrefix: prefix })
    await Promise.all(Array.from({ length: 50 }, (_, i) => queue.publishBooking(request(i))))
    await queue.close()
    const seen: Array<{ key: string | undefined; ok: boolean }> = []
    const consumer = createKafkaConsumer<Buffer>({
      brokers,
      groupId: `${prefix}.check`,
      topics: [topics.bookings],
      codec: { encode: (b) => b, decode: (b) => b },
      handler: async (batch) => {
        for (const m of batch) seen.push({ key: m.key, ok: parseBookingRequest(m.rawValue).ok })
      }
    })
    await consumer.start()
    try {
      await expect.poll(() => seen.length, { timeout: 30_000 }).toBe(50)
    } finally {
      await consumer.close()
    }
    expect(seen.every((m) => m.ok)).toBe(true)
    expect(new Set(seen.map((m) => m.key))).toEqual(
      new Set(Array.from({ length: 50 }, (_, i) => `e000000000000001:A-1-${i + 1}`))
    )
  })

  it('rejects within its deadline when no broker answers, instead of hanging', async () => {
    const queue = new KafkaBookingHandoff({
      brokers: [`127.0.0.1:${await freePort()}`],
      topicPrefix: prefix,
      publishDeadlineMs: 2000
    })
    const started = Date.now()
    await expect(queue.publishBooking(request(1))).rejects.toThrow()
    expect(Date.now() - started).toBeLessThan(2500)
    await queue.close().catch(() => undefined)
  })
})
