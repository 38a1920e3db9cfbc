import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { drawRanks } from '../../../src/domain/draw-verification.ts'
import { newChildId } from '../../../src/domain/ids.ts'
import type { AdmissionTickResult } from '../../../src/domain/waiting-room-ports.ts'
import { AdmissionScheduler } from '../../../src/workers/admission-scheduler.ts'
import { couponSale, createHarness, type Harness } from '../../support/harness.ts'
import { SseClient } from '../../support/sse.ts'
import { until as waitUntil } from '../../support/wait.ts'

const until = (cond: () => boolean | Promise<boolean>, timeoutMs = 30_000) => waitUntil(cond, timeoutMs, 25)

const TICK_MS = 200
let h: Harness
let base: string

beforeAll(async () => {
  h = await createHarness({ FC_ADMISSION_TICK_MS: String(TICK_MS), FC_QUEUE_GRACE_SEC: '5' })
  base = await h.rt.app.listen({ host: '127.0.0.1', port: 0 })
})
afterAll(async () => {
  await h?.close()
})

function scheduler(saleId: string, onTick?: (r: AdmissionTickResult) => void): AdmissionScheduler {
  return new AdmissionScheduler({
    room: h.rt.waitingRoom.room,
    owner: `test-${Math.random()}`,
    sales: async () => [saleId],
    onError: (err) => {
      throw err
    },
    ...(onTick ? { onTick: (_s: string, r: AdmissionTickResult) => onTick(r) } : {})
  })
}

describe('stock-aware closing', () => {
  it('1,000 coupons, 5,000 waiting: admits no more than stock, closes when it is gone, tells everyone', async () => {
    const saleId = await h.createSale(
      couponSale(1000, {
        perUserLimit: 1,
        admission: { ratePerSec: 5000, maxActive: 100_000, accessTtlSec: 600 }
      })
    )
    const room = h.rt.waitingRoom.room
    const users = Array.from({ length: 5000 }, (_, i) => `s${i}`)
    for (let i = 0; i < users.length; i += 1000) {
      await Promise.all(users.slice(i, i + 1000).map((u) => room.join(u, saleId)))
    }
    // A sample of waiting buyers at the back watches the stream.
    const sample = users.slice(4900)
    const streams = await Promise.all(
      sample.map(
        async (u) =>
          new SseClient(`${base}/v1/events/${saleId}/queue/stream`, {
            headers: { authorization: `Bearer ${await h.userToken(u)}` }
          })
      )
    )
    await Promise.all(streams.map((s) => s.waitFor((e) => e.event === 'position')))

    // Admitted buyers claim at once, as a crowd would.
    let admittedTotal = 0
    let claims: Promise<unknown>[] = []
    const s = scheduler(saleId, (r) => {
      if (r.kind !== 'ticked') return
      admittedTotal += r.admitted.length
      claims.push(
        ...r.admitted.map((u) =>
          h.inventory.claim({
            saleId,
            userId: u,
            claimId: newChildId(saleId, 'c'),
            response: { statusCode: 202, body: {} }
          })
        )
      )
    })
    s.start()
    await until(async () => (await h.rt.waitingRoom.store.counts(saleId)).closed)
    await s.stop()
    await Promise.all(claims)
    claims = []
    expect(admittedTotal).toBe(1000)
    expect((await h.inventory.counts(saleId)).available).toBe(0)

    await Promise.all(streams.map((x) => x.waitFor((e) => e.event === 'closed')))
    for (const x of streams) x.close()
    const polled = await Promise.all(users.slice(1000).map((u) => room.status(u, saleId)))
    expect(polled.every((p) => p.state === 'closed')).toBe(true)
    const stats = (
      await h.rt.app.inject({
        url: `/v1/admin/events/${saleId}/stats`,
        headers: { authorization: `Bearer ${h.adminToken}` }
      })
    ).json() as { queue: Record<string, unknown> }
    expect(stats.queue).toMatchObject({ waiting: 4000, admitted: 1000, closed: true, frontier: 1000 })
  })
})

describe('liveness', () => {
  it('a silent buyer loses the place after the grace period; one that re-joins or beats keeps it', async () => {
    const saleId = await h.createSale(
      couponSale(100, { admission: { ratePerSec: 100, maxActive: 100, accessTtlSec: 600 } })
    )
    const room = h.rt.waitingRoom.room
    const silent = await room.join('silent', saleId)
    const rejoin = await room.join('rejoin', saleId)
    await room.join('beats', saleId)
    await room.join('behind', saleId)
    const started = Date.now()
    // Past the 5 s grace period, with signs of life from two of the three in between.
    while (Date.now() - started < 6000) {
      await new Promise((r) => setTimeout(r, 1500))
      expect((await room.join('rejoin', saleId)).ticket).toBe(rejoin.ticket)
      await h.rt.app.inject({
        method: 'POST',
        url: `/v1/events/${saleId}/queue/heartbeat`,
        headers: { authorization: `Bearer ${await h.userToken('beats')}` }
      })
      await room.status('behind', saleId)
    }
    const s = scheduler(saleId)
    await s.runOnce()
    await s.stop()
    expect((await room.status('silent', saleId)).state).toBe('expired')
    expect((await room.status('rejoin', saleId)).state).toBe('admitted')
    expect((await room.status('beats', saleId)).state).toBe('admitted')
    expect((await room.status('behind', saleId)).state).toBe('admitted')
    expect((await h.rt.waitingRoom.room.counts(saleId)).abandoned).toBe(1)
    // Coming back after losing the place means the back of the queue, with a new ticket.
    const back = await room.join('silent', saleId)
    expect(back.state).toBe('waiting')
    expect(back.ticket).toBeGreaterThan((silent.ticket ?? 0) + 3)
  })
})

describe('pre-queue', () => {
  it('orders the pre-queue by the committed seed at opening; later arrivals follow in order', async () => {
    const opensAt = new Date(Date.now() + 8000)
    const saleId = await h.createSale(
      couponSale(10_000, {
        opensAt: opensAt.toISOString(),
        admission: { ratePerSec: 10_000, maxActive: 100_000, accessTtlSec: 600 }
      })
    )
    const room = h.rt.waitingRoom.room
    const early = Array.from({ length: 300 }, (_, i) => `early${i}`)
    const joined = await Promise.all(early.map((u) => room.join(u, saleId)))
    expect(joined.every((j) => j.state === 'waiting' && j.preQueue && j.ticket === null)).toBe(true)
    const before = await room.fairness(saleId)
    expect(before.seed).toBeNull()
    expect(before.seedHash).toMatch(/^[0-9a-f]{64}$/)

    await until(() => Date.now() >= opensAt.getTime())
    const late = await room.join('late1', saleId)
    expect(late.ticket).toBe(301)
    const s = scheduler(saleId)
    await s.runOnce()
    await s.stop()

    const after = await room.fairness(saleId)
    expect(after.seedHash).toBe(before.seedHash)
    expect(createHash('sha256').update(after.seed!).digest('hex')).toBe(before.seedHash)
    // Ranks are drawn over the buyers' per-sale entrant ids, whatever order the input came in.
    const draw = h.rt.waitingRoom.draw
    const ids = await Promise.all(early.map((u) => draw.entrantIdOf(saleId, u)))
    const ranks = await drawRanks(after.seed!, ids)
    expect(await drawRanks(after.seed!, [...ids].reverse())).toEqual(ranks)
    const expected = early
      .map((u, i) => ({ u, r: ranks.get(ids[i]!)! }))
      .sort((a, b) => a.r - b.r)
      .map((e) => e.u)
    const tickets = await Promise.all(expected.map(async (u) => (await room.status(u, saleId)).ticket))
    expect(tickets).toEqual(Array.from({ length: 300 }, (_, i) => i + 1))
    expect((await room.status('late1', saleId)).state).toBe('admitted')
  })
})
