import { Validator } from '@seriousme/openapi-schema-validator'
import { type TSchema, Type } from '@sinclair/typebox'
import Fastify from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { build, stringifyAnswers } from '../../src/http/app.ts'
import { errorHandler } from '../../src/http/error-handler.ts'
import { installResponseValidation } from '../../src/http/response-validation.ts'
import { ANY_ROUTE, errorResponses } from '../../src/http/schemas.ts'
import { createHarness, type Harness } from '../support/harness.ts'
import { configProblems, testConfig } from './helpers.ts'

interface OpenApiDoc {
  openapi: string
  paths: Record<string, Record<string, { responses: Record<string, unknown>; security?: unknown[] }>>
}

/** `/v1/events/:id` as OpenAPI writes it: `/v1/events/{id}`. */
const openApiPath = (url: string) => url.replace(/:([A-Za-z]+)/g, '{$1}')

let h: Harness
let doc: OpenApiDoc

beforeAll(async () => {
  h = await createHarness({ FC_DEV_AUTH: '1' }, { kafka: false })
  const res = await h.rt.app.inject({ method: 'GET', url: '/openapi.json' })
  expect(res.statusCode).toBe(200)
  doc = res.json() as OpenApiDoc
})

afterAll(async () => {
  await h?.close()
})

describe('GET /openapi.json', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    expect(doc.openapi).toBe('3.1.0')
    const result = await new Validator().validate(doc as unknown as Parameters<Validator['validate']>[0])
    expect(result.errors ?? []).toEqual([])
    expect(result.valid).toBe(true)
  })

  it('lists every API route, with its responses; admin routes need the admin token', () => {
    const api = h.rt.app.routeCatalogue.filter((r) => r.url.startsWith('/v1/') || r.url === '/health')
    expect(api.length).toBeGreaterThan(30)
    for (const r of api) {
      const op = doc.paths[openApiPath(r.url)]?.[r.method.toLowerCase()]
      expect(op, `${r.method} ${r.url}`).toBeDefined()
      const statuses = Object.keys(op?.responses ?? {})
      expect(
        statuses.some((s) => s.startsWith('2')),
        `${r.method} ${r.url}: a success`
      ).toBe(true)
      expect(statuses, `${r.method} ${r.url}: the errors`).toContain('500')
      if (r.url.startsWith('/v1/admin/')) expect(op?.security).toEqual([{ admin: [] }])
    }
  })

  it('lists nothing that is not the API (pages, files, the reference itself)', () => {
    for (const path of Object.keys(doc.paths)) expect(path).toMatch(/^\/(v1\/|health$)/)
  })

  it('is served with a browsable reference at /docs in the test profile', async () => {
    const html = await h.rt.app.inject({ method: 'GET', url: '/docs' })
    expect(html.statusCode).toBe(200)
    expect(html.headers['content-type']).toMatch(/^text\/html/)
    expect(String(html.headers['content-security-policy'])).toContain("script-src 'self'")
  })
})

describe('response validation (FC_RESPONSE_VALIDATION=1)', () => {
  /** A small app with the same check, and routes that break their own declarations. */
  async function tiny() {
    // No type provider: these handlers break their declarations on purpose.
    const app = Fastify({ logger: false })
    app.setSerializerCompiler(stringifyAnswers)
    app.setErrorHandler(errorHandler)
    installResponseValidation(app)
    const response: Record<string, TSchema> = {
      200: Type.Object({ ok: Type.Boolean() }),
      ...errorResponses(ANY_ROUTE)
    }
    app.get('/fine', { schema: { response } }, async () => ({ ok: true }))
    app.get('/undeclared-status', { schema: { response } }, async (_req, reply) =>
      reply.code(202).send({ ok: true })
    )
    app.get('/extra-field', { schema: { response } }, async () => ({ ok: true, secret: 'x' }))
    app.get('/wrong-type', { schema: { response } }, async () => ({ ok: 'yes' }))
    app.get('/undeclared-code', { schema: { response } }, async (_req, reply) =>
      reply.code(409).send({ statusCode: 409, code: 'FC_SOLD_OUT', error: 'Conflict', message: 'Sold out' })
    )
    app.get('/no-schema', async () => ({ anything: 1 }))
    await app.ready()
    return app
  }

  it('lets a matching answer through and fails loudly on anything undeclared', async () => {
    const app = await tiny()
    try {
      expect((await app.inject('/fine')).json()).toEqual({ ok: true })
      expect((await app.inject('/no-schema')).statusCode).toBe(200)
      for (const [url, why] of [
        ['/undeclared-status', /answered 202, a status it does not declare/],
        ['/extra-field', /must NOT have additional properties/],
        ['/wrong-type', /\/ok must be boolean/],
        ['/undeclared-code', /answered 409, a status it does not declare/]
      ] as const) {
        const res = await app.inject(url)
        expect(res.statusCode, url).toBe(500)
        const body = res.json() as { code: string; message: string }
        expect(body.code, url).toBe('FC_RESPONSE_SCHEMA')
        expect(body.message, url).toMatch(why)
      }
    } finally {
      await app.close()
    }
  })
})

describe('the reference at /docs', () => {
  it('follows the profile unless FC_API_DOCS says otherwise; /openapi.json is always served', async () => {
    expect(testConfig().http.docs).toBe(true)
    expect(testConfig({ NODE_ENV: 'development' }).http.docs).toBe(true)
    expect(testConfig({ NODE_ENV: 'production', FC_PAYMENT_ALLOW_SIMULATOR: '1' }).http.docs).toBe(false)
    expect(
      testConfig({ NODE_ENV: 'production', FC_PAYMENT_ALLOW_SIMULATOR: '1', FC_API_DOCS: '1' }).http.docs
    ).toBe(true)
    const app = await build({ config: testConfig({ FC_API_DOCS: '0' }), logger: false })
    try {
      expect((await app.inject('/docs')).statusCode).toBe(404)
      expect((await app.inject('/openapi.json')).statusCode).toBe(200)
    } finally {
      await app.close()
    }
  })

  it('production refuses the response check', () => {
    expect(configProblems({ NODE_ENV: 'production', FC_RESPONSE_VALIDATION: '1' })).toHaveProperty(
      'FC_RESPONSE_VALIDATION'
    )
  })
})
