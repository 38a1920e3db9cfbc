import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buyerRequest, couponSale, createHarness, type Harness, tickOnce } from '../../support/harness.ts'
import { until } from '../../support/wait.ts'

let h: Harness

beforeAll(async () => {
  h = await createHarness({ FC_ADMISSION_TICK_MS: '200', FC_QUEUE_GRACE_SEC: '60' })
})
afterAll(async () => {
  await h?.close()
})

/** Every key of the sale's waiting room with its size: what a refused join must leave as it was. */
async function queueFootprint(saleId: string): Promise<Record<string, number>> {
  const q = h.keys.queue(saleId)
  return {
    order: await h.redis.zCard(q.order),
    seen: await h.redis.zCard(q.seen),
    tickets: await h.redis.hLen(q.tickets),
    joined: await h.redis.hLen(q.joined),
    pre: await h.redis.sCard(q.pre),
    admitted: await h.redis.hLen(q.admitted),
    active: await h.redis.zCard(h.keys.sale(saleId).active),
    keys: (await h.redis.keys(`${h.keys.base(saleId)}:*`)).length
  }
}

async function join(saleId: string, userId: string) {
  return buyerRequest(h, 'POST', `/v1/events/${saleId}/queue`, userId)
}

async function createRaw(body: Record<string, unknown>) {
  const res = await h.rt.app.inject({
    method: 'POST',
    url: '/v1/admin/events',
    headers: { authorization: `Bearer ${h.adminToken}` },
    payload: body
  })
  return { status: res.statusCode, body: res.json() as Record<string, unknown> }
}

const at = (deltaMs: number) => new Date(Date.now() + deltaMs).toISOString()

describe('the timeline of a new sale', () => {
  it('is answered back, with the phase', async () => {
    const res = await createRaw(
      couponSale(10, {
        preQueueOpensAt: at(60_000),
        opensAt: at(120_000),
        closesAt: at(180_000),
        maxWaiting: 5
      })
    )
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ phase: 'scheduled', maxWaiting: 5 })
    expect(typeof res.body.preQueueOpensAt).toBe('string')
    expect(typeof res.body.closesAt).toBe('string')
    const plain = await createRaw(couponSale(10))
    expect(plain.body).toMatchObject({
      phase: 'open',
      preQueueOpensAt: null,
      closesAt: null,
      maxWaiting: null
    })
  })

  it.each([
    ['preQueueOpensAt without opensAt', { preQueueOpensAt: at(60_000) }],
    ['preQueueOpensAt not before opensAt', { preQueueOpensAt: at(60_000), opensAt: at(60_000) }],
    ['closesAt in the past', { closesAt: at(-1000) }],
    ['closesAt not after opensAt', { opensAt: at(60_000), closesAt: at(30_000) }],
    ['maxWaiting 0', { maxWaiting: 0 }],
    ['maxWaiting not an integer', { maxWaiting: 1.5 }]
  ])('refuses %s with FC_VALIDATION', async (_what, extra) => {
    const res = await createRaw(couponSale(10, extra))
    expect(res.status).toBe(400)
    expect(res.body.code).toBe('FC_VALIDATION')
  })
})

describe('preQueueOpensAt', () => {
  it('refuses joins before it, changing nothing; pre-queues from it; shuffles them at opening', async () => {
    const preQueueOpensAt = Date.now() + 1500
    const opensAt = Date.now() + 3500
    const saleId = await h.createSale(
      couponSale(1000, {
        preQueueOpensAt: new Date(preQueueOpensAt).toISOString(),
        opensAt: new Date(opensAt).toISOString(),
        admission: { ratePerSec: 1000, maxActive: 1000, accessTtlSec: 600 }
      })
    )
    const before = await queueFootprint(saleId)
    const refused = await join(saleId, 'eager')
    expect(refused.status).toBe(409)
    expect(refused.body.code).toBe('FC_QUEUE_NOT_OPEN')
    expect(refused.body.message).toContain(new Date(preQueueOpensAt).toISOString())
    expect(await queueFootprint(saleId)).toEqual(before)
    const pub = await buyerRequest(h, 'GET', `/v1/events/${saleId}`, 'eager')
    expect(pub.body.phase).toBe('scheduled')

    await until(() => Date.now() >= preQueueOpensAt)
    const early = await Promise.all(['p1', 'p2', 'p3', 'eager'].map((u) => join(saleId, u)))
    expect(early.map((r) => [r.status, r.body.preQueue])).toEqual(Array(4).fill([200, true]))
    expect((await buyerRequest(h, 'GET', `/v1/events/${saleId}`, 'eager')).body.phase).toBe('pre_queue')

    await until(() => Date.now() >= opensAt)
    const late = await join(saleId, 'late')
    expect(late.body.ticket).toBe(5)
    await tickOnce(h, saleId)
    const tickets = await Promise.all(
      ['p1', 'p2', 'p3', 'eager'].map(async (u) => (await h.rt.waitingRoom.room.status(u, saleId)).ticket)
    )
    expect([...tickets].sort()).toEqual([1, 2, 3, 4])
  })
})

describe('maxWaiting', () => {
  it('300 parallel joins at maxWaiting 100: exactly 100 places, 200 FC_QUEUE_FULL, nothing else written', async () => {
    const saleId = await h.createSale(couponSale(1000, { maxWaiting: 100 }))
    const users = Array.from({ length: 300 }, (_, i) => `cap${i}`)
    const answers = await Promise.all(users.map((u) => join(saleId, u)))
    const placed = answers.filter((a) => a.status === 200)
    const full = answers.filter((a) => a.status === 409 && a.body.code === 'FC_QUEUE_FULL')
    expect(placed).toHaveLength(100)
    expect(full).toHaveLength(200)
    expect(new Set(placed.map((a) => a.body.ticket)).size).toBe(100)
    expect(placed.map((a) => a.body.ticket as number).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 100 }, (_, i) => i + 1)
    )
    const footprint = await queueFootprint(saleId)
    expect(footprint).toMatchObject({ order: 100, seen: 100, tickets: 100, joined: 100, pre: 0 })

    // Places already held are kept (joining again answers the same), refused ones stay refused.
    const holder = users[answers.findIndex((a) => a.status === 200)]!
    const again = await join(saleId, holder)
    expect(again.status).toBe(200)
    const refusedUser = users[answers.findIndex((a) => a.status === 409)]!
    expect((await join(saleId, refusedUser)).body.code).toBe('FC_QUEUE_FULL')
    expect(await queueFootprint(saleId)).toEqual(footprint)

    // Once someone leaves, one new place is free.
    expect((await buyerRequest(h, 'DELETE', `/v1/events/${saleId}/queue`, holder)).status).toBe(200)
    const next = await Promise.all([join(saleId, 'n1'), join(saleId, 'n2')])
    expect(next.map((r) => r.status).sort()).toEqual([200, 409])
  })

  it('counts the pre-queue', async () => {
    const saleId = await h.createSale(couponSale(1000, { opensAt: at(60_000), maxWaiting: 3 }))
    const answers = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((u) => join(saleId, u)))
    expect(answers.filter((a) => a.status === 200 && a.body.preQueue === true)).toHaveLength(3)
    expect(answers.filter((a) => a.body.code === 'FC_QUEUE_FULL')).toHaveLength(2)
    expect((await h.rt.waitingRoom.room.counts(saleId)).preQueue).toBe(3)
  })
})

describe('safety-net mode', () => {
  it('passes arrivals through under maxActive, queues the rest in order, dissolves once drained', async () => {
    const maxActive = 50
    const saleId = await h.createSale(
      couponSale(10_000, { admission: { ratePerSec: 10_000, maxActive, accessTtlSec: 600, safetyNet: true } })
    )
    const room = h.rt.waitingRoom.room
    expect((await h.rt.sales.stats(saleId)).phase).toBe('open')

    const users = Array.from({ length: 300 }, (_, i) => `sn${i}`)
    const answers = await Promise.all(users.map((u) => join(saleId, u)))
    expect(answers.every((a) => a.status === 200)).toBe(true)
    const passed = answers.filter((a) => a.body.state === 'admitted')
    const queued = answers.filter((a) => a.body.state === 'waiting')
    expect(passed).toHaveLength(maxActive)
    expect(passed.every((a) => typeof a.body.accessToken === 'string')).toBe(true)
    expect(queued).toHaveLength(300 - maxActive)
    // Every arrival not let through holds a place: distinct tickets, positions 1..250.
    expect(new Set(queued.map((a) => a.body.ticket)).size).toBe(queued.length)
    const counts = await room.counts(saleId)
    expect(counts.waiting).toBe(300 - maxActive)
    expect(await h.redis.zCard(h.keys.sale(saleId).active)).toBe(maxActive)
    expect((await h.rt.sales.stats(saleId)).phase).toBe('queueing')
    const positions = await Promise.all(
      users
        .filter((_, i) => answers[i]!.body.state === 'waiting')
        .map(async (u) => (await room.status(u, saleId)).position)
    )
    expect([...positions].sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(
      Array.from({ length: queued.length }, (_, i) => i + 1)
    )

    // A second burst while the queue stands: nobody passes, everyone queues behind.
    const second = await Promise.all(Array.from({ length: 50 }, (_, i) => join(saleId, `late${i}`)))
    expect(second.every((a) => a.status === 200 && a.body.state === 'waiting')).toBe(true)

    // Drain: admitted buyers finish (leave), the ticks admit the queue in order.
    const done = async (ids: readonly string[]) => {
      for (const u of ids) await room.leave(u, saleId)
    }
    await done(users.filter((_, i) => answers[i]!.body.state === 'admitted'))
    let admittedByTicks = 0
    await until(async () => {
      const admitted = await tickOnce(h, saleId)
      admittedByTicks += admitted.length
      expect(admitted.length).toBeLessThanOrEqual(maxActive)
      await done(admitted)
      return (await room.counts(saleId)).waiting === 0
    })
    expect(admittedByTicks).toBe(300 - maxActive + 50)
    expect((await h.rt.sales.stats(saleId)).phase).toBe('open')

    // Dissolved: the next arrivals pass straight through again, up to maxActive.
    const after = await Promise.all(
      Array.from({ length: maxActive + 5 }, (_, i) => join(saleId, `after${i}`))
    )
    expect(after.filter((a) => a.body.state === 'admitted')).toHaveLength(maxActive)
    expect(after.filter((a) => a.body.state === 'waiting')).toHaveLength(5)
    expect((await h.rt.sales.stats(saleId)).queue.passedThrough).toBe(2 * maxActive)
  })

  it('lets nobody through before the opening, or while paused', async () => {
    const saleId = await h.createSale(
      couponSale(100, {
        opensAt: at(60_000),
        admission: { ratePerSec: 100, maxActive: 100, accessTtlSec: 600, safetyNet: true }
      })
    )
    expect((await join(saleId, 'early')).body).toMatchObject({ state: 'waiting', preQueue: true })
    const open = await h.createSale(
      couponSale(100, { admission: { ratePerSec: 100, maxActive: 100, accessTtlSec: 600, safetyNet: true } })
    )
    await h.rt.sales.updateAdmission(open, { paused: true })
    await until(async () => (await h.rt.waitingRoom.room.sale(open)).paused)
    expect((await join(open, 'p')).body.state).toBe('waiting')
  })
})
