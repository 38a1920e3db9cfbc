import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createKafkaAdmin, createKafkaProducer } from '../../../src/adapters/kafka/index.ts'
import { pipelineTopics } from '../../../src/adapters/kafka/topics.ts'
import { createRuntime, type Runtime } from '../../../src/app/runtime.ts'
import type { BookingRequest } from '../../../src/domain/pipeline-ports.ts'
import type { ResultEvent } from '../../../src/domain/result-ports.ts'
import { createHarness, type Harness, seatedSale } from '../../support/harness.ts'

// Two API "processes" sharing one database, Redis and topic prefix: A (the harness's runtime) and
// B. Each consumes the whole results topic in a group of its own and serves its own SSE clients.
let h: Harness
let b: Runtime
const base = new Map<Runtime, string>()

beforeAll(async () => {
  h = await createHarness(
    { FC_KAFKA_TOPIC_PREFIX: `t${randomBytes(5).toString('hex')}` },
    { pipeline: 'kafka' }
  )
  b = await createRuntime(h.config, { logger: false, workers: false, migrate: false })
  for (const rt of [h.rt, b]) base.set(rt, await rt.app.listen({ host: '127.0.0.1', port: 0 }))
  // Both results consumers must have joined (from the latest offset) before anything is published:
  // publish probes until each process has seen one.
  const producer = createKafkaProducer<ResultEvent>({ brokers: h.config.kafka.brokers })
  try {
    await vi.waitFor(
      async () => {
        await producer.send([{ topic: h.rt.results.topic, key: 'probe', value: probe() }])
        if (h.rt.results.hub.received === 0 || b.results.hub.received === 0) throw new Error('not yet')
      },
      { timeout: 30_000, interval: 250 }
    )
  } finally {
    await producer.close()
  }
})
afterAll(async () => {
  await b?.close()
  if (!h) return
  const admin = createKafkaAdmin(h.config.kafka.brokers)
  await h.close()
  await admin.deleteTopics(pipelineTopics(h.config).map((t) => t.name)).catch(() => undefined)
  await admin.close()
})

function probe(): ResultEvent {
  return {
    v: 1,
    type: 'claim',
    id: `probe-${randomBytes(4).toString('hex')}`,
    saleId: 'e000000000000000',
    userId: 'probe',
    status: 'failed',
    at: new Date().toISOString()
  }
}

/** An SSE client over fetch: collects `result` events and comments. */
async function openStream(rt: Runtime, userId: string) {
  const ac = new AbortController()
  const res = await fetch(`${base.get(rt)}/v1/me/stream`, {
    headers: { authorization: `Bearer ${await h.userToken(userId)}`, accept: 'text/event-stream' },
    signal: ac.signal
  })
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toContain('text/event-stream')
  const events: ResultEvent[] = []
  const comments: string[] = []
  let ended = false
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader()
  const done = (async () => {
    let buffer = ''
    try {
      for (;;) {
        const { value, done: finished } = await reader.read()
        if (finished) break
        buffer += value
        for (let i = buffer.indexOf('\n\n'); i >= 0; i = buffer.indexOf('\n\n')) {
          const frame = buffer.slice(0, i)
          buffer = buffer.slice(i + 2)
          if (frame.startsWith(':')) comments.push(frame.slice(1).trim())
          const data = /^data: (.*)$/m.exec(frame)?.[1]
          if (/^event: result$/m.test(frame) && data) events.push(JSON.parse(data) as ResultEvent)
        }
      }
    } catch {
      // Aborted by the test.
    }
    ended = true
  })()
  return { events, comments, done, ended: () => ended, close: () => ac.abort() }
}

async function confirm(
  saleId: string,
  userId: string,
  access: string,
  seatId: string,
  simulate: 'approve' | 'decline'
) {
  const headers = { authorization: `Bearer ${await h.userToken(userId)}`, 'x-access-token': access }
  const held = await h.rt.app.inject({
    method: 'POST',
    url: `/v1/events/${saleId}/holds`,
    headers: { ...headers, 'idempotency-key': randomBytes(6).toString('hex') },
    payload: { seatId }
  })
  const holdId = (held.json() as { holdId: string }).holdId
  const confirmed = await b.app.inject({
    method: 'POST',
    url: `/v1/holds/${holdId}/confirm`,
    headers: { ...headers, 'idempotency-key': randomBytes(6).toString('hex') },
    payload: { payment: { simulate } }
  })
  expect(confirmed.statusCode).toBe(202)
  const request: BookingRequest = {
    v: 1,
    reservationId: (confirmed.json() as { reservationId: string }).reservationId,
    holdId,
    saleId,
    seatId,
    userId,
    amount: 5000,
    payment: { simulate },
    acceptedAt: Date.now()
  }
  return request
}

describe('GET /v1/me/stream', () => {
  it('delivers each result to its own user on every process, and to no one else', async () => {
    const saleId = await h.createSale(seatedSale(1, 10))
    const access = await h.admit(saleId, ['alice', 'bob'])
    const aliceOnA = await openStream(h.rt, 'alice')
    const aliceOnB = await openStream(b, 'alice')
    const bobOnB = await openStream(b, 'bob')
    expect(aliceOnA.comments).toContain('subscribed')
    await vi.waitFor(() => expect(b.results.hub.streams).toBe(2))

    const alice = await confirm(saleId, 'alice', access.get('alice')!, 'A-1-1', 'approve')
    const bob = await confirm(saleId, 'bob', access.get('bob')!, 'A-1-2', 'decline')
    const before = [h.rt.results.hub.received, b.results.hub.received]
    // The pipeline's step writes the outcomes and their outbox rows; the relay publishes them.
    expect((await h.rt.pipeline.processBookings([alice, bob])).size).toBe(0)
    expect(await h.rt.results.relay.runOnce()).toBe(2)

    await vi.waitFor(
      () => {
        expect(aliceOnA.events.map((e) => [e.id, e.status])).toEqual([[alice.reservationId, 'confirmed']])
        expect(aliceOnB.events.map((e) => [e.id, e.status])).toEqual([[alice.reservationId, 'confirmed']])
        expect(bobOnB.events).toMatchObject([{ id: bob.reservationId, status: 'failed', userId: 'bob' }])
        // Both processes have seen both results: nothing else is on its way to the wrong stream.
        expect(h.rt.results.hub.received).toBeGreaterThanOrEqual(before[0]! + 2)
        expect(b.results.hub.received).toBeGreaterThanOrEqual(before[1]! + 2)
      },
      { timeout: 15_000, interval: 50 }
    )
    expect(aliceOnA.events[0]).toMatchObject({ v: 1, type: 'reservation', saleId, userId: 'alice' })
    expect(aliceOnA.events).toHaveLength(1)
    expect(aliceOnB.events).toHaveLength(1)
    expect(bobOnB.events).toHaveLength(1)

    // A replayed outbox row (at-least-once) reaches nobody twice.
    await h.pool.query('UPDATE outbox SET published_at = NULL')
    expect(await h.rt.results.relay.runOnce()).toBe(2)
    await vi.waitFor(() => expect(b.results.hub.received).toBeGreaterThanOrEqual(before[1]! + 4), {
      timeout: 15_000,
      interval: 50
    })
    expect(bobOnB.events).toHaveLength(1)

    aliceOnA.close()
    await aliceOnA.done
    await vi.waitFor(() => expect(h.rt.results.hub.streams).toBe(0))
    bobOnB.close()
    await bobOnB.done
  })

  it('needs a bearer token', async () => {
    const res = await fetch(`${base.get(b)}/v1/me/stream`)
    expect(res.status).toBe(401)
  })

  it('ends open streams when the app closes, so shutdown is not held up', async () => {
    const c = await createRuntime(h.config, { logger: false, workers: false, migrate: false, kafka: false })
    base.set(c, await c.app.listen({ host: '127.0.0.1', port: 0 }))
    const stream = await openStream(c, 'carol')
    const started = Date.now()
    await c.close()
    await stream.done
    expect(stream.ended()).toBe(true)
    expect(Date.now() - started).toBeLessThan(5000)
  })
})
