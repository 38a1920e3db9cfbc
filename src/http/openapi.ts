import fastifySwagger from '@fastify/swagger'
import fastifySwaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'
import type { Config } from '../config/index.ts'

/** Where the OpenAPI document is served. */
export const OPENAPI_PATH = '/openapi.json'
/** Where the browsable reference is served (with `FC_API_DOCS=1`). */
export const DOCS_PREFIX = '/docs'

/** The reference page's policy: its own scripts and styles (Swagger UI sets some styles inline). */
const DOCS_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'"
].join('; ')

/** An operation's request body, as far as {@link registerOpenApi} reads it. */
interface RequestBody {
  required?: boolean
  content?: Record<string, { schema?: { anyOf?: Array<{ type?: unknown }> } }>
}

/** The groups of the reference, in its order. */
const TAGS = [
  { name: 'sales', description: 'Public reads of a sale' },
  { name: 'seat map', description: "A seated sale's layout, state and live changes" },
  { name: 'queue', description: 'The waiting room: proof-of-work, join, poll, stream, leave' },
  { name: 'buyer', description: 'Holds, payment and coupon claims (an admission token is needed)' },
  { name: 'bookings', description: "The buyer's reservations and claims, polled or pushed" },
  { name: 'admin', description: 'Create and steer sales (admin token)' },
  { name: 'dead letters', description: 'What the pipeline and the ledger gave up on (admin token)' },
  { name: 'traffic', description: 'Rate limits and the blocklist (admin token)' },
  { name: 'auth', description: 'Development bearer tokens' },
  { name: 'operations', description: 'Liveness (readiness and metrics are on the internal listener)' }
]

/**
 * Generates the OpenAPI 3.1 document from the route schemas (`@fastify/swagger` collects every
 * route registered after it) and serves it at `GET /openapi.json`; with `config.http.docs`
 * (`FC_API_DOCS`) also the browsable reference at `/docs`. Register it before the routes. Only
 * tagged routes are listed: the web app's pages and files, and these two, are not the API.
 */
export async function registerOpenApi(app: FastifyInstance, config: Config): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'firstcome',
        version: 'v1',
        description:
          'First-come-first-served sales: a waiting room, holds and atomic inventory, a booking pipeline. ' +
          'Every error answers `{statusCode, code, error, message, details?}` with a stable `code` ' +
          '(docs/errors.md); 429 and 503 carry Retry-After.',
        license: { name: 'Apache-2.0', identifier: 'Apache-2.0' }
      },
      tags: TAGS,
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            bearerFormat: 'JWT',
            description: "A buyer's bearer token (`Authorization: Bearer <JWT>`; `sub` is the user id)"
          },
          admin: {
            type: 'http',
            scheme: 'bearer',
            bearerFormat: 'JWT',
            description: `An operator's bearer token: its \`${config.auth.adminClaim}\` claim is (or lists) \`${config.auth.adminValue}\``
          },
          accessToken: {
            type: 'apiKey',
            in: 'header',
            name: 'X-Access-Token',
            description: 'The admission to one sale, from the queue once admitted (`accessToken`)'
          }
        }
      }
    },
    hideUntagged: true,
    // A body that may be null (a bodiless POST) is optional: clients may send none at all.
    transformObject(document) {
      if (!('openapiObject' in document)) return document.swaggerObject
      const paths = (document.openapiObject.paths ?? {}) as Record<string, Record<string, unknown>>
      for (const item of Object.values(paths)) {
        for (const op of Object.values(item)) {
          const body = (op as { requestBody?: RequestBody }).requestBody
          if (body?.content?.['application/json']?.schema?.anyOf?.some((s) => s.type === 'null'))
            body.required = false
        }
      }
      return document.openapiObject
    },
    transform({ schema, url }) {
      // Every admin route needs the admin token (their plugins' requireAdmin hook).
      if (url.startsWith('/v1/admin/') && schema && !('security' in schema)) {
        return { schema: { ...schema, security: [{ admin: [] }] }, url }
      }
      return { schema, url }
    }
  })

  app.get(OPENAPI_PATH, { schema: { hide: true } }, async (_req, reply) => {
    reply.header('cache-control', 'no-cache')
    return app.swagger()
  })

  if (config.http.docs) {
    await app.register(fastifySwaggerUi, {
      routePrefix: DOCS_PREFIX,
      staticCSP: DOCS_CSP,
      uiConfig: { url: OPENAPI_PATH, deepLinking: true }
    })
  }
}
