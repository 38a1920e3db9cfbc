import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { couponSale, createHarness, type Harness, seatedSale } from '../../support/harness.ts'

let h: Harness

beforeAll(async () => {
  h = await createHarness()
})
afterAll(async () => {
  await h?.close()
})

async function post(
  url: string,
  userId: string,
  headers: Record<string, string>,
  payload?: Record<string, unknown>
) {
  return h.rt.app.inject({
    method: 'POST',
    url,
    headers: { authorization: `Bearer ${await h.userToken(userId)}`, ...headers },
    ...(payload === undefined ? {} : { payload })
  })
}

describe('holds under contention', () => {
  it('6,000 concurrent attempts by 2,000 users on 500 seats: no seat twice, nobody above 2, no 5xx', async () => {
    const saleId = await h.createSale(seatedSale(10, 50, { perUserLimit: 2 }))
    const users = Array.from({ length: 2000 }, (_, i) => `buyer-${i}`)
    const access = await h.admit(saleId, users)
    await Promise.all(users.map((u) => h.userToken(u)))
    const seatIds = Array.from({ length: 500 }, (_, i) => `A-${Math.floor(i / 50) + 1}-${(i % 50) + 1}`)

    const attempts = users.flatMap((u, i) =>
      [0, 1, 2].map((k) => ({ user: u, seat: seatIds[(i * 7 + k * 131) % 500]!, key: `${u}-${k}` }))
    )
    const responses = await Promise.all(
      attempts.map(async (a) => {
        const res = await post(
          `/v1/events/${saleId}/holds`,
          a.user,
          { 'idempotency-key': a.key, 'x-access-token': access.get(a.user)! },
          { seatId: a.seat }
        )
        return { ...a, status: res.statusCode, body: res.json() as { seatId?: string; code?: string } }
      })
    )

    expect(responses.filter((r) => r.status >= 500)).toEqual([])
    const won = responses.filter((r) => r.status === 201)
    expect(won.length).toBeLessThanOrEqual(500)
    expect(new Set(won.map((r) => r.body.seatId)).size).toBe(won.length)
    const perUser = new Map<string, number>()
    for (const r of won) perUser.set(r.user, (perUser.get(r.user) ?? 0) + 1)
    expect(Math.max(...perUser.values())).toBeLessThanOrEqual(2)
    for (const r of responses.filter((x) => x.status !== 201)) {
      expect(['FC_SEAT_TAKEN', 'FC_LIMIT_REACHED']).toContain(r.body.code)
    }

    const counts = await h.inventory.counts(saleId)
    expect(counts).toMatchObject({ capacity: 500, held: won.length, available: 500 - won.length })
    const seats = (await h.rt.app.inject({ method: 'GET', url: `/v1/events/${saleId}/seats` })).json() as {
      seats: Array<{ state: string }>
    }
    expect(seats.seats.filter((s) => s.state === 'held')).toHaveLength(won.length)
  })
})

describe('coupon claims under contention', () => {
  it('10,000 users x 2 claims (and replays) on 1,000 coupons, limit 1: exactly 1,000 accepted', async () => {
    const saleId = await h.createSale(couponSale(1000, { perUserLimit: 1 }))
    const users = Array.from({ length: 10_000 }, (_, i) => `claimer-${i}`)
    const access = await h.admit(saleId, users)
    await Promise.all(users.map((u) => h.userToken(u)))

    // Each user claims twice with different keys, and replays the first key once.
    const attempts = users.flatMap((u) => [`${u}-a`, `${u}-b`, `${u}-a`].map((key) => ({ user: u, key })))
    const responses: Array<{ user: string; key: string; status: number; claimId?: string; code?: string }> =
      []
    for (let i = 0; i < attempts.length; i += 5000) {
      const chunk = attempts.slice(i, i + 5000)
      responses.push(
        ...(await Promise.all(
          chunk.map(async (a) => {
            const res = await post(`/v1/events/${saleId}/claims`, a.user, {
              'idempotency-key': a.key,
              'x-access-token': access.get(a.user)!
            })
            const body = res.json() as { claimId?: string; code?: string }
            return { ...a, status: res.statusCode, claimId: body.claimId, code: body.code }
          })
        ))
      )
    }
    expect(responses.filter((r) => r.status >= 500)).toEqual([])
    const accepted = new Set(responses.filter((r) => r.status === 202).map((r) => r.claimId))
    expect(accepted.size).toBe(1000)
    const winners = new Set(responses.filter((r) => r.status === 202).map((r) => r.user))
    expect(winners.size).toBe(1000)
    // A replay answers exactly what the first attempt with that key answered.
    const byKey = new Map<string, string>()
    for (const r of responses) {
      const seen = byKey.get(r.key)
      const sig = `${r.status}:${r.claimId ?? r.code}`
      if (seen === undefined) byKey.set(r.key, sig)
      else expect(sig).toBe(seen)
    }
    await h.rt.handoff.drain?.()
    expect(await h.inventory.counts(saleId)).toMatchObject({ available: 0, pending: 0, confirmed: 1000 })
  })
})

describe('idempotency', () => {
  it('the same claim key fired 50 times concurrently claims one unit; every answer names it', async () => {
    const saleId = await h.createSale(couponSale(10, { perUserLimit: 3 }))
    const access = await h.admit(saleId, ['again'])
    const fire = () =>
      post(`/v1/events/${saleId}/claims`, 'again', {
        'idempotency-key': 'claim-key',
        'x-access-token': access.get('again')!
      })
    const responses = await Promise.all(Array.from({ length: 50 }, fire))
    expect(new Set(responses.map((r) => r.statusCode))).toEqual(new Set([202]))
    expect(new Set(responses.map((r) => (r.json() as { claimId: string }).claimId)).size).toBe(1)
    await h.rt.handoff.drain?.()
    expect(await h.inventory.counts(saleId)).toMatchObject({ available: 9, pending: 0, confirmed: 1 })
    // The key with another request is refused, changing nothing.
    const other = await post(
      `/v1/events/${saleId}/holds`,
      'again',
      { 'idempotency-key': 'claim-key', 'x-access-token': access.get('again')! },
      { seatId: 'A-1-1' }
    )
    expect(other.statusCode).toBeGreaterThanOrEqual(400)
    expect(await h.inventory.counts(saleId)).toMatchObject({ available: 9, pending: 0, confirmed: 1 })
  })

  it('the same key fired 50 times concurrently has one effect and identical answers', async () => {
    const saleId = await h.createSale(seatedSale(1, 10))
    const access = await h.admit(saleId, ['repeat'])
    const fire = () =>
      post(
        `/v1/events/${saleId}/holds`,
        'repeat',
        { 'idempotency-key': 'same-key', 'x-access-token': access.get('repeat')! },
        { seatId: 'A-1-1' }
      )
    const responses = await Promise.all(Array.from({ length: 50 }, fire))
    expect(new Set(responses.map((r) => r.statusCode))).toEqual(new Set([201]))
    expect(new Set(responses.map((r) => r.body)).size).toBe(1)
    expect(await h.inventory.counts(saleId)).toMatchObject({ held: 1, available: 9 })

    const mismatch = await post(
      `/v1/events/${saleId}/holds`,
      'repeat',
      { 'idempotency-key': 'same-key', 'x-access-token': access.get('repeat')! },
      { seatId: 'A-1-2' }
    )
    expect(mismatch.statusCode).toBe(422)
    expect(mismatch.json()).toMatchObject({ code: 'FC_IDEMPOTENCY_MISMATCH' })
    expect(await h.inventory.counts(saleId)).toMatchObject({ held: 1, available: 9 })
  })

  it('a retried hold gets the first answer, a refusal included, even after the seat frees up', async () => {
    const saleId = await h.createSale(seatedSale(1, 2))
    const access = await h.admit(saleId, ['first', 'second'])
    const as = (u: string, key: string) => ({ 'idempotency-key': key, 'x-access-token': access.get(u)! })
    const taken = await post(`/v1/events/${saleId}/holds`, 'first', as('first', 'f'), { seatId: 'A-1-1' })
    const { holdId } = taken.json() as { holdId: string }
    const refused = await post(`/v1/events/${saleId}/holds`, 'second', as('second', 'k'), { seatId: 'A-1-1' })
    expect(refused.json()).toMatchObject({ statusCode: 409, code: 'FC_SEAT_TAKEN' })

    const released = await h.rt.app.inject({
      method: 'DELETE',
      url: `/v1/holds/${holdId}`,
      headers: {
        authorization: `Bearer ${await h.userToken('first')}`,
        'x-access-token': access.get('first')!
      }
    })
    expect(released.statusCode).toBe(200)
    const retried = await post(`/v1/events/${saleId}/holds`, 'second', as('second', 'k'), { seatId: 'A-1-1' })
    expect(retried.statusCode).toBe(409)
    expect(retried.body).toBe(refused.body)
    const fresh = await post(`/v1/events/${saleId}/holds`, 'second', as('second', 'k2'), { seatId: 'A-1-1' })
    expect(fresh.statusCode).toBe(201)
    const again = await post(`/v1/events/${saleId}/holds`, 'second', as('second', 'k2'), { seatId: 'A-1-1' })
    expect(again.body).toBe(fresh.body)
    expect(await h.inventory.counts(saleId)).toMatchObject({ held: 1, available: 1 })
  })

  it('a missing Idempotency-Key on a hold is refused and changes nothing', async () => {
    const saleId = await h.createSale(seatedSale(1, 2))
    const access = await h.admit(saleId, ['nokey'])
    const res = await post(
      `/v1/events/${saleId}/holds`,
      'nokey',
      { 'x-access-token': access.get('nokey')! },
      { seatId: 'A-1-1' }
    )
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ code: 'FC_VALIDATION' })
    expect(await h.inventory.counts(saleId)).toMatchObject({ held: 0, available: 2 })
  })
})

describe('hold life cycle', () => {
  it('refuses buyers without an admission and users acting on holds of others', async () => {
    const saleId = await h.createSale(seatedSale(1, 4))
    const access = await h.admit(saleId, ['alice', 'bob'])
    const strangers = await post(
      `/v1/events/${saleId}/holds`,
      'carol',
      { 'idempotency-key': 'k' },
      { seatId: 'A-1-1' }
    )
    expect(strangers.json()).toMatchObject({ statusCode: 403, code: 'FC_NOT_ADMITTED' })
    const borrowed = await post(
      `/v1/events/${saleId}/holds`,
      'carol',
      { 'idempotency-key': 'k', 'x-access-token': access.get('alice')! },
      { seatId: 'A-1-1' }
    )
    expect(borrowed.json()).toMatchObject({ statusCode: 403, code: 'FC_FORBIDDEN' })

    const hold = await post(
      `/v1/events/${saleId}/holds`,
      'alice',
      { 'idempotency-key': 'k', 'x-access-token': access.get('alice')! },
      { seatId: 'A-1-1' }
    )
    const { holdId } = hold.json() as { holdId: string }
    for (const [method, url] of [
      ['POST', `/v1/holds/${holdId}/extend`],
      ['DELETE', `/v1/holds/${holdId}`],
      ['POST', `/v1/holds/${holdId}/confirm`]
    ] as const) {
      const res = await h.rt.app.inject({
        method,
        url,
        headers: {
          authorization: `Bearer ${await h.userToken('bob')}`,
          'x-access-token': access.get('bob')!,
          'idempotency-key': `bob-${method}-${url.length}`
        },
        ...(method === 'POST' ? { payload: {} } : {})
      })
      expect(res.json()).toMatchObject({ statusCode: 403, code: 'FC_FORBIDDEN' })
    }
    expect(await h.inventory.counts(saleId)).toMatchObject({ held: 1, available: 3 })
  })

  it('extends up to the cap, then refuses', async () => {
    const saleId = await h.createSale(seatedSale(1, 2))
    const access = await h.admit(saleId, ['ext'])
    const headers = { 'x-access-token': access.get('ext')! }
    const hold = await post(
      `/v1/events/${saleId}/holds`,
      'ext',
      { ...headers, 'idempotency-key': 'h' },
      { seatId: 'A-1-1' }
    )
    const { holdId, expiresAt } = hold.json() as { holdId: string; expiresAt: string }
    let last = Date.parse(expiresAt)
    for (let i = 0; i < h.config.holdMaxExtensions; i++) {
      const res = await post(`/v1/holds/${holdId}/extend`, 'ext', headers)
      expect(res.statusCode).toBe(200)
      const next = Date.parse((res.json() as { expiresAt: string }).expiresAt)
      expect(next).toBeGreaterThanOrEqual(last)
      last = next
    }
    const refused = await post(`/v1/holds/${holdId}/extend`, 'ext', headers)
    expect(refused.json()).toMatchObject({ statusCode: 409, code: 'FC_EXTEND_LIMIT' })
  })

  it('expired holds return to stock through the sweeper', async () => {
    const saleId = await h.createSale(seatedSale(1, 3, { holdTtlSec: 1 }))
    const access = await h.admit(saleId, ['late'])
    const hold = await post(
      `/v1/events/${saleId}/holds`,
      'late',
      { 'idempotency-key': 'h', 'x-access-token': access.get('late')! },
      { seatId: 'A-1-1' }
    )
    const { holdId } = hold.json() as { holdId: string }
    expect(await h.inventory.counts(saleId)).toMatchObject({ held: 1, available: 2 })
    // Wait for the TTL to pass by Redis's clock, then run the sweeper as its worker would.
    await expect
      .poll(async () => (await h.inventory.expireDue(saleId, 100)) > 0, { timeout: 5000 })
      .toBe(true)
    expect(await h.inventory.counts(saleId)).toMatchObject({ held: 0, available: 3 })
    const confirm = await post(
      `/v1/holds/${holdId}/confirm`,
      'late',
      { 'idempotency-key': 'c', 'x-access-token': access.get('late')! },
      {}
    )
    expect(confirm.json()).toMatchObject({ code: 'FC_NOT_FOUND' })
    await h.rt.drainLedger()
    const { rows } = await h.pool.query('SELECT state FROM holds WHERE id = $1', [holdId])
    expect(rows).toEqual([{ state: 'expired' }])
  })

  it('a hold that is confirmed ends sold, declined payments return the seat', async () => {
    const saleId = await h.createSale(seatedSale(1, 2))
    const access = await h.admit(saleId, ['payer'])
    const headers = { 'x-access-token': access.get('payer')! }
    const ids: string[] = []
    for (const seatId of ['A-1-1', 'A-1-2']) {
      const res = await post(
        `/v1/events/${saleId}/holds`,
        'payer',
        { ...headers, 'idempotency-key': seatId },
        { seatId }
      )
      ids.push((res.json() as { holdId: string }).holdId)
    }
    const ok = await post(
      `/v1/holds/${ids[0]}/confirm`,
      'payer',
      { ...headers, 'idempotency-key': 'c1' },
      { payment: { simulate: 'approve' } }
    )
    const no = await post(
      `/v1/holds/${ids[1]}/confirm`,
      'payer',
      { ...headers, 'idempotency-key': 'c2' },
      { payment: { simulate: 'decline' } }
    )
    expect([ok.statusCode, no.statusCode]).toEqual([202, 202])
    expect(ok.json()).toMatchObject({ status: 'pending' })
    await h.rt.handoff.drain?.()
    expect(await h.inventory.counts(saleId)).toEqual({
      capacity: 2,
      available: 1,
      held: 0,
      pending: 0,
      confirmed: 1
    })
    const seats = (await h.rt.app.inject({ method: 'GET', url: `/v1/events/${saleId}/seats` })).json() as {
      seats: Array<{ id: string; state: string }>
    }
    expect(seats.seats.map((s) => s.state)).toEqual(['sold', 'available'])
  })
})
