import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signDevToken } from '../../../src/http/auth.ts'
import { emailHash } from '../../../src/services/access/access-service.ts'
import {
  buyerRequest,
  couponSale,
  createHarness,
  type Harness,
  liftUserLimits,
  seatedSale
} from '../../support/harness.ts'

let h: Harness

beforeAll(async () => {
  h = await createHarness()
  // Many requests of few users on purpose: what is tested must not hide behind the route limits.
  await liftUserLimits(h, ['queue-join', 'default', 'claim'])
})
afterAll(async () => {
  await h?.close()
})

async function admin(method: 'GET' | 'PUT' | 'POST', url: string, payload?: object) {
  const res = await h.rt.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${h.adminToken}` },
    ...(payload ? { payload } : {})
  })
  return { status: res.statusCode, body: res.json() as Record<string, unknown> }
}

async function join(saleId: string, userId: string, body?: object, token?: string) {
  const res = await h.rt.app.inject({
    method: 'POST',
    url: `/v1/events/${saleId}/queue`,
    headers: { authorization: `Bearer ${token ?? (await h.userToken(userId))}` },
    ...(body ? { payload: body } : {})
  })
  return { status: res.statusCode, body: res.json() as Record<string, unknown> }
}

async function generate(saleId: string, body: object): Promise<string[]> {
  const res = await admin('POST', `/v1/admin/events/${saleId}/access/codes`, body)
  expect(res.status).toBe(201)
  return res.body.codes as string[]
}

async function usage(saleId: string) {
  return (await admin('GET', `/v1/admin/events/${saleId}/access/codes`)).body as {
    total: number
    redeemed: number
    batches: Array<{ uses: number; usedUp: number; codes: number }>
  }
}

/** The access copy and the waiting room of a sale, as Redis has them (to show a refusal changed nothing). */
async function redisState(saleId: string) {
  const k = h.keys.access(saleId)
  const q = h.keys.queue(saleId)
  return {
    uses: await h.redis.hGetAll(k.uses),
    bound: await h.redis.hGetAll(k.bound),
    tickets: await h.redis.hLen(q.tickets)
  }
}

describe('allowlist', () => {
  it('admits listed user ids and e-mails only; everyone else is refused before taking a place', async () => {
    const saleId = await h.createSale(couponSale(10))
    expect((await admin('PUT', `/v1/admin/events/${saleId}/access`, { mode: 'allowlist' })).status).toBe(200)
    const added = await admin('POST', `/v1/admin/events/${saleId}/access/allowlist`, {
      userIds: ['listed-1'],
      emails: ['  Fan@Example.COM '],
      emailHashes: [emailHash('hashed@example.com')]
    })
    expect(added.body).toEqual({ added: 3 })

    expect((await join(saleId, 'listed-1')).status).toBe(200)
    const byEmail = await signDevToken(h.config, 'mail-user', 'buyer', { email: 'fan@example.com' })
    expect((await join(saleId, 'mail-user', undefined, byEmail)).status).toBe(200)
    const byHash = await signDevToken(h.config, 'hash-user', 'buyer', { email: 'Hashed@Example.com' })
    expect((await join(saleId, 'hash-user', undefined, byHash)).status).toBe(200)

    const before = await redisState(saleId)
    const stranger = await join(saleId, 'stranger')
    expect(stranger.status).toBe(403)
    expect(stranger.body.code).toBe('FC_ACCESS_DENIED')
    const otherMail = await signDevToken(h.config, 'other-mail', 'buyer', { email: 'someone@example.com' })
    expect((await join(saleId, 'other-mail', undefined, otherMail)).body.code).toBe('FC_ACCESS_DENIED')
    expect(await redisState(saleId)).toEqual(before)
    expect(before.tickets).toBe(3)
  })

  it('leaves open sales (the default) open to everyone', async () => {
    const saleId = await h.createSale(couponSale(10))
    expect((await join(saleId, 'anyone')).status).toBe(200)
    expect((await admin('GET', `/v1/admin/events/${saleId}/access`)).body).toMatchObject({
      mode: 'open',
      current: 'open'
    })
  })
})

describe('presale codes', () => {
  it('100 users racing for one single-use code: exactly one wins, the others get FC_CODE_USED and change nothing', async () => {
    const saleId = await h.createSale(couponSale(10))
    await admin('PUT', `/v1/admin/events/${saleId}/access`, { mode: 'codes' })
    const [code] = await generate(saleId, { count: 1 })
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/)
    const users = Array.from({ length: 100 }, (_, i) => `racer-${i}`)
    for (const u of users) await h.userToken(u)
    const answers = await Promise.all(
      users.map((u) => buyerRequest(h, 'POST', `/v1/events/${saleId}/access`, u, undefined, { code }))
    )
    const winners = answers.filter((a) => a.status === 200)
    expect(winners).toHaveLength(1)
    expect(winners[0]?.body).toMatchObject({ status: 'redeemed', kind: 'presale' })
    const losers = answers.filter((a) => a.status !== 200)
    expect(losers).toHaveLength(99)
    expect(new Set(losers.map((a) => `${a.status} ${a.body.code}`))).toEqual(new Set(['409 FC_CODE_USED']))

    const winner = users[answers.findIndex((a) => a.status === 200)] as string
    const state = await redisState(saleId)
    expect(Object.keys(state.bound)).toEqual([winner])
    expect(Object.values(state.uses)).toEqual(['1'])
    const { rows } = await h.pool.query('SELECT user_id FROM access_redemptions WHERE sale_id = $1', [saleId])
    expect(rows).toEqual([{ user_id: winner }])
    expect(await usage(saleId)).toMatchObject({ total: 1, redeemed: 1, batches: [{ uses: 1, usedUp: 1 }] })

    // The winner joins; a loser is still refused; redeeming again is harmless.
    expect((await join(saleId, winner)).status).toBe(200)
    const loser = users.find((u) => u !== winner) as string
    expect((await join(saleId, loser)).body.code).toBe('FC_ACCESS_DENIED')
    const again = await buyerRequest(h, 'POST', `/v1/events/${saleId}/access`, winner, undefined, { code })
    expect(again).toMatchObject({ status: 200, body: { status: 'already' } })
  })

  it('an N-use code is redeemed by exactly N distinct users under a parallel race', async () => {
    const saleId = await h.createSale(couponSale(10))
    await admin('PUT', `/v1/admin/events/${saleId}/access`, { mode: 'codes' })
    const [code] = await generate(saleId, { count: 1, maxUses: 7 })
    const users = Array.from({ length: 60 }, (_, i) => `n-racer-${i}`)
    for (const u of users) await h.userToken(u)
    // Each user twice at once: a user's own retries never take a second use.
    const answers = await Promise.all(
      [...users, ...users].map((u) =>
        buyerRequest(h, 'POST', `/v1/events/${saleId}/access`, u, undefined, { code: code?.toLowerCase() })
      )
    )
    const redeemed = answers.filter((a) => a.status === 200 && a.body.status === 'redeemed')
    expect(redeemed).toHaveLength(7)
    expect(Object.keys((await redisState(saleId)).bound)).toHaveLength(7)
    const { rows } = await h.pool.query(
      'SELECT count(*)::int AS n FROM access_redemptions WHERE sale_id = $1',
      [saleId]
    )
    expect(rows[0]).toEqual({ n: 7 })
    expect(await usage(saleId)).toMatchObject({ redeemed: 7, batches: [{ uses: 7, usedUp: 1 }] })
  })

  it('joins with {code} in one call, and refuses unknown codes with FC_CODE_INVALID', async () => {
    const saleId = await h.createSale(couponSale(10))
    await admin('PUT', `/v1/admin/events/${saleId}/access`, { mode: 'codes' })
    const [code] = await generate(saleId, { count: 1 })
    const bad = await join(saleId, 'joiner', { code: 'AAAA-BBBB-CCCC' })
    expect(bad).toMatchObject({ status: 403, body: { code: 'FC_CODE_INVALID' } })
    expect((await join(saleId, 'joiner', { code })).status).toBe(200)
    expect((await join(saleId, 'joiner')).status).toBe(200)
  })

  it('rate-limits guessing per user: past the limit even a valid code is refused until the window ends', async () => {
    const saleId = await h.createSale(couponSale(10))
    await admin('PUT', `/v1/admin/events/${saleId}/access`, { mode: 'codes' })
    const [code] = await generate(saleId, { count: 1 })
    const guess = () => randomBytes(6).toString('hex').toUpperCase()
    const answers = []
    for (let i = 0; i < 10; i++)
      answers.push(
        await buyerRequest(h, 'POST', `/v1/events/${saleId}/access`, 'guesser', undefined, { code: guess() })
      )
    expect(answers.every((a) => a.body.code === 'FC_CODE_INVALID')).toBe(true)
    const limited = await h.rt.app.inject({
      method: 'POST',
      url: `/v1/events/${saleId}/access`,
      headers: { authorization: `Bearer ${await h.userToken('guesser')}` },
      payload: { code }
    })
    expect(limited.statusCode).toBe(429)
    expect(limited.json()).toMatchObject({ code: 'FC_CODE_RATE_LIMITED' })
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0)
    expect((await redisState(saleId)).bound).toEqual({})
    // Another user is not affected (addresses are not counted in the test profile).
    const other = await buyerRequest(h, 'POST', `/v1/events/${saleId}/access`, 'honest', undefined, { code })
    expect(other.status).toBe(200)
  })

  it('is rebuilt from PostgreSQL after Redis lost it: uses and bindings survive', async () => {
    const saleId = await h.createSale(couponSale(10))
    await admin('PUT', `/v1/admin/events/${saleId}/access`, { mode: 'codes' })
    const [code] = await generate(saleId, { count: 1, maxUses: 2 })
    expect(
      (await buyerRequest(h, 'POST', `/v1/events/${saleId}/access`, 'kept-1', undefined, { code })).status
    ).toBe(200)
    const k = h.keys.access(saleId)
    await h.redis.del([k.loaded, k.codes, k.uses, k.bound, k.rules, k.allow])
    expect((await join(saleId, 'kept-1')).status).toBe(200)
    expect(
      (await buyerRequest(h, 'POST', `/v1/events/${saleId}/access`, 'kept-2', undefined, { code })).status
    ).toBe(200)
    const third = await buyerRequest(h, 'POST', `/v1/events/${saleId}/access`, 'kept-3', undefined, { code })
    expect(third.body.code).toBe('FC_CODE_USED')
  })
})

describe('the record and the copy', () => {
  it('when the Redis copy runs ahead of PostgreSQL, the record wins and the copy is put back', async () => {
    const saleId = await h.createSale(couponSale(10))
    await admin('PUT', `/v1/admin/events/${saleId}/access`, { mode: 'codes' })
    const [code] = await generate(saleId, { count: 1 })
    expect(
      (await buyerRequest(h, 'POST', `/v1/events/${saleId}/access`, 'first', undefined, { code })).status
    ).toBe(200)
    // Redis forgets the use (as if lost between the script and the record): it would accept again.
    const k = h.keys.access(saleId)
    await h.redis.del(k.uses)
    const second = await buyerRequest(h, 'POST', `/v1/events/${saleId}/access`, 'second', undefined, { code })
    expect(second.body.code).toBe('FC_CODE_USED')
    expect(await h.redis.hGet(k.bound, 'second')).toBeNull()
    const { rows } = await h.pool.query('SELECT user_id FROM access_redemptions WHERE sale_id = $1', [saleId])
    expect(rows).toEqual([{ user_id: 'first' }])
  })

  it('a code outside its own time window is refused and changes nothing', async () => {
    const saleId = await h.createSale(couponSale(10))
    await admin('PUT', `/v1/admin/events/${saleId}/access`, { mode: 'codes' })
    const [code] = await generate(saleId, {
      count: 1,
      startsAt: new Date(Date.now() + 3_600_000).toISOString()
    })
    const early = await buyerRequest(h, 'POST', `/v1/events/${saleId}/access`, 'early', undefined, { code })
    expect(early).toMatchObject({ status: 403, body: { code: 'FC_CODE_INVALID' } })
    expect((await redisState(saleId)).bound).toEqual({})
  })
})

describe('VIP codes and phases', () => {
  it('a VIP code admits past a long queue, but the per-user limit and the stock still hold', async () => {
    const saleId = await h.createSale(couponSale(3, { perUserLimit: 2 }))
    await admin('PUT', `/v1/admin/events/${saleId}/access`, { mode: 'open' })
    for (let i = 0; i < 200; i++) await h.rt.waitingRoom.store.join(saleId, `crowd-${i}`, 0)
    const [vip] = await generate(saleId, { count: 1, kind: 'vip', perUserLimit: 1 })
    const redeemed = await buyerRequest(h, 'POST', `/v1/events/${saleId}/access`, 'vip', undefined, {
      code: vip
    })
    expect(redeemed).toMatchObject({ status: 200, body: { kind: 'vip', perUserLimit: 1 } })
    const access = redeemed.body.accessToken as string
    expect(access).toBeTruthy()
    const first = await buyerRequest(h, 'POST', `/v1/events/${saleId}/claims`, 'vip', access)
    expect(first.status).toBe(202)
    // The code's own limit (1) is below the sale's (2): the claim reaching it ended the admission,
    // and redeeming the code again admits once more, but takes nothing past the limit.
    const second = await buyerRequest(h, 'POST', `/v1/events/${saleId}/claims`, 'vip', access)
    expect(second.body.code).toBe('FC_NOT_ADMITTED')
    const again = await buyerRequest(h, 'POST', `/v1/events/${saleId}/access`, 'vip', undefined, {
      code: vip
    })
    expect(again.body).toMatchObject({ status: 'already', kind: 'vip' })
    const third = await buyerRequest(
      h,
      'POST',
      `/v1/events/${saleId}/claims`,
      'vip',
      again.body.accessToken as string
    )
    expect(third.body.code).toBe('FC_LIMIT_REACHED')

    // Stock: two more buyers take the rest; a second VIP finds it sold out.
    const tokens = await h.admit(saleId, ['b1', 'b2'])
    for (const u of ['b1', 'b2'])
      expect((await buyerRequest(h, 'POST', `/v1/events/${saleId}/claims`, u, tokens.get(u))).status).toBe(
        202
      )
    const [vip2] = await generate(saleId, { count: 1, kind: 'vip' })
    const r2 = await buyerRequest(h, 'POST', `/v1/events/${saleId}/access`, 'vip2', undefined, { code: vip2 })
    const late = await buyerRequest(
      h,
      'POST',
      `/v1/events/${saleId}/claims`,
      'vip2',
      r2.body.accessToken as string
    )
    expect(late.body.code).toBe('FC_SOLD_OUT')
  })

  it('a presale phase sells only its units; the rest, and what it left, opens with the general phase', async () => {
    const saleId = await h.createSale(couponSale(10, { perUserLimit: 10 }))
    const now = Date.now()
    const generalAt = now + 60 * 60_000
    const set = await admin('PUT', `/v1/admin/events/${saleId}/access`, {
      mode: 'open',
      phases: [
        { name: 'presale', access: 'codes', startsAt: new Date(now - 60_000).toISOString(), units: 4 },
        { name: 'general', access: 'open', startsAt: new Date(generalAt).toISOString() }
      ]
    })
    expect(set.body).toMatchObject({ current: 'codes' })
    expect((await join(saleId, 'no-code')).body.code).toBe('FC_ACCESS_DENIED')
    const [code] = await generate(saleId, { count: 1, maxUses: 5 })
    expect((await join(saleId, 'pre-buyer', { code })).status).toBe(200)

    // The presale sells its 4 units and no more, though 10 are in stock.
    const tokens = await h.admit(saleId, ['pre-buyer'])
    const access = tokens.get('pre-buyer') as string
    const claims = []
    for (let i = 0; i < 6; i++)
      claims.push(await buyerRequest(h, 'POST', `/v1/events/${saleId}/claims`, 'pre-buyer', access))
    expect(claims.filter((c) => c.status === 202)).toHaveLength(4)
    expect(claims.slice(4).map((c) => c.body.code)).toEqual(['FC_SOLD_OUT', 'FC_SOLD_OUT'])

    // The general phase starts (moved to now): the 6 kept back open to everyone.
    await admin('PUT', `/v1/admin/events/${saleId}/access`, {
      mode: 'open',
      phases: [
        { name: 'presale', access: 'codes', startsAt: new Date(now - 60_000).toISOString(), units: 4 },
        { name: 'general', access: 'open', startsAt: new Date(Date.now() - 1000).toISOString() }
      ]
    })
    expect((await join(saleId, 'general-buyer')).status).toBe(200)
    const more = await h.admit(saleId, ['general-buyer'])
    const general = []
    for (let i = 0; i < 7; i++)
      general.push(
        await buyerRequest(
          h,
          'POST',
          `/v1/events/${saleId}/claims`,
          'general-buyer',
          more.get('general-buyer')
        )
      )
    expect(general.filter((c) => c.status === 202)).toHaveLength(6)
    expect(general[6]?.body.code).toBe('FC_SOLD_OUT')
  })

  it('units a presale left unsold roll into the general phase at its start', async () => {
    const saleId = await h.createSale(couponSale(10, { perUserLimit: 10 }))
    const started = new Date(Date.now() - 60_000).toISOString()
    const phases = (generalAt: number) => ({
      mode: 'open',
      phases: [
        { name: 'presale', access: 'open', startsAt: started, units: 4 },
        { name: 'general', access: 'open', startsAt: new Date(generalAt).toISOString() }
      ]
    })
    await admin('PUT', `/v1/admin/events/${saleId}/access`, phases(Date.now() + 3_600_000))
    const tokens = await h.admit(saleId, ['early'])
    expect(
      (await buyerRequest(h, 'POST', `/v1/events/${saleId}/claims`, 'early', tokens.get('early'))).status
    ).toBe(202)
    await admin('PUT', `/v1/admin/events/${saleId}/access`, phases(Date.now() - 1000))
    const late = await h.admit(saleId, ['late'])
    const answers = []
    for (let i = 0; i < 10; i++)
      answers.push(await buyerRequest(h, 'POST', `/v1/events/${saleId}/claims`, 'late', late.get('late')))
    // The 6 kept back and the 3 the presale left unsold.
    expect(answers.filter((c) => c.status === 202)).toHaveLength(9)
    expect(answers[9]?.body.code).toBe('FC_SOLD_OUT')
  })

  it('seated holds obey the own per-user limit of a code and the presale budget (one seat and several)', async () => {
    const saleId = await h.createSale(seatedSale(2, 5, { perUserLimit: 4 }))
    await admin('PUT', `/v1/admin/events/${saleId}/access`, {
      mode: 'open',
      phases: [
        { name: 'presale', access: 'codes', startsAt: new Date(Date.now() - 60_000).toISOString(), units: 3 },
        { name: 'general', access: 'open', startsAt: new Date(Date.now() + 3_600_000).toISOString() }
      ]
    })
    const [limited] = await generate(saleId, { count: 1, perUserLimit: 1 })
    const [plain] = await generate(saleId, { count: 1 })
    expect((await join(saleId, 'one-seat', { code: limited })).status).toBe(200)
    expect((await join(saleId, 'more-seats', { code: plain })).status).toBe(200)
    const tokens = await h.admit(saleId, ['one-seat', 'more-seats'])
    const hold = (user: string, body: object) =>
      buyerRequest(h, 'POST', `/v1/events/${saleId}/holds`, user, tokens.get(user), body)

    expect((await hold('one-seat', { seatId: 'A-1-1' })).status).toBe(201)
    expect((await hold('one-seat', { seatId: 'A-1-2' })).body.code).toBe('FC_LIMIT_REACHED')
    // The sale's limit (4) would allow 3 more seats, the presale budget (3) allows 2.
    expect((await hold('more-seats', { seatIds: ['A-2-1', 'A-2-2', 'A-2-3'] })).body.code).toBe('FC_SOLD_OUT')
    expect((await hold('more-seats', { seatIds: ['A-2-1', 'A-2-2'] })).status).toBe(201)
    expect((await hold('more-seats', { seatId: 'A-2-3' })).body.code).toBe('FC_SOLD_OUT')
  })
})
