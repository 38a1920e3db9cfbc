/**
 * Finished sessions free their admission slot: a buyer who reaches the per-user limit with claims
 * or confirmed holds, or who leaves (`DELETE /v1/events/:id/queue`), is out of `active` in the same
 * script, and the next buyer in line is admitted at the next tick. Stock that returns after the
 * queue stopped (an expired hold, a declined payment) reopens it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newChildId } from '../../../src/domain/ids.ts'
import { couponSale, createHarness, type Harness, seatedSale, tickOnce } from '../../support/harness.ts'

const GRACE_SEC = 30
let h: Harness

beforeAll(async () => {
  h = await createHarness({ FC_ADMISSION_TICK_MS: '200', FC_QUEUE_GRACE_SEC: String(GRACE_SEC) })
})
afterAll(async () => {
  await h?.close()
})

/** Sales here admit 10,000/s, so even two ticks a millisecond apart have credit: slots and stock are what limit them. */
const tick = (saleId: string) => tickOnce(h, saleId)

async function as(userId: string, method: 'GET' | 'POST' | 'DELETE', url: string, extra = {}) {
  return h.rt.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${await h.userToken(userId)}`, ...extra },
    ...(method === 'POST' ? { payload: {} } : {})
  })
}

async function joinAll(saleId: string, users: readonly string[]): Promise<void> {
  for (const u of users) expect((await h.rt.waitingRoom.room.join(u, saleId)).state).toBe('waiting')
}

async function accessOf(saleId: string, userId: string): Promise<string> {
  const view = await h.rt.waitingRoom.room.status(userId, saleId)
  if (view.state !== 'admitted' || !view.accessToken) throw new Error(`${userId} is ${view.state}`)
  return view.accessToken
}

async function queueStats(saleId: string) {
  const res = await h.rt.app.inject({
    url: `/v1/admin/events/${saleId}/stats`,
    headers: { authorization: `Bearer ${h.adminToken}` }
  })
  expect(res.statusCode).toBe(200)
  return (res.json() as { queue: Record<string, number | boolean> }).queue
}

/** Holds a seat straight through the inventory store; returns the hold id. */
async function holdSeat(saleId: string, userId: string, seatId: string): Promise<string> {
  const r = await h.inventory.holdSeat({
    saleId,
    userId,
    seatId,
    holdId: newChildId(saleId, 'h'),
    response: () => ({ statusCode: 201, body: {} })
  })
  if (!r.ok) throw new Error(`hold of ${seatId} by ${userId}: ${r.refusal}`)
  return r.value.holdId
}

function claim(saleId: string, userId: string) {
  return h.inventory.claim({
    saleId,
    userId,
    claimId: newChildId(saleId, 'c'),
    response: { statusCode: 202, body: {} }
  })
}

describe('a finished session frees its slot', () => {
  it('a claim that reaches the limit ends the admission; the next buyer is admitted at the next tick', async () => {
    const saleId = await h.createSale(
      couponSale(100, { perUserLimit: 1, admission: { ratePerSec: 10_000, maxActive: 2, accessTtlSec: 600 } })
    )
    await joinAll(saleId, ['ann', 'ben', 'cat'])
    expect(await tick(saleId)).toEqual(['ann', 'ben'])
    expect(await tick(saleId)).toEqual([])

    const access = await accessOf(saleId, 'ann')
    const res = await h.rt.app.inject({
      method: 'POST',
      url: `/v1/events/${saleId}/claims`,
      headers: {
        authorization: `Bearer ${await h.userToken('ann')}`,
        'x-access-token': access,
        'idempotency-key': 'ann-1'
      }
    })
    expect(res.statusCode, res.body).toBe(202)
    expect(await h.inventory.activeCount(saleId)).toBe(1)
    expect(await queueStats(saleId)).toMatchObject({ active: 1, admitted: 2, finished: 1, left: 0 })
    // Her turn is over: the poll says so, and a new join starts at the back.
    expect((await h.rt.waitingRoom.room.status('ann', saleId)).state).toBe('expired')

    expect(await tick(saleId)).toEqual(['cat'])
    const again = await h.rt.waitingRoom.room.join('ann', saleId)
    expect(again).toMatchObject({ state: 'waiting', ticket: 4 })
  })

  it('confirming a hold at the limit ends the admission, below the limit it does not', async () => {
    const saleId = await h.createSale(
      seatedSale(1, 10, {
        perUserLimit: 2,
        admission: { ratePerSec: 10_000, maxActive: 1, accessTtlSec: 600 }
      })
    )
    await joinAll(saleId, ['dan', 'eva'])
    expect(await tick(saleId)).toEqual(['dan'])
    const access = await accessOf(saleId, 'dan')
    const buy = async (seatId: string) => {
      const hold = await h.rt.app.inject({
        method: 'POST',
        url: `/v1/events/${saleId}/holds`,
        headers: {
          authorization: `Bearer ${await h.userToken('dan')}`,
          'x-access-token': access,
          'idempotency-key': `h-${seatId}`
        },
        payload: { seatId }
      })
      expect(hold.statusCode, hold.body).toBe(201)
      const holdId = (hold.json() as { holdId: string }).holdId
      const confirm = await h.rt.app.inject({
        method: 'POST',
        url: `/v1/holds/${holdId}/confirm`,
        headers: {
          authorization: `Bearer ${await h.userToken('dan')}`,
          'x-access-token': access,
          'idempotency-key': `p-${seatId}`
        },
        payload: { payment: { simulate: 'approve' } }
      })
      expect(confirm.statusCode, confirm.body).toBe(202)
    }
    await buy('A-1-1')
    // One of two: still shopping, the slot stays his.
    expect(await tick(saleId)).toEqual([])
    expect((await h.rt.waitingRoom.room.status('dan', saleId)).state).toBe('admitted')
    await buy('A-1-2')
    expect(await h.inventory.activeCount(saleId)).toBe(0)
    expect(await tick(saleId)).toEqual(['eva'])
    expect(await queueStats(saleId)).toMatchObject({ finished: 1, active: 1 })
    // A third seat is refused: his admission is over.
    const third = await h.rt.app.inject({
      method: 'POST',
      url: `/v1/events/${saleId}/holds`,
      headers: {
        authorization: `Bearer ${await h.userToken('dan')}`,
        'x-access-token': access,
        'idempotency-key': 'h-third'
      },
      payload: { seatId: 'A-1-3' }
    })
    expect(third.json()).toMatchObject({ code: 'FC_NOT_ADMITTED' })
  })

  it('a claim whose hand-off fails gives the admission back with the unit', async () => {
    const saleId = await h.createSale(
      couponSale(10, { perUserLimit: 1, admission: { ratePerSec: 10_000, maxActive: 1, accessTtlSec: 600 } })
    )
    await joinAll(saleId, ['nia', 'oli'])
    expect(await tick(saleId)).toEqual(['nia'])
    const claimId = newChildId(saleId, 'c')
    const r = await h.inventory.claim({
      saleId,
      userId: 'nia',
      claimId,
      response: { statusCode: 202, body: {} }
    })
    expect(r.ok).toBe(true)
    expect(await queueStats(saleId)).toMatchObject({ finished: 1, active: 0 })
    expect((await h.inventory.revertClaim({ saleId, userId: 'nia', claimId })).ok).toBe(true)
    // As if the claim never happened: still admitted, the slot still hers, and she can claim again.
    expect(await queueStats(saleId)).toMatchObject({ finished: 0, active: 1 })
    expect((await h.rt.waitingRoom.room.status('nia', saleId)).state).toBe('admitted')
    expect(await tick(saleId)).toEqual([])
    expect((await claim(saleId, 'nia')).ok).toBe(true)
    expect(await tick(saleId)).toEqual(['oli'])
  })

  it('a buyer at the limit through a hold is finished by the next tick that is short of slots', async () => {
    const saleId = await h.createSale(
      seatedSale(1, 5, {
        perUserLimit: 1,
        admission: { ratePerSec: 10_000, maxActive: 1, accessTtlSec: 600 }
      })
    )
    await joinAll(saleId, ['lea', 'max'])
    expect(await tick(saleId)).toEqual(['lea'])
    const holdId = await holdSeat(saleId, 'lea', 'A-1-1')
    // The same tick ends her admission and gives the slot to the next buyer.
    expect(await tick(saleId)).toEqual(['max'])
    expect(await queueStats(saleId)).toMatchObject({ finished: 1, active: 1 })
    expect((await h.rt.waitingRoom.room.status('lea', saleId)).state).toBe('expired')
    // Paying needs no live admission.
    const paid = await h.inventory.toPending({
      saleId,
      userId: 'lea',
      holdId,
      reservationId: holdId.replace('.h', '.r'),
      response: { statusCode: 202, body: {} }
    })
    expect(paid.ok).toBe(true)
    expect(await queueStats(saleId)).toMatchObject({ finished: 1 })
  })

  it('a marked buyer whose hold expired keeps the slot; one admitted again already at the limit is finished', async () => {
    const saleId = await h.createSale(
      seatedSale(1, 5, {
        perUserLimit: 1,
        admission: { ratePerSec: 10_000, maxActive: 1, accessTtlSec: 600 }
      })
    )
    const k = h.keys.sale(saleId)
    const hold = (userId: string, seatId: string) => holdSeat(saleId, userId, seatId)
    await joinAll(saleId, ['pia', 'quin'])
    expect(await tick(saleId)).toEqual(['pia'])

    // pia reaches the limit with a hold, which then expires: below the limit again, she keeps
    // her admission and the mark is dropped.
    const expiring = await hold('pia', 'A-1-1')
    expect(await h.redis.sMembers(k.atLimit)).toEqual(['pia'])
    const unit = JSON.parse((await h.redis.hGet(k.units, expiring)) ?? '{}') as Record<string, unknown>
    await h.redis.hSet(k.units, expiring, JSON.stringify({ ...unit, x: 1 }))
    await h.redis.zAdd(k.expiry, { score: 1, value: expiring })
    expect(await h.inventory.expireDue(saleId, 10)).toBe(1)
    expect(await tick(saleId)).toEqual([])
    expect(await h.redis.sCard(k.atLimit)).toBe(0)
    expect((await h.rt.waitingRoom.room.status('pia', saleId)).state).toBe('admitted')

    // Her second hold brings her to the limit again: the next tick ends her admission.
    const kept = await hold('pia', 'A-1-2')
    expect(await tick(saleId)).toEqual(['quin'])
    expect((await h.rt.waitingRoom.room.status('pia', saleId)).state).toBe('expired')

    // She joins again and, once quin leaves, is let in while still holding her seat: already at
    // the limit, she is finished by the next tick short of slots, which lets rui in.
    expect((await h.rt.waitingRoom.room.join('pia', saleId)).state).toBe('waiting')
    expect((await h.rt.waitingRoom.store.leave(saleId, 'quin')).outcome).toBe('finished')
    expect(await tick(saleId)).toEqual(['pia'])
    expect((await h.rt.waitingRoom.room.join('rui', saleId)).state).toBe('waiting')
    expect(await tick(saleId)).toEqual(['rui'])
    expect((await h.rt.waitingRoom.room.status('pia', saleId)).state).toBe('expired')
    expect(await h.inventory.getHold(saleId, kept)).toMatchObject({ state: 'held' })
    expect(await queueStats(saleId)).toMatchObject({ finished: 3, active: 1 })
  })

  it('a re-warm from PostgreSQL marks the buyers at the limit again', async () => {
    const saleId = await h.createSale(
      seatedSale(1, 5, {
        perUserLimit: 1,
        admission: { ratePerSec: 10_000, maxActive: 1, accessTtlSec: 600 }
      })
    )
    const k = h.keys.sale(saleId)
    await joinAll(saleId, ['sol', 'tom'])
    expect(await tick(saleId)).toEqual(['sol'])
    await holdSeat(saleId, 'sol', 'A-1-3')
    // The mark is gone (as after Redis lost it); the re-warm rebuilds it with the per-user counts.
    await h.redis.del(k.atLimit)
    await h.rt.drainLedger()
    const image = await h.rt.results.audit.image(saleId)
    expect(await h.rt.sales.rewarmIfUnchanged(saleId, image.ledgerId)).toBe(true)
    expect(await h.redis.sMembers(k.atLimit)).toEqual(['sol'])
    expect(await tick(saleId)).toEqual(['tom'])
  })

  it('DELETE /v1/events/:id/queue: a waiting buyer gives the place up, an admitted one the slot', async () => {
    const saleId = await h.createSale(
      couponSale(100, { perUserLimit: 1, admission: { ratePerSec: 10_000, maxActive: 1, accessTtlSec: 600 } })
    )
    const url = `/v1/events/${saleId}/queue`
    expect((await as('never', 'DELETE', url)).json()).toMatchObject({ code: 'FC_NOT_FOUND' })
    await joinAll(saleId, ['fay', 'gus', 'hal', 'ivy'])
    expect(await tick(saleId)).toEqual(['fay'])

    // gus (waiting) leaves: his place is skipped, his poll says expired, leaving again is a no-op.
    const left = await as('gus', 'DELETE', url)
    expect(left.statusCode, left.body).toBe(200)
    expect(left.json()).toEqual({
      state: 'expired',
      position: null,
      etaSec: null,
      ticket: 2,
      preQueue: false
    })
    expect((await as('gus', 'DELETE', url)).json()).toMatchObject({ state: 'expired', ticket: 2 })
    expect((await as('gus', 'GET', url)).json()).toMatchObject({ state: 'expired', ticket: 2 })
    expect((await as('hal', 'GET', url)).json()).toMatchObject({ state: 'waiting', position: 1 })

    // fay (admitted) is done: the slot is free, hal is next (gus skipped).
    expect((await as('fay', 'DELETE', url)).json()).toMatchObject({ state: 'expired', ticket: 1 })
    expect(await h.inventory.activeCount(saleId)).toBe(0)
    expect((await as('fay', 'GET', url)).json()).toMatchObject({ state: 'expired' })
    expect(await tick(saleId)).toEqual(['hal'])
    expect(await queueStats(saleId)).toMatchObject({ finished: 1, left: 1, active: 1, waiting: 1 })

    // Coming back means the back of the line with a new ticket.
    const back = await as('gus', 'POST', url)
    expect(back.json()).toMatchObject({ state: 'waiting', ticket: 5, position: 2 })
  })

  it('a pre-queued buyer can leave before opening', async () => {
    const saleId = await h.createSale(
      couponSale(10, { opensAt: new Date(Date.now() + 60_000).toISOString() })
    )
    const url = `/v1/events/${saleId}/queue`
    expect((await as('jon', 'POST', url)).json()).toMatchObject({ preQueue: true })
    expect((await h.rt.waitingRoom.store.counts(saleId)).preQueue).toBe(1)
    expect((await as('jon', 'DELETE', url)).json()).toMatchObject({ state: 'expired', ticket: null })
    expect(await h.rt.waitingRoom.store.counts(saleId)).toMatchObject({ preQueue: 0, left: 1 })
    expect((await as('jon', 'GET', url)).statusCode).toBe(404)
  })

  it('exact counts when 300 admitted buyers claim and leave at once and 100 waiting ones leave', async () => {
    const saleId = await h.createSale(
      couponSale(500, {
        perUserLimit: 1,
        admission: { ratePerSec: 10_000, maxActive: 300, accessTtlSec: 600 }
      })
    )
    const joined = await Promise.all(
      Array.from({ length: 600 }, async (_, i) => ({
        user: `x${i}`,
        ticket: (await h.rt.waitingRoom.room.join(`x${i}`, saleId)).ticket ?? 0
      }))
    )
    // In ticket order (concurrent joins get tickets in arrival order).
    const users = joined.sort((a, b) => a.ticket - b.ticket).map((j) => j.user)
    const first = await tick(saleId)
    expect(first).toEqual(users.slice(0, 300))

    // Each admitted buyer claims and leaves at the same instant; 100 of those waiting leave too.
    const store = h.rt.waitingRoom.store
    const outcomes = await Promise.all([
      ...first.flatMap((u) => [claim(saleId, u), store.leave(saleId, u)]),
      ...users.slice(300, 400).map((u) => store.leave(saleId, u))
    ])
    const claims = outcomes.filter((o) => 'ok' in o)
    const leaves = outcomes.filter((o) => 'outcome' in o).map((o) => o.outcome)
    const accepted = claims.filter((c) => c.ok).length
    // Whichever came first ended the session; the other found it over: one finish per buyer.
    expect(accepted + leaves.filter((o) => o === 'finished').length).toBe(300)
    expect(leaves.filter((o) => o === 'left')).toHaveLength(100)
    expect(claims.filter((c) => !c.ok).every((c) => !c.ok && c.refusal === 'not_admitted')).toBe(true)
    expect(await h.inventory.activeCount(saleId)).toBe(0)
    expect(await store.counts(saleId)).toMatchObject({ finished: 300, left: 100, waiting: 200 })
    expect((await h.inventory.counts(saleId)).available).toBe(500 - accepted)

    // The next tick admits exactly the 200 still waiting, in ticket order, the leavers skipped.
    expect(await tick(saleId)).toEqual(users.slice(400))
    expect(await h.inventory.activeCount(saleId)).toBe(200)
    expect(await queueStats(saleId)).toMatchObject({ admitted: 500, finished: 300, left: 100, waiting: 0 })
  })
})

describe('stock that comes back reopens the queue', () => {
  it('an expired hold and a declined payment each let the next buyer in after admission stopped', async () => {
    const saleId = await h.createSale(
      seatedSale(1, 2, {
        perUserLimit: 2,
        admission: { ratePerSec: 10_000, maxActive: 100, accessTtlSec: 600 }
      })
    )
    const inv = h.inventory
    const k = h.keys.sale(saleId)
    const hold = (userId: string, seatId: string) => holdSeat(saleId, userId, seatId)
    const pay = async (userId: string, holdId: string) => {
      const r = await inv.toPending({
        saleId,
        userId,
        holdId,
        reservationId: holdId.replace('.h', '.r'),
        response: { statusCode: 202, body: {} }
      })
      expect(r.ok).toBe(true)
    }
    const users = ['k1', 'k2', 'k3', 'k4', 'k5']
    await joinAll(saleId, users)
    // Two seats: two buyers, however many wait.
    expect(await tick(saleId)).toEqual(['k1', 'k2'])
    const h1 = await hold('k1', 'A-1-1')
    const h2 = await hold('k2', 'A-1-2')
    // Every seat held: nobody is let in to find nothing, but the queue is not closed either.
    expect(await tick(saleId)).toEqual([])
    expect((await h.rt.waitingRoom.store.counts(saleId)).closed).toBe(false)

    // k1 pays; k2's hold expires and the sweeper returns the seat.
    await pay('k1', h1)
    const unit = JSON.parse((await h.redis.hGet(k.units, h2)) ?? '{}') as Record<string, unknown>
    await h.redis.hSet(k.units, h2, JSON.stringify({ ...unit, x: 1 }))
    await h.redis.zAdd(k.expiry, { score: 1, value: h2 })
    expect(await inv.expireDue(saleId, 10)).toBe(1)
    // k2 is still admitted and has nothing now: the seat is kept for k2 during the grace period.
    expect(await tick(saleId)).toEqual([])
    // Once k2's admission is older than the grace period, the seat goes to the queue.
    const admittedLongAgo = Date.now() + 600_000 - GRACE_SEC * 1000 - 1000
    await h.redis.zAdd(k.active, { score: admittedLongAgo, value: 'k2' })
    expect(await tick(saleId)).toEqual(['k3'])

    // k3 takes the seat, pays and is done: nothing left to sell, the queue closes.
    const h3 = await hold('k3', 'A-1-2')
    await pay('k3', h3)
    expect((await h.rt.waitingRoom.store.leave(saleId, 'k3')).outcome).toBe('finished')
    expect(await tick(saleId)).toEqual([])
    expect((await h.rt.waitingRoom.store.counts(saleId)).closed).toBe(true)
    expect((await h.rt.waitingRoom.room.status('k4', saleId)).state).toBe('closed')

    // k3's payment is declined: the seat returns, the queue reopens and k4 is let in.
    const declined = await inv.pendingToReleased({ saleId, holdId: h3, reason: 'declined' })
    expect(declined.ok).toBe(true)
    expect(await tick(saleId)).toEqual(['k4'])
    expect((await h.rt.waitingRoom.store.counts(saleId)).closed).toBe(false)
    expect((await h.rt.waitingRoom.room.status('k5', saleId)).state).toBe('waiting')
  })
})
