/**
 * Property-based fuzz of every route the app registers: malformed, oversized and type-confused
 * path parameters, query strings, headers and bodies. Never a 5xx, and never a state change: the
 * sales' stats and the number of Redis keys of the sale are the same afterwards.
 */
import fc from 'fast-check'
import { createClient } from 'redis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RouteEntry } from '../../src/http/traffic-guard.ts'
import { createHarness, type Harness, seatedSale } from '../support/harness.ts'

let h: Harness
let saleId: string
let buyer: string
let access: string

beforeAll(async () => {
  h = await createHarness()
  saleId = await h.createSale(seatedSale(2, 5))
  access = (await h.admit(saleId, ['fuzzer'])).get('fuzzer')!
  buyer = await h.userToken('fuzzer')
})

afterAll(async () => {
  await h?.close()
})

async function saleKeys(): Promise<number> {
  const redis = createClient({ url: h.config.redis.url })
  await redis.connect()
  try {
    return (await redis.keys(`${h.config.redis.prefix}:{${saleId}}:*`)).length
  } finally {
    redis.destroy()
  }
}

async function stats() {
  const res = await h.rt.app.inject({
    method: 'GET',
    url: `/v1/admin/events/${saleId}/stats`,
    headers: { authorization: `Bearer ${h.adminToken}` }
  })
  const body = res.json() as Record<string, unknown>
  delete body.consumerLag
  delete body.ledgerBacklog
  return body
}

const junkText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '..%2F..%2Fetc%2Fpasswd',
    '%00',
    "' OR 1=1 --",
    ['$', '{jndi:ldap://x}'].join(''),
    '<script>',
    '-1',
    '1e309',
    'NaN'
  ),
  fc.integer().map(String),
  fc.constant('x'.repeat(5000))
)

// JSON bodies that no route accepts: every object carries an unknown field; null and {} are left out,
// since some routes accept them (joining a queue with no body is a real join).
const junkBody = fc.oneof(
  fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 5 }).map((o) => ({
    ...o,
    __fuzz: 1
  })),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }),
  fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.string({ maxLength: 50 })),
  fc.constant({ seatId: 'A-1-1', __proto__: { admin: true }, extra: 'x'.repeat(20_000) }),
  fc.constant(JSON.parse('{"__proto__": {"polluted": 1}, "seatId": 7}') as unknown),
  fc.constant({ seatId: ['A-1-1'], payment: { simulate: 'approve', amount: -1 }, challenge: 5 })
)

const request = fc.record({
  param: fc.oneof(junkText, fc.constant('VALID')),
  query: fc.dictionary(fc.string({ minLength: 1, maxLength: 10 }), junkText, { maxKeys: 3 }),
  auth: fc.constantFrom('none', 'buyer', 'admin', 'junk'),
  accessToken: fc.oneof(fc.constant(undefined), junkText, fc.constant('VALID')),
  idempotencyKey: fc.oneof(fc.constant(undefined), junkText),
  contentType: fc.constantFrom(
    'application/json',
    'text/plain',
    'application/x-www-form-urlencoded',
    'application/json; charset=latin1',
    ''
  ),
  body: junkBody,
  rawBody: fc.option(fc.constantFrom('{', '{"a":', '[1,2', 'null null', '\u0000', '{"a":1}'.repeat(3000)), {
    nil: undefined
  })
})

function pathOf(r: RouteEntry, param: string, valid: boolean): string {
  return r.url.replace(/:([A-Za-z]+)/g, () =>
    valid ? saleId : encodeURIComponent(param).slice(0, 2000) || '%20'
  )
}

describe('fuzzing every route', () => {
  it('never answers 5xx and never changes state', async () => {
    const routes = h.rt.app.routeCatalogue
    expect(routes.length).toBeGreaterThan(20)
    const beforeStats = await stats()
    const beforeKeys = await saleKeys()
    const seen = new Map<number, number>()
    for (const r of routes) {
      await fc.assert(
        fc.asyncProperty(request, async (q) => {
          // Admin routes only ever see junk ids: a valid id with an admin token is a real operation.
          // The seat map's stream is public: with a real sale id it opens and never ends, so junk ids only.
          const validParam =
            q.param === 'VALID' && !r.url.startsWith('/v1/admin/') && !r.url.endsWith('/seats/stream')
          const headers: Record<string, string> = {}
          if (q.auth === 'buyer') headers.authorization = `Bearer ${buyer}`
          if (q.auth === 'admin') headers.authorization = `Bearer ${h.adminToken}`
          if (q.auth === 'junk') headers.authorization = `Bearer ${q.param}`.slice(0, 6000)
          // An open result stream never ends: it is fuzzed without a valid token only.
          if (r.url.endsWith('/stream') && q.auth !== 'junk' && q.auth !== 'none')
            delete headers.authorization
          if (q.accessToken !== undefined)
            headers['x-access-token'] = q.accessToken === 'VALID' ? access : q.accessToken
          if (q.idempotencyKey !== undefined) headers['idempotency-key'] = q.idempotencyKey
          for (const [k, v] of Object.entries(headers)) if (/[^\t\x20-\x7e]/.test(v)) delete headers[k]
          const hasBody = r.method !== 'GET' && r.method !== 'DELETE'
          if (hasBody && q.contentType !== '') headers['content-type'] = q.contentType
          const res = await h.rt.app.inject({
            method: r.method as 'GET',
            url: pathOf(r, q.param, validParam),
            query: q.query,
            headers,
            ...(hasBody ? { payload: q.rawBody ?? JSON.stringify(q.body) } : {})
          })
          seen.set(res.statusCode, (seen.get(res.statusCode) ?? 0) + 1)
          expect(res.statusCode, `${r.method} ${r.url}: ${res.body}`).toBeLessThan(500)
          if (res.statusCode >= 400) {
            const body = res.json() as { code: string; message: string }
            expect(body.code).toMatch(/^FC_/)
            expect(body.message).not.toMatch(/at .*\.ts:\d+|Error:|SELECT |redis/i)
          }
        }),
        { numRuns: 25 }
      )
    }
    expect(await stats()).toEqual(beforeStats)
    expect(await saleKeys()).toBe(beforeKeys)
    // The fuzz reached past authentication and validation, not only the front door.
    expect([...seen.keys()].some((s) => s === 400)).toBe(true)
    expect([...seen.keys()].some((s) => s === 401)).toBe(true)
  })
})
