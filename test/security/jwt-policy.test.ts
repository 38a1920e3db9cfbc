/**
 * Low: the bearer-token policy. Before: no limit on a token's age (`iat` not even required), no
 * issuer check, admin from a hard-wired `role: "admin"`, and a verified token was trusted from
 * memory until its `exp`, so a signing key removed from the JWKS kept working for as long as its
 * tokens lived. Now: `iat` is required and at most FC_JWT_MAX_AGE_SEC old, FC_JWT_ISSUER (when set)
 * must match `iss`, admin comes from FC_JWT_ADMIN_CLAIM / FC_JWT_ADMIN_VALUE (default `role` /
 * `admin`), and a removed key stops working within FC_JWKS_MAX_AGE_SEC.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { type CryptoKey, exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Config } from '../../src/config/index.ts'
import { type App, build } from '../../src/http/app.ts'
import { authenticate, currentUser, requireAdmin, signDevToken } from '../../src/http/auth.ts'
import { testConfig } from '../http/helpers.ts'

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/me', { onRequest: authenticate }, async (req) => currentUser(req))
  app.get('/admin', { onRequest: requireAdmin }, async () => ({ ok: true }))
}

const apps: App[] = []
afterEach(async () => {
  vi.useRealTimers()
  await Promise.all(apps.splice(0).map((a) => a.close()))
})

async function make(config: Config): Promise<App> {
  const app = await build({ config, logger: false, plugins: [routes] })
  apps.push(app)
  return app
}

const get = (app: App, url: string, token: string) =>
  app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } })

/** An HS256 token for the config's secret; `iat` and `exp` in seconds from now (null: absent). */
function hs(
  config: Config,
  opts: { iat?: number | null; exp?: number; iss?: string; claims?: Record<string, unknown> } = {}
): Promise<string> {
  const now = Math.floor(Date.now() / 1000)
  let jwt = new SignJWT(opts.claims ?? {})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('ana')
    .setAudience(config.auth.audience)
    .setExpirationTime(now + (opts.exp ?? 600))
  if (opts.iat !== null) jwt = jwt.setIssuedAt(now + (opts.iat ?? 0))
  if (opts.iss) jwt = jwt.setIssuer(opts.iss)
  return jwt.sign(new TextEncoder().encode(config.auth.jwtSecret))
}

describe('token age', () => {
  it('requires iat, refuses tokens older than FC_JWT_MAX_AGE_SEC or issued in the future', async () => {
    const config = testConfig({ FC_JWT_MAX_AGE_SEC: '3600' })
    const app = await make(config)
    expect((await get(app, '/me', await hs(config, { iat: null }))).statusCode).toBe(401)
    const old = await get(app, '/me', await hs(config, { iat: -7200, exp: 3600 }))
    expect(old.statusCode).toBe(401)
    expect(old.json()).toMatchObject({
      code: 'FC_UNAUTHORIZED',
      message: 'The bearer token is too old: get a new one'
    })
    expect((await get(app, '/me', await hs(config, { iat: 3600, exp: 7200 }))).statusCode).toBe(401)
    expect((await get(app, '/me', await hs(config, { iat: -600 }))).statusCode).toBe(200)
  })

  it('stops trusting a verified token from memory once it grows too old', async () => {
    const config = testConfig({ FC_JWT_MAX_AGE_SEC: '3600' })
    const app = await make(config)
    const token = await hs(config, { iat: -3590, exp: 3600 })
    expect((await get(app, '/me', token)).statusCode).toBe(200)
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(Date.now() + 20_000)
    expect((await get(app, '/me', token)).statusCode).toBe(401)
  })

  it('dev tokens fit within the allowed age', async () => {
    const config = testConfig({ FC_JWT_MAX_AGE_SEC: '600', FC_DEV_AUTH: '1' })
    const token = await signDevToken(config, 'ana')
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as {
      iat: number
      exp: number
    }
    expect(claims.exp - claims.iat).toBe(600)
    expect((await get(await make(config), '/me', token)).statusCode).toBe(200)
  })
})

describe('issuer', () => {
  it('is checked when FC_JWT_ISSUER is set, and only then', async () => {
    const config = testConfig({ FC_JWT_ISSUER: 'https://idp.example' })
    const app = await make(config)
    const other = await get(app, '/me', await hs(config, { iss: 'https://evil.example' }))
    expect(other.statusCode).toBe(401)
    expect(other.json().message).toBe('The bearer token was not issued by the expected issuer')
    expect((await get(app, '/me', await hs(config))).statusCode).toBe(401)
    expect((await get(app, '/me', await hs(config, { iss: 'https://idp.example' }))).statusCode).toBe(200)
    expect((await get(app, '/me', await signDevToken(config, 'ana'))).statusCode).toBe(200)

    const unchecked = testConfig()
    expect((await get(await make(unchecked), '/me', await hs(unchecked, { iss: 'anyone' }))).statusCode).toBe(
      200
    )
  })
})

describe('admin claim', () => {
  it('defaults to role: "admin"', async () => {
    const config = testConfig()
    const app = await make(config)
    expect((await get(app, '/admin', await hs(config, { claims: { role: 'admin' } }))).statusCode).toBe(200)
    expect(
      (await get(app, '/admin', await hs(config, { claims: { role: 'administrator' } }))).statusCode
    ).toBe(403)
    expect((await get(app, '/admin', await hs(config, { claims: { admin: true } }))).statusCode).toBe(403)
  })

  it('comes only from the configured claim and value (a string, or a list holding it)', async () => {
    const config = testConfig({
      FC_JWT_ADMIN_CLAIM: 'groups',
      FC_JWT_ADMIN_VALUE: 'fc-admins',
      FC_DEV_AUTH: '1'
    })
    const app = await make(config)
    const as = async (claims: Record<string, unknown>) =>
      (await get(app, '/admin', await hs(config, { claims }))).statusCode
    expect(await as({ groups: ['staff', 'fc-admins'] })).toBe(200)
    expect(await as({ groups: 'fc-admins' })).toBe(200)
    expect(await as({ role: 'admin' })).toBe(403)
    expect(await as({ groups: ['staff'] })).toBe(403)
    expect(await as({ groups: { 'fc-admins': true } })).toBe(403)
    expect((await get(app, '/admin', await signDevToken(config, 'ops', 'admin'))).statusCode).toBe(200)
    expect((await get(app, '/admin', await signDevToken(config, 'ana', 'buyer'))).statusCode).toBe(403)
  })
})

describe('a signing key removed from the JWKS', () => {
  let server: Server
  let url: string
  let served: { keys: JWK[] } | null
  let fetches = 0
  const first = generateKeyPair('RS256')
  const second = generateKeyPair('RS256')

  beforeAll(async () => {
    served = {
      keys: [{ ...(await exportJWK((await first).publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' }]
    }
    server = createServer((_req, res) => {
      fetches++
      if (!served) res.writeHead(500).end()
      else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(served))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`
  })
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve))
  })

  const sign = (kid: string, key: CryptoKey) =>
    new SignJWT({})
      .setProtectedHeader({ alg: 'RS256', kid })
      .setSubject('carol')
      .setAudience('firstcome')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(key)

  it('stops working within FC_JWKS_MAX_AGE_SEC, and an unreachable key set fails closed', async () => {
    const app = await make(testConfig({ FC_JWKS_URL: url, FC_JWKS_MAX_AGE_SEC: '60' }))
    const revoked = await sign('k1', (await first).privateKey)
    expect((await get(app, '/me', revoked)).statusCode).toBe(200)
    const before = fetches

    // The identity provider rotates: k1 is gone, k2 signs.
    served = {
      keys: [{ ...(await exportJWK((await second).publicKey)), kid: 'k2', alg: 'RS256', use: 'sig' }]
    }
    const fresh = await sign('k2', (await second).privateKey)
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(Date.now() + 61_000)
    const after = await get(app, '/me', revoked)
    expect(after.statusCode).toBe(401)
    expect(fetches).toBeGreaterThan(before)
    expect((await get(app, '/me', fresh)).statusCode).toBe(200)

    // The key set can't be fetched once it is stale: no token is taken on trust.
    served = null
    vi.setSystemTime(Date.now() + 61_000)
    const down = await get(app, '/me', fresh)
    expect(down.statusCode).toBe(503)
    expect(down.json()).toMatchObject({ code: 'FC_UNAVAILABLE' })
  })
})
