import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { type CryptoKey, exportJWK, generateKeyPair, SignJWT } from 'jose'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Config } from '../../src/config/index.ts'
import { type App, build } from '../../src/http/app.ts'
import { authenticate, currentUser, requireAdmin, signDevToken } from '../../src/http/auth.ts'
import { testConfig } from './helpers.ts'

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/v1/test/me', { onRequest: authenticate }, async (req) => currentUser(req))
  app.get('/v1/test/admin', { onRequest: requireAdmin }, async (req) => ({ admin: currentUser(req).id }))
  app.get('/v1/test/admin-pre', { preHandler: [requireAdmin] }, async () => ({ ok: true }))
}

const apps: App[] = []
afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.close()))
})

async function make(config: Config): Promise<App> {
  const app = await build({ config, logger: false, plugins: [routes] })
  apps.push(app)
  return app
}

const get = (app: App, url: string, token?: string) =>
  app.inject({ method: 'GET', url, headers: token === undefined ? {} : { authorization: `Bearer ${token}` } })

function expect401(
  res: { statusCode: number; json: () => unknown; headers: Record<string, unknown> },
  message?: string
) {
  expect(res.statusCode).toBe(401)
  expect(res.json()).toMatchObject({ statusCode: 401, code: 'FC_UNAUTHORIZED', error: 'Unauthorized' })
  if (message) expect((res.json() as { message: string }).message).toBe(message)
  expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="firstcome"/)
}

describe('bearer tokens (HS256)', () => {
  const config = testConfig()
  const secret = new TextEncoder().encode(config.auth.jwtSecret)

  it('refuses a request without a token', async () => {
    const app = await make(config)
    expect401(await get(app, '/v1/test/me'), 'A valid bearer token is required')
  })

  it('refuses malformed headers and tokens', async () => {
    const app = await make(config)
    for (const authorization of [
      'Basic dXNlcjpwdw==',
      'Bearer',
      'Bearer not-a-jwt',
      'Bearer a.b.c',
      `Bearer ${'a'.repeat(5000)}`
    ]) {
      expect401(await app.inject({ method: 'GET', url: '/v1/test/me', headers: { authorization } }))
    }
  })

  it('refuses a forged signature', async () => {
    const app = await make(config)
    const forged = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('mallory')
      .setAudience(config.auth.audience)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('another-secret-that-is-long-enough-000'))
    expect401(await get(app, '/v1/test/admin', forged), 'The bearer token is not valid')
    // Re-signing someone's token header and payload with alg "none" does not work either.
    const good = await signDevToken(config, 'alice', 'buyer')
    const [, payload] = good.split('.')
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`
    expect401(await get(app, '/v1/test/me', none))
  })

  it('refuses an expired token', async () => {
    const app = await make(config)
    const expired = await signDevToken(config, 'alice', 'buyer', { ttlSec: -60 })
    expect401(await get(app, '/v1/test/me', expired), 'The bearer token has expired')
  })

  it('refuses a token for another audience', async () => {
    const app = await make(config)
    const other = await signDevToken(testConfig({ FC_JWT_AUDIENCE: 'someone-else' }), 'alice')
    expect401(await get(app, '/v1/test/me', other), 'The bearer token is not meant for this service')
  })

  it('refuses a token without exp, or with a bad subject', async () => {
    const app = await make(config)
    const noExp = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('alice')
      .setAudience(config.auth.audience)
      .setIssuedAt()
      .sign(secret)
    expect401(await get(app, '/v1/test/me', noExp))
    for (const sub of ['', 'a b', 'x'.repeat(65), 'ünï']) {
      const token = await new SignJWT({})
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(sub)
        .setAudience(config.auth.audience)
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(secret)
      expect401(await get(app, '/v1/test/me', token))
    }
  })

  it('accepts a valid token and sets request.user', async () => {
    const app = await make(config)
    const res = await get(app, '/v1/test/me', await signDevToken(config, 'user:alice@example.com'))
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ id: 'user:alice@example.com', role: 'buyer' })
    // A role other than admin is a buyer.
    const odd = await new SignJWT({ role: 'superuser' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('bob')
      .setAudience(config.auth.audience)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(secret)
    expect((await get(app, '/v1/test/me', odd)).json()).toEqual({ id: 'bob', role: 'buyer' })
  })

  it('requireAdmin: 401 without a token, 403 for a buyer, 200 for an admin', async () => {
    const app = await make(config)
    for (const url of ['/v1/test/admin', '/v1/test/admin-pre']) {
      expect401(await get(app, url))
      const buyer = await get(app, url, await signDevToken(config, 'bob', 'buyer'))
      expect(buyer.statusCode).toBe(403)
      expect(buyer.json()).toMatchObject({ statusCode: 403, code: 'FC_FORBIDDEN', error: 'Forbidden' })
      const admin = await get(app, url, await signDevToken(config, 'root', 'admin'))
      expect(admin.statusCode).toBe(200)
    }
  })
})

describe('POST /v1/dev/token', () => {
  it('does not exist unless FC_DEV_AUTH is on', async () => {
    const app = await make(testConfig())
    const res = await app.inject({ method: 'POST', url: '/v1/dev/token', payload: { userId: 'alice' } })
    expect(res.statusCode).toBe(404)
    expect(res.json().code).toBe('FC_NOT_FOUND')
  })

  it('mints a working 12-hour token when FC_DEV_AUTH=1', async () => {
    const config = testConfig({ FC_DEV_AUTH: '1' })
    const app = await make(config)
    const res = await app.inject({
      method: 'POST',
      url: '/v1/dev/token',
      payload: { userId: 'admin-1', role: 'admin' }
    })
    expect(res.statusCode).toBe(200)
    const { token } = res.json() as { token: string }
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as Record<
      string,
      number
    >
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(12 * 3600)
    expect((await get(app, '/v1/test/admin', token)).json()).toEqual({ admin: 'admin-1' })

    const buyer = await app.inject({ method: 'POST', url: '/v1/dev/token', payload: { userId: 'bob' } })
    expect((await get(app, '/v1/test/me', buyer.json().token)).json()).toEqual({ id: 'bob', role: 'buyer' })
  })

  it('validates its body', async () => {
    const app = await make(testConfig({ FC_DEV_AUTH: '1' }))
    const post = (payload: Record<string, unknown>) =>
      app.inject({ method: 'POST', url: '/v1/dev/token', payload })
    expect((await post({})).json().message).toBe('body.userId is required')
    expect((await post({ userId: 'a b' })).json().message).toBe('body.userId has an invalid format')
    expect((await post({ userId: 'a', role: 'root' })).json().message).toBe(
      'body.role must be one of: admin, buyer'
    )
    expect((await post({ userId: 'a', admin: true })).json().message).toBe(
      'body.admin is not an allowed field'
    )
  })
})

describe('bearer tokens from a JWKS URL (RS256, ES256)', () => {
  let server: Server
  let jwksUrl: string
  let fetches = 0
  const rsa = generateKeyPair('RS256')
  const ec = generateKeyPair('ES256')

  beforeAll(async () => {
    const keys = [
      { ...(await exportJWK((await rsa).publicKey)), kid: 'rsa-1', alg: 'RS256', use: 'sig' },
      { ...(await exportJWK((await ec).publicKey)), kid: 'ec-1', alg: 'ES256', use: 'sig' }
    ]
    server = createServer((req, res) => {
      fetches++
      if (req.url !== '/.well-known/jwks.json') {
        res.writeHead(404).end()
        return
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys }))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`
  })
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve))
  })

  const sign = async (
    alg: 'RS256' | 'ES256',
    kid: string,
    key: CryptoKey,
    claims: Record<string, unknown> = {}
  ) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg, kid })
      .setSubject('carol')
      .setAudience('firstcome')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(key)

  it('accepts RS256 and ES256 tokens signed by a key in the set', async () => {
    const app = await make(testConfig({ FC_JWKS_URL: jwksUrl }))
    const r = await get(app, '/v1/test/me', await sign('RS256', 'rsa-1', (await rsa).privateKey))
    expect(r.statusCode).toBe(200)
    expect(r.json()).toEqual({ id: 'carol', role: 'buyer' })
    const e = await get(
      app,
      '/v1/test/admin',
      await sign('ES256', 'ec-1', (await ec).privateKey, { role: 'admin' })
    )
    expect(e.json()).toEqual({ admin: 'carol' })
    expect(fetches).toBeGreaterThan(0)
  })

  it('refuses a token signed by a key outside the set, and HS256 when no secret is configured', async () => {
    const config = testConfig({ FC_JWKS_URL: jwksUrl })
    expect(config.auth.jwtSecret).toBe('')
    const app = await make(config)
    const stranger = await generateKeyPair('RS256')
    expect401(await get(app, '/v1/test/me', await sign('RS256', 'rsa-1', stranger.privateKey)))
    expect401(await get(app, '/v1/test/me', await sign('RS256', 'rsa-unknown', stranger.privateKey)))
    const hs = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('carol')
      .setAudience('firstcome')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode('firstcome-development-secret-do-not-use-in-production'))
    expect401(await get(app, '/v1/test/me', hs))
  })

  it('answers 503 FC_UNAVAILABLE when the key set cannot be fetched', async () => {
    const app = await make(testConfig({ FC_JWKS_URL: jwksUrl.replace('jwks.json', 'missing.json') }))
    const res = await get(app, '/v1/test/me', await sign('RS256', 'rsa-1', (await rsa).privateKey))
    expect(res.statusCode).toBe(503)
    expect(res.json().code).toBe('FC_UNAVAILABLE')
    expect(res.headers['retry-after']).toBe('2')
  })

  it('refuses to start dev tokens without a secret to sign them', async () => {
    await expect(
      build({ config: testConfig({ FC_JWKS_URL: jwksUrl, FC_DEV_AUTH: '1' }), logger: false })
    ).rejects.toThrow(/FC_DEV_AUTH=1 needs FC_JWT_SECRET/)
  })
})
