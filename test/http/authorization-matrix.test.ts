/**
 * The authorization matrix: every route the app registers (read from its route catalogue, so a new
 * route cannot escape) is called with no token, a forged, expired or wrong-audience token, a buyer
 * token on admin routes, another user's bearer token on someone else's hold, reservation or claim,
 * and another user's (or another sale's) access token. Each is refused with the right status and
 * code, and the sales' stats are the same afterwards.
 */
import { randomUUID } from 'node:crypto'
import { SignJWT } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RouteEntry } from '../../src/http/traffic-guard.ts'
import { reservationIdOf } from '../../src/services/sales/buyer-service.ts'
import { couponSale, createHarness, type Harness, seatedSale } from '../support/harness.ts'

let h: Harness
let seated: string
let coupon: string
let other: string
let holdId: string
let confirmedHold: string
let claimId: string
const tokens: Record<string, string> = {}
let access: { alice: string; bob: string; aliceCoupon: string; bobCoupon: string; aliceOther: string }

async function sign(
  claims: { sub: string; role?: string },
  opts: { secret?: string; aud?: string; exp?: number }
) {
  const now = Math.floor(Date.now() / 1000)
  return new SignJWT({ role: claims.role ?? 'buyer' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub)
    .setAudience(opts.aud ?? h.config.auth.audience)
    .setIssuedAt(now - 7200)
    .setExpirationTime(opts.exp ?? now + 3600)
    .sign(new TextEncoder().encode(opts.secret ?? h.config.auth.jwtSecret))
}

beforeAll(async () => {
  h = await createHarness()
  seated = await h.createSale(seatedSale(2, 5, { perUserLimit: 4 }))
  coupon = await h.createSale(couponSale(10, { perUserLimit: 2 }))
  other = await h.createSale(seatedSale(1, 2))
  const a = await h.admit(seated, ['alice', 'bob'])
  const c = await h.admit(coupon, ['alice', 'bob'])
  const o = await h.admit(other, ['alice'])
  access = {
    alice: a.get('alice')!,
    bob: a.get('bob')!,
    aliceCoupon: c.get('alice')!,
    bobCoupon: c.get('bob')!,
    aliceOther: o.get('alice')!
  }
  tokens.alice = await h.userToken('alice')
  tokens.bob = await h.userToken('bob')
  tokens.forged = await sign({ sub: 'alice' }, { secret: 'another-secret-another-secret-0123456789' })
  tokens.expired = await sign({ sub: 'alice' }, { exp: Math.floor(Date.now() / 1000) - 60 })
  tokens.wrongAudience = await sign({ sub: 'alice' }, { aud: 'someone-else' })
  tokens.forgedAdmin = await sign(
    { sub: 'mallory', role: 'admin' },
    { secret: 'another-secret-another-secret-0123456789' }
  )

  const hold = async (seatId: string) => {
    const res = await h.rt.app.inject({
      method: 'POST',
      url: `/v1/events/${seated}/holds`,
      headers: {
        authorization: `Bearer ${tokens.alice}`,
        'x-access-token': access.alice,
        'idempotency-key': randomUUID()
      },
      payload: { seatId }
    })
    expect(res.statusCode, res.body).toBe(201)
    return (res.json() as { holdId: string }).holdId
  }
  holdId = await hold('A-1-1')
  confirmedHold = await hold('A-1-2')
  const confirm = await h.rt.app.inject({
    method: 'POST',
    url: `/v1/holds/${confirmedHold}/confirm`,
    headers: {
      authorization: `Bearer ${tokens.alice}`,
      'x-access-token': access.alice,
      'idempotency-key': randomUUID()
    },
    payload: { payment: { simulate: 'approve' } }
  })
  expect(confirm.statusCode, confirm.body).toBe(202)
  const claim = await h.rt.app.inject({
    method: 'POST',
    url: `/v1/events/${coupon}/claims`,
    headers: {
      authorization: `Bearer ${tokens.alice}`,
      'x-access-token': access.aliceCoupon,
      'idempotency-key': randomUUID()
    }
  })
  expect(claim.statusCode, claim.body).toBe(202)
  claimId = (claim.json() as { claimId: string }).claimId
  await h.rt.handoff.drain?.()
})

afterAll(async () => {
  await h?.close()
})

/** Routes anyone may call without a bearer token. */
const PUBLIC = new Set([
  'GET /health',
  'GET /v1/events/:id',
  'GET /v1/events/:id/seats',
  'GET /v1/events/:id/seats/layout',
  'GET /v1/events/:id/seats/state',
  // Counts its cap per user when given a bearer token, else per address.
  'GET /v1/events/:id/seats/stream',
  'GET /v1/events/:id/queue/fairness',
  // What joining asks for (a presale code?), shown before sign-in like the sale itself.
  'GET /v1/events/:id/access',
  'GET /v1/events/:id/queue/fairness/commitment',
  'GET /v1/events/:id/queue/fairness/entrants',
  // Takes `?queueToken=` instead of a bearer token (an EventSource cannot send headers).
  'GET /v1/events/:id/queue/stream',
  'POST /v1/dev/token'
])

function key(r: RouteEntry): string {
  return `${r.method} ${r.url}`
}

/** A real path for a route: the sale is a coupon sale for claim routes, the seated sale otherwise. */
function pathOf(r: RouteEntry): string {
  return r.url.replace(/:([A-Za-z]+)/g, (_m, name: string) => {
    if (r.url.startsWith('/v1/admin/')) return seated
    if (name === 'holdId') return holdId
    if (name === 'id' && r.url.startsWith('/v1/reservations/')) return reservationIdOf(confirmedHold)
    if (name === 'id' && r.url.startsWith('/v1/claims/')) return claimId
    if (name === 'id' && r.url.startsWith('/v1/events/')) return r.url.endsWith('/claims') ? coupon : seated
    throw new Error(`the authorization matrix has no value for :${name} of ${key(r)}: add one`)
  })
}

function bodyOf(r: RouteEntry): unknown {
  if (r.method === 'GET' || r.method === 'DELETE') return undefined
  if (r.url.endsWith('/holds')) return { seatId: 'A-2-1' }
  return {}
}

async function call(r: RouteEntry, headers: Record<string, string>) {
  const payload = bodyOf(r)
  return h.rt.app.inject({
    method: r.method as 'GET',
    url: pathOf(r),
    headers: { 'idempotency-key': randomUUID(), ...headers },
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> })
  })
}

async function stats() {
  const out: unknown[] = []
  for (const id of [seated, coupon, other]) {
    const res = await h.rt.app.inject({
      method: 'GET',
      url: `/v1/admin/events/${id}/stats`,
      headers: { authorization: `Bearer ${h.adminToken}` }
    })
    expect(res.statusCode).toBe(200)
    const body = res.json() as Record<string, unknown>
    // Lag and backlog move with the background pipeline, not with the requests under test.
    delete body.consumerLag
    delete body.ledgerBacklog
    out.push(body)
  }
  return out
}

describe('authorization matrix', () => {
  it('covers every route the app registers', () => {
    const routes = h.rt.app.routeCatalogue.map(key)
    expect(routes.length).toBeGreaterThan(20)
    for (const r of ['POST /v1/events/:id/holds', 'POST /v1/events/:id/queue', 'PUT /v1/admin/rate-limits']) {
      expect(routes).toContain(r)
    }
  })

  it('refuses every protected route without a valid token, and buyers on admin routes; nothing changes', async () => {
    const before = await stats()
    // The web app's pages and assets (served from `/`) are public too.
    const guarded = h.rt.app.routeCatalogue.filter(
      (r) => !PUBLIC.has(key(r)) && !(r.method === 'GET' && !r.url.startsWith('/v1/'))
    )
    expect(guarded.length).toBeGreaterThan(15)
    const cases: Array<[string, Record<string, string>]> = [
      ['no token', {}],
      ['a malformed header', { authorization: 'Bearer not-a-jwt' }],
      ['a forged token', { authorization: `Bearer ${tokens.forged}` }],
      ['an expired token', { authorization: `Bearer ${tokens.expired}` }],
      ['a token for another audience', { authorization: `Bearer ${tokens.wrongAudience}` }],
      ['a forged admin token', { authorization: `Bearer ${tokens.forgedAdmin}` }]
    ]
    for (const r of guarded) {
      for (const [name, headers] of cases) {
        const res = await call(r, { ...headers, 'x-access-token': access.alice })
        expect(res.statusCode, `${key(r)} with ${name}: ${res.body}`).toBe(401)
        expect(res.json()).toMatchObject({ code: 'FC_UNAUTHORIZED' })
      }
      if (r.url.startsWith('/v1/admin/')) {
        const res = await call(r, { authorization: `Bearer ${tokens.alice}` })
        expect(res.statusCode, `${key(r)} with a buyer token: ${res.body}`).toBe(403)
        expect(res.json()).toMatchObject({ code: 'FC_FORBIDDEN' })
      }
    }
    expect(await stats()).toEqual(before)
  })

  it("refuses another user's bearer token on someone's hold, reservation or claim", async () => {
    const before = await stats()
    const owned = h.rt.app.routeCatalogue.filter(
      (r) =>
        r.url.includes(':holdId') || r.url.startsWith('/v1/reservations/') || r.url.startsWith('/v1/claims/')
    )
    expect(owned.map(key).sort()).toEqual([
      'DELETE /v1/holds/:holdId',
      'GET /v1/claims/:id',
      'GET /v1/reservations/:id',
      'POST /v1/claims/:id/cancel',
      'POST /v1/holds/:holdId/confirm',
      'POST /v1/holds/:holdId/extend',
      'POST /v1/reservations/:id/cancel'
    ])
    for (const r of owned) {
      // Bob with his own, valid access token for the sale: still not his hold.
      const res = await call(r, { authorization: `Bearer ${tokens.bob}`, 'x-access-token': access.bob })
      // A cancel of someone else's booking answers as for one that does not exist.
      const cancel = r.url.endsWith('/cancel')
      expect(res.statusCode, `${key(r)}: ${res.body}`).toBe(cancel ? 404 : 403)
      expect(res.json()).toMatchObject({ code: cancel ? 'FC_NOT_FOUND' : 'FC_FORBIDDEN' })
    }
    expect(await stats()).toEqual(before)
  })

  it("refuses another user's access token, and an access token for another sale", async () => {
    const before = await stats()
    const withAccess = h.rt.app.routeCatalogue.filter(
      (r) => r.validates.headers && !r.url.startsWith('/v1/admin/')
    )
    expect(withAccess.length).toBe(5)
    for (const r of withAccess) {
      const isClaim = r.url.endsWith('/claims')
      const bobs = isClaim ? access.bobCoupon : access.bob
      const res = await call(r, { authorization: `Bearer ${tokens.alice}`, 'x-access-token': bobs })
      expect(res.statusCode, `${key(r)} with bob's access token: ${res.body}`).toBe(403)
      expect(res.json()).toMatchObject({ code: 'FC_FORBIDDEN' })
      const elsewhere = await call(r, {
        authorization: `Bearer ${tokens.alice}`,
        'x-access-token': access.aliceOther
      })
      expect(elsewhere.statusCode, `${key(r)} with another sale's access token: ${elsewhere.body}`).toBe(403)
      expect(elsewhere.json()).toMatchObject({ code: 'FC_NOT_ADMITTED' })
      const none = await call(r, { authorization: `Bearer ${tokens.alice}` })
      expect(none.statusCode, `${key(r)} without an access token: ${none.body}`).toBe(403)
      expect(none.json()).toMatchObject({ code: 'FC_NOT_ADMITTED' })
    }
    expect(await stats()).toEqual(before)
  })
})
