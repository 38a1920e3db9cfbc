/**
 * The durable booking path end to end, in one process: the API publishes to Kafka (a topic prefix
 * of this file's own), the booking and coupon consumers write PostgreSQL and finalise Redis.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bufferCodec, createKafkaProducer } from '../../src/adapters/kafka/index.ts'
import { pipelineTopicNames } from '../../src/adapters/kafka/topics.ts'
import type { DeadLetterEntry } from '../../src/domain/pipeline-ports.ts'
import { reservationIdOf } from '../../src/services/sales/buyer-service.ts'
import { couponSale, createHarness, type Harness, seatedSale } from '../support/harness.ts'
import {
  claimAll,
  confirmAll,
  deletePipelineTopics,
  expectPipelineInvariants,
  FaultyGateway,
  holdAll,
  pipelineEnv,
  seatIds,
  waitTerminal
} from '../support/pipeline.ts'

let h: Harness
const gateway = new FaultyGateway({ latencyMs: 1, timeoutMs: 150 })

beforeAll(async () => {
  h = await createHarness(pipelineEnv(), {
    pipeline: 'kafka',
    workers: true,
    payments: gateway,
    consumers: { maxAttempts: 3, backoffMs: 50 }
  })
})
afterAll(async () => {
  if (!h) return
  await deletePipelineTopics(h).catch(() => undefined)
  await h.close()
})

describe('booking pipeline', () => {
  it('approves, declines and time-outs: failed ones release the seat and restore stock', async () => {
    const saleId = await h.createSale(seatedSale(3, 10))
    const outcomes = ['approve', 'decline', 'timeout'] as const
    const plan = seatIds(3, 10).map((seatId, i) => ({
      userId: `u${Math.floor(i / 2)}`,
      seatId,
      simulate: outcomes[i % 3]
    }))
    const attempts = await confirmAll(h, saleId, await holdAll(h, saleId, plan))
    expect(attempts.every((a) => a.confirmStatus === 202)).toBe(true)
    const ids = attempts.map((a) => a.reservationId)
    await waitTerminal(h, ids)
    await h.rt.handoff.drain?.()
    const totals = await expectPipelineInvariants(h, saleId, ids, gateway)
    expect(totals).toEqual({ confirmed: 10, failed: 20 })
    expect(await h.inventory.counts(saleId)).toMatchObject({ available: 20, confirmed: 10, pending: 0 })
    const { rows } = await h.pool.query<{ status: string; failure_reason: string | null; pay: string }>(
      'SELECT r.status, r.failure_reason, p.status AS pay FROM reservations r JOIN payments p ON p.reservation_id = r.id WHERE r.sale_id = $1',
      [saleId]
    )
    expect(rows).toHaveLength(30)
    expect(
      rows.filter((r) => r.pay === 'declined').every((r) => r.failure_reason?.startsWith('payment declined'))
    ).toBe(true)
    expect(
      rows.filter((r) => r.pay === 'timeout').every((r) => r.failure_reason === 'payment timed out')
    ).toBe(true)
    // The outcome the buyer is told: one row per reservation on the results topic's outbox.
    const outbox = await h.pool.query<{ message_key: string; payload: { status: string; v: number } }>(
      "SELECT message_key, payload FROM outbox WHERE payload->>'saleId' = $1",
      [saleId]
    )
    expect(outbox.rows).toHaveLength(30)
    expect(outbox.rows.every((r) => r.payload.v === 1 && r.message_key.startsWith('u'))).toBe(true)
  })

  it('issues coupons through the coupon consumer, once each', async () => {
    const saleId = await h.createSale(couponSale(300, { perUserLimit: 1 }))
    const users = Array.from({ length: 400 }, (_, i) => `c${i}`)
    const access = await h.admit(saleId, users)
    const answers = await claimAll(h, saleId, users, access)
    expect(answers.filter((s) => s === 202)).toHaveLength(300)
    await h.rt.handoff.drain?.()
    expect(await h.inventory.counts(saleId)).toMatchObject({ available: 0, pending: 0, confirmed: 300 })
    const { rows } = await h.pool.query<{ n: number; codes: number; outbox: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT coupon_code)::int AS codes,
         (SELECT count(*)::int FROM outbox WHERE payload->>'saleId' = $1 AND payload->>'type' = 'claim') AS outbox
       FROM claims WHERE sale_id = $1 AND status = 'confirmed'`,
      [saleId]
    )
    expect(rows[0]).toEqual({ n: 300, codes: 300, outbox: 300 })
  })

  it('poison goes to the dead letters at once while the batch goes on; replay heals, a final failure releases', async () => {
    const saleId = await h.createSale(seatedSale(1, 8))
    const plan = seatIds(1, 8).map((seatId, i) => ({ userId: `d${Math.floor(i / 2)}`, seatId }))
    const holds = await holdAll(h, saleId, plan)
    const [healed, doomed, givenUp] = holds.map((x) => reservationIdOf(x.holdId))
    for (const id of [healed, doomed, givenUp]) gateway.failing.add(id as string)

    const raw = createKafkaProducer<Buffer>({ brokers: h.config.kafka.brokers, codec: bufferCodec })
    const topic = pipelineTopicNames(h.config.kafka.topicPrefix).bookings
    try {
      await raw.send([
        { topic, key: 'x', value: Buffer.from('{not json') },
        { topic, key: 'y', value: Buffer.from(JSON.stringify({ v: 2, saleId, reservationId: 'nope' })) }
      ])
    } finally {
      await raw.close()
    }
    const attempts = await confirmAll(h, saleId, holds)
    expect(attempts.every((a) => a.confirmStatus === 202)).toBe(true)
    const ids = attempts.map((a) => a.reservationId)
    const healthy = ids.filter((id) => ![healed, doomed, givenUp].includes(id))
    await waitTerminal(h, healthy)

    const admin = { authorization: `Bearer ${h.adminToken}` }
    const list = async () => {
      const res = await h.rt.app.inject({
        method: 'GET',
        url: `/v1/admin/dead-letters?saleId=${saleId}`,
        headers: admin
      })
      return res.json() as { depth: number; items: DeadLetterEntry[] }
    }
    // 3 bookings out of retries + the poison that names this sale (the undecodable one names none).
    await expect.poll(async () => (await list()).depth, { timeout: 30_000 }).toBe(4)
    const items = (await list()).items
    const idOf = (e: DeadLetterEntry) =>
      (JSON.parse(Buffer.from(e.value, 'base64').toString()) as { reservationId?: string }).reservationId
    const poison = items.find((e) => e.reason.startsWith('poison'))
    expect(poison).toMatchObject({ kind: 'booking', attempts: 0, replays: 0 })
    const letterOf = (rid: string | undefined) => items.find((e) => idOf(e) === rid)
    expect(letterOf(healed)).toMatchObject({ attempts: 3, replays: 0, topic })
    expect(letterOf(healed)?.reason).toMatch(/payment provider unreachable/)
    const stats = await h.rt.app.inject({
      method: 'GET',
      url: `/v1/admin/events/${saleId}/stats`,
      headers: admin
    })
    expect(stats.json()).toMatchObject({ dlq: 4 })

    // An operator gives one up: it fails for good, its seat returns, the buyer is told.
    const gaveUp = await h.rt.app.inject({
      method: 'POST',
      url: `/v1/admin/dead-letters/${letterOf(givenUp)?.id}/fail`,
      headers: admin
    })
    expect(gaveUp.json()).toMatchObject({ resolution: 'failed' })
    // The cause of one is fixed; the other still fails after its replay, which is final.
    gateway.failing.delete(healed as string)
    const replay = await h.rt.app.inject({
      method: 'POST',
      url: '/v1/admin/dead-letters/replay',
      headers: admin,
      payload: { saleId }
    })
    expect(replay.json()).toEqual({
      replayed: [letterOf(healed)?.id, letterOf(doomed)?.id].sort(),
      skipped: [poison?.id]
    })
    await waitTerminal(h, ids)
    await h.rt.handoff.drain?.()
    const { rows } = await h.pool.query<{ id: string; status: string; failure_reason: string | null }>(
      'SELECT id, status, failure_reason FROM reservations WHERE id = ANY($1) ORDER BY id',
      [[healed, doomed, givenUp]]
    )
    const statusOf = (id: string | undefined) => rows.find((r) => r.id === id)
    expect(statusOf(healed)).toMatchObject({ status: 'confirmed' })
    expect(statusOf(doomed)?.failure_reason).toMatch(/^failed after a replay/)
    expect(statusOf(givenUp)).toMatchObject({ status: 'failed', failure_reason: 'given up by an operator' })
    const told = await h.pool.query(
      "SELECT 1 FROM outbox WHERE payload->>'id' = ANY($1) AND payload->>'status' = 'failed'",
      [[doomed, givenUp]]
    )
    expect(told.rowCount).toBe(2)
    expect(await expectPipelineInvariants(h, saleId, ids, gateway)).toEqual({ confirmed: 6, failed: 2 })
    expect(await h.inventory.counts(saleId)).toMatchObject({ available: 2, confirmed: 6 })
    expect((await list()).depth).toBe(1)

    const metrics = await h.rt.internal.inject({ method: 'GET', url: '/metrics' })
    expect(metrics.body).toMatch(/^firstcome_dlq_depth \d+/m)
    expect(metrics.body).toMatch(/^firstcome_consumer_lag\{group=".*booking-consumer"\} 0/m)
  })

  it('a failure that cannot succeed again (canRetry false) is dead-lettered after one attempt', async () => {
    const saleId = await h.createSale(seatedSale(1, 4))
    const plan = seatIds(1, 4).map((seatId, i) => ({ userId: `n${Math.floor(i / 2)}`, seatId }))
    const holds = await holdAll(h, saleId, plan)
    const [refused, retried] = holds.map((x) => reservationIdOf(x.holdId)) as [string, string]
    gateway.refusing.add(refused)
    gateway.failing.add(retried)
    try {
      const attempts = await confirmAll(h, saleId, holds)
      expect(attempts.every((a) => a.confirmStatus === 202)).toBe(true)
      const ids = attempts.map((a) => a.reservationId)
      await waitTerminal(
        h,
        ids.filter((id) => id !== refused && id !== retried)
      )
      await expect.poll(() => h.rt.deadLetters.depth(saleId), { timeout: 30_000 }).toBe(2)
      const items = await h.rt.deadLetters.list({ saleId, limit: 10 })
      const idOf = (e: DeadLetterEntry) =>
        (JSON.parse(Buffer.from(e.value, 'base64').toString()) as { reservationId?: string }).reservationId
      const letterOf = (rid: string) => items.find((e) => idOf(e) === rid)
      expect(letterOf(refused)).toMatchObject({ attempts: 1, replays: 0 })
      expect(letterOf(refused)?.reason).toMatch(/refuses this request for good/)
      expect(letterOf(retried)).toMatchObject({ attempts: 3, replays: 0 })
      expect(gateway.calls.get(refused)).toBe(1)
      expect(gateway.calls.get(retried)).toBe(3)
    } finally {
      gateway.refusing.delete(refused)
      gateway.failing.delete(retried)
    }
  })

  it('20,000 confirmations through the whole pipeline: every one terminal, DB confirmed == Redis sold', async () => {
    const saleId = await h.createSale(seatedSale(100, 200))
    const plan = seatIds(100, 200).map((seatId, i) => ({ userId: `big${Math.floor(i / 2)}`, seatId }))
    const t0 = performance.now()
    const holds = await holdAll(h, saleId, plan, 200)
    const t1 = performance.now()
    const attempts = await confirmAll(h, saleId, holds, 200)
    const t2 = performance.now()
    expect(attempts.filter((a) => a.confirmStatus !== 202).map((a) => a.confirmStatus)).toEqual([])
    const ids = attempts.map((a) => a.reservationId)
    await waitTerminal(h, ids, 120_000)
    const t3 = performance.now()
    await h.rt.handoff.drain?.()
    expect(await expectPipelineInvariants(h, saleId, ids, gateway)).toEqual({ confirmed: 20_000, failed: 0 })
    process.stderr.write(
      `[pipeline] 20,000 holds ${((t1 - t0) / 1000).toFixed(1)} s, confirms (202) ${((t2 - t1) / 1000).toFixed(1)} s, ` +
        `all terminal ${((t3 - t1) / 1000).toFixed(1)} s after the first confirm\n`
    )
  }, 240_000)
})
