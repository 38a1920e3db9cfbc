/**
 * Finding 1 (high): access tokens, queue tokens and proof-of-work challenges were signed with a key
 * derived from `FC_JWT_SECRET || FC_JWKS_URL`. In a JWKS-only deployment the key came from a public
 * URL: anyone could mint challenges (own salt, far expiry), forge another buyer's queue token and
 * access token. They now have their own server secret, `FC_TOKEN_SECRET`, required outside the
 * development profile; a challenge whose expiry lies further ahead than its TTL is refused; queue
 * tokens expire and carry a nonce; a previous secret verifies during a rotation, never signs.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type CryptoKey, exportJWK, generateKeyPair, SignJWT } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config/index.ts'
import { AccessTokens } from '../../src/services/sales/access-tokens.ts'
import { ChallengeService, solveChallenge } from '../../src/services/traffic/challenge-service.ts'
import { QueueTokens } from '../../src/services/waiting-room/queue-tokens.ts'
import { configProblems } from '../http/helpers.ts'
import { createHarness, type Harness, seatedSale } from '../support/harness.ts'

const STRONG = 'Qm9vdHN0cmFwLWtleS1mb3ItdGVzdHMtb25seS1hYmNkZWZnaGlqa2xt'

let jwks: Server
let jwksUrl: string
let signingKey: CryptoKey
let h: Harness

beforeAll(async () => {
  const pair = await generateKeyPair('RS256')
  signingKey = pair.privateKey
  const keys = [{ ...(await exportJWK(pair.publicKey)), kid: 'idp-1', alg: 'RS256', use: 'sig' }]
  jwks = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys }))
  })
  await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve))
  jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`
  // A JWKS-only deployment: bearer tokens come from the identity provider, no shared secret.
  h = await createHarness({ FC_JWKS_URL: jwksUrl, FC_JWT_SECRET: '' })
})
afterAll(async () => {
  await h?.close()
  await new Promise((resolve) => jwks?.close(resolve))
})

/** A bearer token the identity provider would issue. */
async function bearer(userId: string, claims: Record<string, unknown> = {}): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: 'idp-1' })
    .setSubject(userId)
    .setAudience('firstcome')
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(signingKey)
}

async function createSale(body: Record<string, unknown>): Promise<string> {
  const res = await h.rt.app.inject({
    method: 'POST',
    url: '/v1/admin/events',
    headers: { authorization: `Bearer ${await bearer('operator', { role: 'admin' })}` },
    payload: body
  })
  expect(res.statusCode, res.body).toBe(201)
  return (res.json() as { id: string }).id
}

describe('token keys in a JWKS-only deployment', () => {
  it('runs with FC_TOKEN_SECRET and no FC_JWT_SECRET', () => {
    expect(h.config.auth.jwtSecret).toBe('')
    expect(h.config.tokens.secret.length).toBeGreaterThanOrEqual(32)
    expect(h.config.tokens.secret).not.toBe(jwksUrl)
  })

  it('refuses access tokens, queue tokens and challenges made with the public JWKS URL', async () => {
    const saleId = await createSale(seatedSale(1, 4, { challenge: { difficulty: 4 } }))
    // What anyone could compute before: keys derived from the URL the service publishes.
    const fromUrl = { secret: jwksUrl }
    const until = Date.now() + 600_000
    await h.inventory.admit(saleId, ['victim'], until)

    // Another buyer's access token, forged: no hold with it.
    const forgedAccess = new AccessTokens(fromUrl).sign({ userId: 'victim', saleId, exp: until })
    expect(h.rt.tokens.verify(forgedAccess)).toBeUndefined()
    const hold = await h.rt.app.inject({
      method: 'POST',
      url: `/v1/events/${saleId}/holds`,
      headers: {
        authorization: `Bearer ${await bearer('victim')}`,
        'x-access-token': forgedAccess,
        'idempotency-key': 'forged-1'
      },
      payload: { seatId: 'A-1-1' }
    })
    expect(hold.statusCode).toBe(403)
    expect(hold.json()).toMatchObject({ code: 'FC_NOT_ADMITTED' })

    // Another buyer's queue token, forged: it names nobody.
    const forgedQueue = new QueueTokens(fromUrl, { ttlSec: 3600 }).sign({
      saleId,
      userId: 'victim',
      ticket: 1
    })
    const stream = await h.rt.app.inject({
      url: `/v1/events/${saleId}/queue/stream?queueToken=${forgedQueue}`
    })
    expect(stream.statusCode).toBe(401)
    expect(stream.json()).toMatchObject({ code: 'FC_UNAUTHORIZED' })

    // A challenge of one's own making (own salt, any expiry): unknown.
    const minted = await new ChallengeService({
      ledger: { consumeOnce: async () => true },
      secrets: fromUrl,
      difficultyOf: async () => 4
    }).issue(saleId, 'farmer')
    const join = await h.rt.app.inject({
      method: 'POST',
      url: `/v1/events/${saleId}/queue`,
      headers: { authorization: `Bearer ${await bearer('farmer')}` },
      payload: { challenge: { challengeId: minted.challengeId, nonce: solveChallenge(minted.salt, 4) } }
    })
    expect(join.statusCode).toBe(403)
    expect(join.json()).toMatchObject({ code: 'FC_CHALLENGE_INVALID', details: { reason: 'unknown' } })
    expect((await h.rt.waitingRoom.room.counts(saleId)).waiting).toBe(0)
    expect(await h.inventory.counts(saleId)).toMatchObject({ available: 4, held: 0 })
  })

  it('refuses a challenge whose expiry lies further ahead than its TTL, even with the right key', async () => {
    const saleId = await createSale(seatedSale(1, 1, { challenge: { difficulty: 4 } }))
    // Sealed with the server's own secret, but with an expiry an hour ahead: one solution that
    // would serve a whole account farm for an hour. Such a challenge is never issued.
    const stockpiled = await new ChallengeService({
      ledger: { consumeOnce: async () => true },
      secrets: h.config.tokens,
      difficultyOf: async () => 4,
      now: () => Date.now() + 3_600_000
    }).issue(saleId, 'farmer')
    const join = await h.rt.app.inject({
      method: 'POST',
      url: `/v1/events/${saleId}/queue`,
      headers: { authorization: `Bearer ${await bearer('farmer')}` },
      payload: {
        challenge: { challengeId: stockpiled.challengeId, nonce: solveChallenge(stockpiled.salt, 4) }
      }
    })
    expect(join.statusCode).toBe(403)
    expect(join.json()).toMatchObject({ code: 'FC_CHALLENGE_INVALID', details: { reason: 'unknown' } })

    // The same, issued by the service itself: accepted.
    const issued = await h.rt.app.inject({
      method: 'POST',
      url: `/v1/events/${saleId}/challenge`,
      headers: { authorization: `Bearer ${await bearer('farmer')}` }
    })
    const c = issued.json() as { challengeId: string; salt: string; difficulty: number }
    const ok = await h.rt.app.inject({
      method: 'POST',
      url: `/v1/events/${saleId}/queue`,
      headers: { authorization: `Bearer ${await bearer('farmer')}` },
      payload: { challenge: { challengeId: c.challengeId, nonce: solveChallenge(c.salt, c.difficulty) } }
    })
    expect(ok.statusCode, ok.body).toBe(200)
  })

  it('gives queue tokens an expiry and a nonce, and renews them on a poll', async () => {
    const saleId = await createSale(seatedSale(1, 1))
    const auth = { authorization: `Bearer ${await bearer('waiter')}` }
    const join = (
      await h.rt.app.inject({ method: 'POST', url: `/v1/events/${saleId}/queue`, headers: auth })
    ).json()
    const poll = (await h.rt.app.inject({ url: `/v1/events/${saleId}/queue`, headers: auth })).json()
    const room = h.rt.waitingRoom.room
    expect(room.userOfQueueToken(join.queueToken, saleId)).toBe('waiter')
    expect(room.userOfQueueToken(poll.queueToken, saleId)).toBe('waiter')
    // Same user, sale and ticket: the nonce still makes every token different.
    expect(poll.queueToken).not.toBe(join.queueToken)
    const claims = JSON.parse(Buffer.from(join.queueToken.split('.')[0], 'base64url').toString()) as {
      e: number
      n: string
    }
    expect(claims.n).toMatch(/^[A-Za-z0-9_-]{12}$/)
    expect(claims.e - Date.now()).toBeLessThanOrEqual(h.config.tokens.queueTtlSec * 1000)
    expect(claims.e).toBeGreaterThan(Date.now())

    // Signed with the right secret, but expired, or expiring further ahead than tokens ever do.
    const at = (now: number) =>
      new QueueTokens(h.config.tokens, { ttlSec: h.config.tokens.queueTtlSec, now: () => now })
    const expired = at(Date.now() - (h.config.tokens.queueTtlSec + 1) * 1000).sign({
      saleId,
      userId: 'waiter',
      ticket: 1
    })
    const farAhead = at(Date.now() + 86_400_000).sign({ saleId, userId: 'waiter', ticket: 1 })
    for (const token of [expired, farAhead]) {
      expect(() => room.userOfQueueToken(token, saleId)).toThrow(/not valid/)
    }
  })
})

describe('FC_TOKEN_SECRET in the configuration', () => {
  const production = {
    NODE_ENV: 'production',
    FC_JWKS_URL: 'https://idp.example/.well-known/jwks.json'
  }

  const refusal = configProblems

  it('is required in production and test, JWKS URL or not; only development has a default', () => {
    expect(refusal(production).FC_TOKEN_SECRET).toMatch(
      /needs it.*never derived from FC_JWT_SECRET or FC_JWKS_URL/
    )
    expect(refusal({ NODE_ENV: 'test', FC_JWT_SECRET: STRONG }).FC_TOKEN_SECRET).toMatch(/needs it/)
    expect(
      loadConfig({ ...production, FC_TOKEN_SECRET: STRONG, FC_PAYMENT_ALLOW_SIMULATOR: '1' }).tokens.secret
    ).toBe(STRONG)
    expect(loadConfig({}).tokens.secret.length).toBeGreaterThanOrEqual(32)
  })

  it('must differ from FC_JWT_SECRET and from the previous secret, and be 32+ characters', () => {
    expect(refusal({ FC_JWT_SECRET: STRONG, FC_TOKEN_SECRET: STRONG }).FC_TOKEN_SECRET).toMatch(
      /must differ from FC_JWT_SECRET/
    )
    expect(
      refusal({ FC_TOKEN_SECRET: STRONG, FC_TOKEN_SECRET_PREVIOUS: STRONG }).FC_TOKEN_SECRET_PREVIOUS
    ).toMatch(/same as FC_TOKEN_SECRET/)
    expect(refusal({ FC_TOKEN_SECRET: 'short' }).FC_TOKEN_SECRET).toMatch(/too short/)
  })
})

describe('rotating FC_TOKEN_SECRET', () => {
  const old = `${STRONG}-old`
  const current = `${STRONG}-new`

  it('verifies with the previous secret during the grace period, signs only with the current one', () => {
    const before = new AccessTokens({ secret: old })
    const during = new AccessTokens({ secret: current, previousSecret: old })
    const after = new AccessTokens({ secret: current })
    const claims = { userId: 'ana', saleId: 'e000000000000001', exp: Date.now() + 60_000 }
    const issuedBefore = before.sign(claims)
    expect(during.verify(issuedBefore)).toEqual(claims)
    const issuedDuring = during.sign(claims)
    expect(after.verify(issuedDuring)).toEqual(claims)
    expect(before.verify(issuedDuring)).toBeUndefined()
    // Once the previous secret is removed, what it signed stops working.
    expect(after.verify(issuedBefore)).toBeUndefined()
  })

  it('does the same for queue tokens and challenges', async () => {
    const q = (secrets: { secret: string; previousSecret?: string }) =>
      new QueueTokens(secrets, { ttlSec: 600 })
    const token = q({ secret: old }).sign({ saleId: 'e000000000000001', userId: 'ana', ticket: 3 })
    expect(q({ secret: current, previousSecret: old }).verify(token)).toMatchObject({
      userId: 'ana',
      ticket: 3
    })
    expect(q({ secret: current }).verify(token)).toBeUndefined()

    const challenges = (secrets: { secret: string; previousSecret?: string }) =>
      new ChallengeService({
        ledger: { consumeOnce: async () => true },
        secrets,
        difficultyOf: async () => 1
      })
    const c = await challenges({ secret: old }).issue('e000000000000001', 'ana')
    const solution = { challengeId: c.challengeId, nonce: solveChallenge(c.salt, c.difficulty) }
    await expect(
      challenges({ secret: current, previousSecret: old }).verifyAndConsume(
        'e000000000000001',
        'ana',
        solution
      )
    ).resolves.toBeUndefined()
    await expect(
      challenges({ secret: current }).verifyAndConsume('e000000000000001', 'ana', solution)
    ).rejects.toMatchObject({ code: 'FC_CHALLENGE_INVALID', details: { reason: 'unknown' } })
  })
})
