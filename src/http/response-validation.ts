import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { Ajv, type ValidateFunction } from 'ajv'
import formats from 'ajv-formats'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { FcError } from '../errors.ts'

/**
 * Checks every answer against the response schema of its route (`FC_RESPONSE_VALIDATION=1`, set by
 * the test suite; production refuses it): an undeclared status, or a JSON body the schema does not
 * allow, fails loudly, with the route, the status and the mismatch in the error log, and a 500
 * FC_RESPONSE_SCHEMA instead of the answer. The check is stricter than the schemas read: an object
 * that does not say otherwise (`additionalProperties`) may not carry fields it does not declare,
 * so an answer that grows a field grows its schema too (the OpenAPI document is made from them).
 *
 * Routes that declare no responses (the web app's files, the reference; `test/http/openapi.test.ts`
 * holds every API route to declaring them) and answers without a route (404 for an unknown path)
 * are not checked. Streams that took the response over (SSE) are checked only when they refuse.
 */

type Schema = Record<string, unknown>

/** A copy of `schema` where every object that says nothing of other fields refuses them. */
export function strictView(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(strictView)
  if (schema === null || typeof schema !== 'object') return schema
  const out: Schema = {}
  for (const [key, value] of Object.entries(schema)) {
    // Property names are data, not schemas: copy each property's schema, not the map itself.
    if ((key === 'properties' || key === 'patternProperties') && value && typeof value === 'object') {
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, strictView(v)]))
    } else {
      out[key] = strictView(value)
    }
  }
  if (
    'properties' in out &&
    !('additionalProperties' in out) &&
    !('patternProperties' in out) &&
    !('unevaluatedProperties' in out)
  ) {
    out.additionalProperties = false
  }
  return out
}

/** The schema a route declares for `status`: exact, then `4xx`-style, then `default`. */
function declaredFor(responses: Schema, status: number): unknown {
  return responses[String(status)] ?? responses[`${String(status)[0]}xx`] ?? responses.default
}

/** For a schema with `content` (by media type): the entry for this answer's type; else the schema itself. */
function bodySchemaOf(declared: Schema, contentType: string): { schema: unknown; json: boolean } | undefined {
  const content = declared.content as Record<string, { schema?: unknown }> | undefined
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? ''
  if (!content) return { schema: declared, json: type === '' || type === 'application/json' }
  const entry = content[type]
  if (!entry) return undefined
  return { schema: entry.schema, json: type === 'application/json' }
}

function decode(payload: unknown, encoding: string | undefined): string | undefined {
  if (payload === null || payload === undefined) return ''
  if (typeof payload === 'string') return payload
  if (Buffer.isBuffer(payload)) {
    const bytes =
      encoding === 'br' ? brotliDecompressSync(payload) : encoding === 'gzip' ? gunzipSync(payload) : payload
    return bytes.toString('utf8')
  }
  // A stream: not read here (nothing the API sends is one).
  return undefined
}

/** Why an answer does not match its route's declaration, or undefined when it does. */
export type ResponseCheck = (req: FastifyRequest, reply: FastifyReply, payload: unknown) => string | undefined

/** The checker of {@link installResponseValidation}, on its own (one compiled validator per schema). */
export function responseChecker(): ResponseCheck {
  const ajv = new Ajv({ strict: false, allErrors: true })
  // A CommonJS module: under Node's ESM loader its plugin is the default export's `default`.
  formats.default(ajv)
  const compiled = new WeakMap<object, ValidateFunction>()
  const validatorOf = (schema: object): ValidateFunction => {
    let v = compiled.get(schema)
    if (!v) {
      v = ajv.compile(strictView(schema) as Schema)
      compiled.set(schema, v)
    }
    return v
  }

  return (req, reply, payload) => {
    const url = req.routeOptions.url
    if (url === undefined) return undefined
    const responses = req.routeOptions.schema?.response as Schema | undefined
    if (!responses) return undefined
    const status = reply.statusCode
    const declared = declaredFor(responses, status) as Schema | undefined
    if (!declared) return `${req.method} ${url} answered ${status}, a status it does not declare`
    const contentType = String(reply.getHeader('content-type') ?? '')
    const body = bodySchemaOf(declared, contentType)
    if (!body) return `${req.method} ${url} answered ${status} as ${contentType}, a type it does not declare`
    // HEAD answers carry no body; non-JSON bodies are declared by their type alone.
    if (req.method === 'HEAD' || !body.json || body.schema === undefined) return undefined
    const text = decode(payload, reply.getHeader('content-encoding') as string | undefined)
    if (text === undefined) return undefined
    let data: unknown
    try {
      data = text === '' ? null : JSON.parse(text)
    } catch {
      return `${req.method} ${url} answered ${status} with a body that is not JSON`
    }
    const validate = validatorOf(body.schema as object)
    if (validate(data)) return undefined
    const problems = (validate.errors ?? [])
      .slice(0, 5)
      .map(
        (e) =>
          `${e.instancePath || '/'} ${e.message ?? e.keyword}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`
      )
    return `${req.method} ${url} answered ${status} with a body its schema does not allow: ${problems.join('; ')}`
  }
}

/**
 * Adds the check as an `onSend` hook of `app` (before its routes are registered). A failed check
 * logs an error and answers 500 FC_RESPONSE_SCHEMA; that answer itself is not checked again.
 */
export function installResponseValidation(app: FastifyInstance): void {
  const check = responseChecker()
  const failed = new WeakSet<FastifyRequest>()
  app.addHook('onSend', (req, reply, payload, done) => {
    if (failed.has(req)) return done(null, payload)
    const problem = check(req, reply, payload)
    if (problem === undefined) return done(null, payload)
    failed.add(req)
    req.log.error(
      { route: req.routeOptions.url, statusCode: reply.statusCode, problem },
      'response schema mismatch'
    )
    done(new FcError('FC_RESPONSE_SCHEMA', problem, { details: { problem } }))
  })
}
