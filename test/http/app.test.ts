import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { Registry } from 'prom-client'
import { afterEach, describe, expect, it } from 'vitest'
import { FcError } from '../../src/errors.ts'
import type { App } from '../../src/http/app.ts'
import { type BuildOptions, build } from '../../src/http/app.ts'
import { authenticate, signDevToken } from '../../src/http/auth.ts'
import { cachedReadiness } from '../../src/http/health.ts'
import { buildInternal } from '../../src/http/internal.ts'
import {
  errorResponses,
  HoldHeaders,
  IdempotencyKeyHeader,
  SaleIdParam,
  SeatId,
  StrictObject
} from '../../src/http/schemas.ts'
import { API_CSP } from '../../src/http/security.ts'
import { captureLogs, testConfig } from './helpers.ts'

const SALE = 'e0123456789abcde'

/** Routes that exercise the foundation the way feature routes will. */
const testRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/v1/test/echo',
    {
      schema: {
        body: StrictObject({ name: Type.String({ minLength: 1 }), count: Type.Optional(Type.Integer()) })
      }
    },
    async (req) => ({ got: req.body })
  )
  app.get(
    '/v1/test/events/:id',
    {
      schema: {
        params: SaleIdParam,
        querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1 })) })
      }
    },
    async (req) => ({ id: req.params.id, limit: req.query.limit ?? null, limitType: typeof req.query.limit })
  )
  app.post('/v1/test/keyed', { schema: { headers: IdempotencyKeyHeader } }, async (req) => ({
    key: req.headers['idempotency-key']
  }))
  app.post('/v1/test/no-body', async (req) => ({ body: req.body ?? null }))
  app.get('/v1/test/boom', async () => {
    throw new Error('password=hunter2 at db.internal:5432')
  })
  app.get('/v1/test/internal', async () => {
    throw new FcError('FC_INTERNAL', 'pool exhausted on 10.0.0.7')
  })
  app.get('/v1/test/limited', async () => {
    throw new FcError('FC_RATE_LIMITED')
  })
  app.get('/v1/test/unavailable', async () => {
    throw new FcError('FC_UNAVAILABLE', 'Kafka is down: try again', { retryAfterSec: 2.2 })
  })
  app.get('/v1/test/sold-out', async () => {
    throw new FcError('FC_SOLD_OUT', undefined, { details: { remaining: 0 } })
  })
  // Shaped like a real feature route: auth, header and param schemas, declared responses, a refusal.
  app.post(
    '/v1/test/events/:id/holds',
    {
      onRequest: authenticate,
      schema: {
        params: SaleIdParam,
        headers: HoldHeaders,
        body: StrictObject({ seatId: SeatId }),
        response: {
          201: Type.Object({ holdId: Type.String(), seatId: SeatId, expiresAt: Type.String() }),
          ...errorResponses(['FC_VALIDATION', 'FC_UNAUTHORIZED', 'FC_FORBIDDEN', 'FC_SEAT_TAKEN'])
        }
      }
    },
    async (req, reply) => {
      if (req.body.seatId === 'A-1-1') {
        throw new FcError('FC_SEAT_TAKEN', undefined, { details: { seatId: req.body.seatId } })
      }
      return reply.code(201).send({
        holdId: `${req.params.id}.h0123456789abcdef`,
        seatId: req.body.seatId,
        expiresAt: new Date(0).toISOString()
      })
    }
  )
  app.post('/v1/test/log', async (req) => {
    req.log.info({ headers: req.headers, body: req.body }, 'logging a request on purpose')
    return { ok: true }
  })
}

const apps: App[] = []
afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.close()))
})

async function make(options: Partial<BuildOptions> = {}, env: Record<string, string> = {}): Promise<App> {
  const app = await build({ config: testConfig(env), logger: false, plugins: [testRoutes], ...options })
  apps.push(app)
  return app
}

/** The internal listener's app, readiness from `probes` (not cached unless asked), metrics from `registry`. */
async function internalApp(
  readinessOptions: Partial<Parameters<typeof cachedReadiness>[0]> = {},
  registry = new Registry()
): Promise<App> {
  const app = await buildInternal({
    config: testConfig(),
    logger: false,
    readiness: cachedReadiness({ probes: [], probeTimeoutMs: 1000, cacheMs: 0, ...readinessOptions }),
    metrics: { contentType: registry.contentType, text: () => registry.metrics() }
  })
  apps.push(app)
  return app
}

describe('health and readiness', () => {
  it('GET /health answers ok; the public app has no /ready and no /metrics', async () => {
    const app = await make()
    const res = await app.inject({ method: 'GET', url: '/health' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ status: 'ok' })
    for (const url of ['/ready', '/metrics']) {
      expect((await app.inject({ method: 'GET', url })).statusCode, url).toBe(404)
    }
  })

  it('GET /ready (internal) is 200 when every probe passes, with the per-event warm state', async () => {
    const app = await internalApp({
      probes: [
        { name: 'redis', check: async () => true },
        { name: 'postgres', check: async () => true }
      ],
      warmState: async () => ({ [SALE]: true, e0000000000000001: false })
    })
    const res = await app.inject({ method: 'GET', url: '/ready' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({
      ready: true,
      checks: { redis: true, postgres: true, warmup: true },
      events: { [SALE]: true, e0000000000000001: false }
    })
  })

  it('GET /ready (internal) is 503 with the same shape when a probe fails, throws or hangs', async () => {
    const app = await internalApp({
      probes: [
        { name: 'redis', check: async () => true },
        { name: 'postgres', check: async () => false },
        {
          name: 'kafka',
          check: async () => {
            throw new Error('broker down')
          }
        },
        { name: 'slow', check: () => new Promise<boolean>(() => {}) }
      ],
      probeTimeoutMs: 50
    })
    const started = Date.now()
    const res = await app.inject({ method: 'GET', url: '/ready' })
    expect(Date.now() - started).toBeLessThan(1000)
    expect(res.statusCode).toBe(503)
    expect(res.json()).toEqual({
      ready: false,
      checks: { redis: true, postgres: false, kafka: false, slow: false },
      events: {}
    })
  })

  it('GET /ready (internal) is 503 when the warm-up state cannot be read', async () => {
    const app = await internalApp({
      probes: [{ name: 'redis', check: async () => true }],
      warmState: async () => {
        throw new Error('redis gone')
      }
    })
    const res = await app.inject({ method: 'GET', url: '/ready' })
    expect(res.statusCode).toBe(503)
    expect(res.json()).toEqual({ ready: false, checks: { redis: true, warmup: false }, events: {} })
  })
})

describe('metrics', () => {
  it('exposes process metrics and a request histogram labelled by route pattern (internal listener)', async () => {
    const registry = new Registry()
    const app = await make({ metrics: registry })
    const internal = await internalApp({}, registry)
    await app.inject({ method: 'GET', url: `/v1/test/events/${SALE}?limit=3` })
    await app.inject({ method: 'GET', url: '/no/such/route/secret-token' })
    const res = await internal.inject({ method: 'GET', url: '/metrics' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^text\/plain/)
    const text = res.body
    expect(text).toContain('process_cpu_user_seconds_total')
    expect(text).toContain('# TYPE http_request_duration_seconds histogram')
    expect(text).toMatch(
      /http_request_duration_seconds_bucket\{le="[^"]+",method="GET",route="\/v1\/test\/events\/:id",status_code="200"\}/
    )
    expect(text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="unmatched",status_code="404"\} 1/
    )
    // Raw URLs never become label values.
    expect(text).not.toContain(SALE)
    expect(text).not.toContain('secret-token')
  })

  it('lets several apps share one registry, or each have their own', async () => {
    const shared = new Registry()
    const a = await make({ metrics: shared })
    const b = await make({ metrics: shared })
    await make()
    await a.inject({ method: 'GET', url: '/health' })
    await b.inject({ method: 'GET', url: '/health' })
    const text = await shared.metrics()
    expect(text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/health",status_code="200"\} 2/
    )
  })
})

describe('request ids', () => {
  it('echoes a safe incoming X-Request-Id', async () => {
    const app = await make()
    const res = await app.inject({
      method: 'GET',
      url: '/health',
      headers: { 'x-request-id': 'lb-7f3a:01.2_x' }
    })
    expect(res.headers['x-request-id']).toBe('lb-7f3a:01.2_x')
  })

  it('replaces an unsafe or missing one with a generated id', async () => {
    const app = await make()
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
    for (const bad of ['a b', '"},{"level":60', 'x'.repeat(65), '']) {
      const res = await app.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': bad } })
      expect(res.headers['x-request-id']).toMatch(uuid)
    }
    const none = await app.inject({ method: 'GET', url: '/health' })
    expect(none.headers['x-request-id']).toMatch(uuid)
  })

  it('is on error answers too', async () => {
    const app = await make()
    const res = await app.inject({ method: 'GET', url: '/nope', headers: { 'x-request-id': 'req-1' } })
    expect(res.headers['x-request-id']).toBe('req-1')
  })
})

describe('one error shape', () => {
  it('unknown route: 404 FC_NOT_FOUND', async () => {
    const app = await make()
    const res = await app.inject({ method: 'GET', url: '/v1/nothing-here?token=abc' })
    expect(res.statusCode).toBe(404)
    expect(res.headers['content-type']).toMatch(/^application\/json/)
    expect(res.json()).toEqual({
      statusCode: 404,
      code: 'FC_NOT_FOUND',
      error: 'Not Found',
      message: 'No route GET /v1/nothing-here'
    })
  })

  it('a malformed URL: 400 FC_VALIDATION, with the usual headers', async () => {
    const app = await make()
    const res = await app.inject({
      method: 'GET',
      url: '/v1/test/events/%E0%A4%A',
      headers: { 'x-request-id': 'bad-url' }
    })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toEqual({
      statusCode: 400,
      code: 'FC_VALIDATION',
      error: 'Bad Request',
      message: 'The URL is not valid'
    })
    expect(res.headers['x-request-id']).toBe('bad-url')
    expect(res.headers['x-content-type-options']).toBe('nosniff')
  })

  it('too big a body: 413 FC_PAYLOAD_TOO_LARGE', async () => {
    const app = await make({}, { FC_BODY_LIMIT_BYTES: '1024' })
    const res = await app.inject({
      method: 'POST',
      url: '/v1/test/echo',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'x'.repeat(2000) })
    })
    expect(res.statusCode).toBe(413)
    expect(res.json()).toMatchObject({
      statusCode: 413,
      code: 'FC_PAYLOAD_TOO_LARGE',
      error: 'Payload Too Large'
    })
  })

  it('bad JSON: 400 FC_VALIDATION', async () => {
    const app = await make()
    const res = await app.inject({
      method: 'POST',
      url: '/v1/test/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"name": "x",'
    })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toEqual({
      statusCode: 400,
      code: 'FC_VALIDATION',
      error: 'Bad Request',
      message: 'The body is not valid JSON'
    })
  })

  it('refuses prototype poisoning as invalid JSON', async () => {
    const app = await make()
    const res = await app.inject({
      method: 'POST',
      url: '/v1/test/no-body',
      headers: { 'content-type': 'application/json' },
      payload: '{"__proto__": {"admin": true}}'
    })
    expect(res.statusCode).toBe(400)
    expect(res.json().code).toBe('FC_VALIDATION')
  })

  it('a body that is not JSON: 415 FC_UNSUPPORTED_MEDIA_TYPE', async () => {
    const app = await make()
    for (const type of ['text/plain', 'application/xml', 'application/x-www-form-urlencoded']) {
      const res = await app.inject({
        method: 'POST',
        url: '/v1/test/echo',
        headers: { 'content-type': type },
        payload: 'name=x'
      })
      expect(res.statusCode, type).toBe(415)
      expect(res.json()).toMatchObject({ statusCode: 415, code: 'FC_UNSUPPORTED_MEDIA_TYPE' })
    }
  })

  it('an empty JSON body reads as no body', async () => {
    const app = await make()
    const res = await app.inject({
      method: 'POST',
      url: '/v1/test/no-body',
      headers: { 'content-type': 'application/json' }
    })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ body: null })
  })

  it('unexpected error: 500 FC_INTERNAL without the internal message, logged with the request id', async () => {
    const config = testConfig()
    const logs = captureLogs(config)
    const app = await make({ config, logger: logs.logger })
    const res = await app.inject({
      method: 'GET',
      url: '/v1/test/boom',
      headers: { 'x-request-id': 'boom-1' }
    })
    expect(res.statusCode).toBe(500)
    expect(res.json()).toEqual({
      statusCode: 500,
      code: 'FC_INTERNAL',
      error: 'Internal Server Error',
      message: 'Something went wrong on our side'
    })
    expect(res.body).not.toContain('hunter2')
    expect(res.body).not.toContain('stack')
    const line = logs.lines.find((l) => l.msg === 'request failed')
    expect(line).toMatchObject({ level: 50, reqId: 'boom-1', code: 'FC_INTERNAL' })
    expect(JSON.stringify(line?.err)).toContain('db.internal')
  })

  it('an FcError FC_INTERNAL never shows its own message either', async () => {
    const app = await make()
    const res = await app.inject({ method: 'GET', url: '/v1/test/internal' })
    expect(res.statusCode).toBe(500)
    expect(res.json().message).toBe('Something went wrong on our side')
  })

  it('FcError answers its own body, with details and Retry-After where due', async () => {
    const app = await make()
    const sold = await app.inject({ method: 'GET', url: '/v1/test/sold-out' })
    expect(sold.statusCode).toBe(409)
    expect(sold.json()).toEqual({
      statusCode: 409,
      code: 'FC_SOLD_OUT',
      error: 'Conflict',
      message: 'Sold out',
      details: { remaining: 0 }
    })
    expect(sold.headers['retry-after']).toBeUndefined()

    const limited = await app.inject({ method: 'GET', url: '/v1/test/limited' })
    expect(limited.statusCode).toBe(429)
    expect(limited.headers['retry-after']).toBe('1')
    expect(limited.json().code).toBe('FC_RATE_LIMITED')

    const down = await app.inject({ method: 'GET', url: '/v1/test/unavailable' })
    expect(down.statusCode).toBe(503)
    expect(down.headers['retry-after']).toBe('3')
    expect(down.json()).toMatchObject({ code: 'FC_UNAVAILABLE', message: 'Kafka is down: try again' })
  })
})

describe('validation', () => {
  const post = (app: App, payload: unknown) =>
    app.inject({ method: 'POST', url: '/v1/test/echo', payload: payload as Record<string, unknown> })

  it('refuses an unknown field instead of dropping it', async () => {
    const app = await make()
    const res = await post(app, { name: 'x', isAdmin: true })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toEqual({
      statusCode: 400,
      code: 'FC_VALIDATION',
      error: 'Bad Request',
      message: 'body.isAdmin is not an allowed field',
      details: [{ path: 'body.isAdmin', message: 'body.isAdmin is not an allowed field' }]
    })
  })

  it('names a missing or mistyped field', async () => {
    const app = await make()
    expect((await post(app, {})).json().message).toBe('body.name is required')
    expect((await post(app, { name: '' })).json().message).toBe(
      'body.name must NOT have fewer than 1 characters'
    )
    expect((await post(app, { name: 'x', count: 1.5 })).json().message).toBe('body.count must be integer')
    expect((await post(app, { name: 'x', count: 2 })).json()).toEqual({ got: { name: 'x', count: 2 } })
  })

  it('coerces query and path parameters, and checks id formats', async () => {
    const app = await make()
    const ok = await app.inject({ method: 'GET', url: `/v1/test/events/${SALE}?limit=5` })
    expect(ok.json()).toEqual({ id: SALE, limit: 5, limitType: 'number' })
    const badId = await app.inject({ method: 'GET', url: '/v1/test/events/not-a-sale' })
    expect(badId.statusCode).toBe(400)
    expect(badId.json().message).toBe('params.id has an invalid format')
    const badLimit = await app.inject({ method: 'GET', url: `/v1/test/events/${SALE}?limit=zero` })
    expect(badLimit.json().message).toBe('querystring.limit must be integer')
  })

  it('checks the Idempotency-Key header', async () => {
    const app = await make()
    const missing = await app.inject({ method: 'POST', url: '/v1/test/keyed' })
    expect(missing.statusCode).toBe(400)
    expect(missing.json().message).toBe('headers.idempotency-key is required')
    const bad = await app.inject({
      method: 'POST',
      url: '/v1/test/keyed',
      headers: { 'idempotency-key': 'a b' }
    })
    expect(bad.json().message).toBe('headers.idempotency-key has an invalid format')
    const long = await app.inject({
      method: 'POST',
      url: '/v1/test/keyed',
      headers: { 'idempotency-key': 'k'.repeat(129) }
    })
    expect(long.statusCode).toBe(400)
    const ok = await app.inject({
      method: 'POST',
      url: '/v1/test/keyed',
      headers: { 'idempotency-key': 'order-1:a.b_c' }
    })
    expect(ok.json()).toEqual({ key: 'order-1:a.b_c' })
  })
})

describe('a feature route with auth, schemas and declared error responses', () => {
  it('serializes success and refusals through the declared schemas', async () => {
    const config = testConfig()
    const app = await make({ config })
    const headers = {
      authorization: `Bearer ${await signDevToken(config, 'alice')}`,
      'idempotency-key': 'k-1',
      'x-access-token': 'a'.repeat(20)
    }
    const url = `/v1/test/events/${SALE}/holds`
    const ok = await app.inject({ method: 'POST', url, headers, payload: { seatId: 'B-2-3' } })
    expect(ok.statusCode).toBe(201)
    expect(ok.json()).toEqual({
      holdId: `${SALE}.h0123456789abcdef`,
      seatId: 'B-2-3',
      expiresAt: '1970-01-01T00:00:00.000Z'
    })
    const taken = await app.inject({ method: 'POST', url, headers, payload: { seatId: 'A-1-1' } })
    expect(taken.statusCode).toBe(409)
    expect(taken.json()).toEqual({
      statusCode: 409,
      code: 'FC_SEAT_TAKEN',
      error: 'Conflict',
      message: 'This seat is taken',
      details: { seatId: 'A-1-1' }
    })
    const { 'x-access-token': _, ...withoutAccess } = headers
    const noAccess = await app.inject({
      method: 'POST',
      url,
      headers: withoutAccess,
      payload: { seatId: 'B-2-3' }
    })
    expect(noAccess.json().message).toBe('headers.x-access-token is required')
    // Strangers are refused before their body is read or validated.
    const stranger = await app.inject({
      method: 'POST',
      url,
      payload: 'not json',
      headers: { 'content-type': 'application/json' }
    })
    expect(stranger.statusCode).toBe(401)
  })
})

describe('security headers and CORS', () => {
  const expectSecure = (headers: Record<string, unknown>) => {
    expect(headers['x-content-type-options']).toBe('nosniff')
    expect(headers['referrer-policy']).toBe('no-referrer')
    expect(headers['x-frame-options']).toBe('DENY')
    expect(headers['content-security-policy']).toBe(API_CSP)
    expect(headers['cache-control']).toBe('no-store')
  }

  it('are on successes, errors and 404s alike', async () => {
    const app = await make()
    expectSecure((await app.inject({ method: 'GET', url: '/health' })).headers)
    expectSecure((await app.inject({ method: 'GET', url: '/v1/test/boom' })).headers)
    expectSecure((await app.inject({ method: 'GET', url: '/nope' })).headers)
    expectSecure((await app.inject({ method: 'POST', url: '/v1/test/echo', payload: {} })).headers)
  })

  it('CORS is closed: no Access-Control headers, preflights find nothing', async () => {
    const app = await make()
    const res = await app.inject({
      method: 'GET',
      url: '/health',
      headers: { origin: 'https://evil.example' }
    })
    expect(res.statusCode).toBe(200)
    expect(Object.keys(res.headers).filter((h) => h.startsWith('access-control-'))).toEqual([])
    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/v1/test/echo',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' }
    })
    expect(preflight.statusCode).toBe(404)
    expect(Object.keys(preflight.headers).filter((h) => h.startsWith('access-control-'))).toEqual([])
  })
})

describe('logs', () => {
  it('never contain credentials, and carry the request id', async () => {
    const config = testConfig()
    const logs = captureLogs(config)
    const app = await make({ config, logger: logs.logger })
    const res = await app.inject({
      method: 'POST',
      url: '/v1/test/log?queueToken=qt-secret-1&x=1',
      headers: {
        authorization: 'Bearer jwt-secret-2',
        'x-access-token': 'at-secret-3',
        cookie: 'sid=cookie-secret-4',
        'x-request-id': 'log-1'
      },
      payload: { token: 'body-secret-5', password: 'pw-secret-6', secret: 'sec-secret-7', keep: 'visible' }
    })
    expect(res.statusCode).toBe(200)
    const text = logs.text()
    for (const secret of [
      'qt-secret-1',
      'jwt-secret-2',
      'at-secret-3',
      'cookie-secret-4',
      'body-secret-5',
      'pw-secret-6',
      'sec-secret-7'
    ]) {
      expect(text).not.toContain(secret)
    }
    expect(text).toContain('visible')
    const lines = logs.lines.filter((l) => l.reqId === 'log-1')
    expect(lines.map((l) => l.msg)).toEqual(['logging a request on purpose', 'request completed'])
    expect(lines[1]?.req).toMatchObject({ url: '/v1/test/log?queueToken=[Redacted]&x=1' })
  })

  it('keep the JWT secret out when a whole config is logged', () => {
    const config = testConfig({ FC_JWT_SECRET: 'config-secret-0123456789abcdef0123' })
    const logs = captureLogs(config)
    logs.logger.info({ config }, 'starting')
    logs.logger.info(config, 'starting')
    expect(logs.text()).not.toContain('config-secret')
    expect(logs.text()).toContain('firstcome')
  })
})
