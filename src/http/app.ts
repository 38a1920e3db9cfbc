import type { Socket } from 'node:net'
import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyPluginAsync,
  type FastifyServerOptions,
  LogController
} from 'fastify'
import type { LoggerOptions } from 'pino'
import { Registry } from 'prom-client'
import type { Config } from '../config/index.ts'
import { FcError } from '../errors.ts'
import { authPlugin } from './auth.ts'
import {
  errorHandler,
  notFoundHandler,
  rawErrorResponse,
  sendErrorReply,
  toErrorReply
} from './error-handler.ts'
import { healthRoutes } from './health.ts'
import { shedConnections, sheddingPlugin } from './load-shedding.ts'
import { loggerOptions } from './logging.ts'
import { httpDurationHistogram, observeRequests, streamMetrics } from './metrics.ts'
import { registerOpenApi } from './openapi.ts'
import { observePurchases } from './purchase-metrics.ts'
import { genReqId, REQUEST_ID_HEADER } from './request-id.ts'
import { requestLogPlugin } from './request-log.ts'
import { installResponseValidation } from './response-validation.ts'
import { applySecurityHeaders } from './security.ts'
import { StreamRegistry } from './sse.ts'
import { type TrafficControl, trafficPlugin } from './traffic-guard.ts'

export type { ReadinessProbe } from './health.ts'

/** A feature's routes: registered after the foundation, so they inherit auth, errors and hooks. */
export type FeaturePlugin = FastifyPluginAsync | FastifyPluginAsyncTypebox

/** Everything {@link build} needs; only `config` is required. */
export interface BuildOptions {
  config: Config
  /** Feature routes, registered after the foundation in this order. */
  plugins?: FeaturePlugin[]
  /** The sale ids the per-sale request counters may be labelled with (the rest count as `other`). */
  saleLabels?: () => ReadonlySet<string>
  /**
   * true (the default): JSON logs at `config.logLevel` with credentials redacted; false: none;
   * pino options: merged over the defaults; a pino instance: used as is (build it with
   * `loggerOptions(config)` to keep the redaction).
   */
  logger?: boolean | LoggerOptions | FastifyBaseLogger
  /** Where the request histogram lives (the internal listener's `/metrics` reads it); a fresh one per app by default. */
  metrics?: Registry
  /** Rate limits, blocklist, bot detector and proof-of-work gate, in front of every route. */
  traffic?: TrafficControl
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The caps of this process's server-sent event streams (see `openEventStream`). */
    streams: StreamRegistry
  }
}

/**
 * The serializer compiler of the app: answers are written with JSON.stringify whatever their route
 * declares. A response schema documents an answer (GET /openapi.json) and the test profile checks
 * it, but never changes what is sent (fast-json-stringify, fastify's default, drops undeclared
 * fields and coerces values to the declared type without a word: an error code the schema does not
 * list went out as another code).
 */
export const stringifyAnswers = () => (data: unknown) => JSON.stringify(data)

/** The app {@link build} returns: TypeBox types flow from route schemas into handlers. */
export type App = FastifyInstance

// Connections may take this long to deliver a whole request; slow-loris clients are cut off after.
const REQUEST_TIMEOUT_MS = 30_000

function isLoggerInstance(logger: BuildOptions['logger']): logger is FastifyBaseLogger {
  return (
    typeof logger === 'object' &&
    logger !== null &&
    typeof (logger as { child?: unknown }).child === 'function'
  )
}

/** Fastify's logger options for `logger` (see {@link BuildOptions.logger}). */
export function loggingOptions(
  config: Config,
  logger: BuildOptions['logger']
): Pick<FastifyServerOptions, 'logger' | 'loggerInstance'> {
  if (logger === false) return { logger: false }
  if (isLoggerInstance(logger)) return { loggerInstance: logger }
  const base = loggerOptions(config)
  if (logger === undefined || logger === true) return { logger: base }
  return { logger: { ...base, ...logger, serializers: { ...base.serializers, ...logger.serializers } } }
}

// Parse errors of the raw HTTP stream never reach fastify's routing: answer them in our shape too.
function clientErrorHandler(err: Error & { code?: string }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || err.code === 'EPIPE' || !socket.writable) {
    socket.destroy()
    return
  }
  socket.end(rawErrorResponse('FC_VALIDATION', 'The request could not be read'))
}

/**
 * Builds the public API without listening (tests call `app.inject()`; `server.ts` listens): JSON
 * logs with request ids, one error shape, security headers, auth, a cheap `/health`, then the
 * feature plugins. Readiness and metrics are on the internal listener (`internal.ts`), never here.
 */
export async function build(opts: BuildOptions): Promise<App> {
  const { config } = opts
  const app = Fastify({
    ...loggingOptions(config, opts.logger),
    genReqId,
    bodyLimit: config.http.bodyLimit,
    // Only the configured proxies' X-Forwarded-For is believed: anyone else could claim any address.
    trustProxy: config.traffic.trustProxy.length > 0 ? [...config.traffic.trustProxy] : false,
    requestTimeout: REQUEST_TIMEOUT_MS,
    // fastify's own closing answer has another shape; the onRequest hook below answers instead.
    return503OnClosing: false,
    // One line per request at most, by request-log.ts's policy, instead of fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    clientErrorHandler,
    ajv: {
      customOptions: {
        // Unknown fields are refused where a schema says additionalProperties: false, never stripped
        // in silence: a client that misspells a field must hear about it.
        removeAdditional: false,
        // Query strings and path params arrive as text; "?limit=5" must validate as a number.
        coerceTypes: 'array',
        useDefaults: true,
        // Stop at the first error: collecting all of them costs CPU an attacker controls.
        allErrors: false
      }
    },
    frameworkErrors(err, req, reply) {
      // Bad URLs fail before routing, where hooks don't run: set what onSend would have set.
      reply.header(REQUEST_ID_HEADER, req.id)
      applySecurityHeaders(reply)
      sendErrorReply(reply, toErrorReply(err))
    }
  }).withTypeProvider<TypeBoxTypeProvider>()
  app.setSerializerCompiler(stringifyAnswers)

  const registry = opts.metrics ?? new Registry()
  const histogram = httpDurationHistogram(registry)
  const streams = new StreamRegistry({
    perUser: config.streams.perUser,
    // Per address only where addresses tell clients apart (FC_IP_LIMITS): not on the local stack.
    perIp: config.traffic.ipLimits ? config.streams.perIp : undefined,
    total: config.streams.max,
    maxBufferBytes: config.streams.bufferBytes
  })
  app.decorate('streams', streams)
  streamMetrics(registry, streams)

  let closing = false
  app.addHook('preClose', async () => {
    closing = true
  })
  // The hooks every request passes take callbacks rather than being async: a promise per hook
  // per request is measurable on the hot path.
  app.addHook('onRequest', (_req, reply, done) => {
    if (!closing) return done()
    // Requests that still arrive on a kept-alive connection during drain go to another instance.
    reply.header('connection', 'close')
    done(new FcError('FC_UNAVAILABLE', 'This instance is shutting down: try again', { retryAfterSec: 1 }))
  })
  app.addHook('onSend', (req, reply, payload, done) => {
    reply.header(REQUEST_ID_HEADER, req.id)
    applySecurityHeaders(reply)
    done(null, payload)
  })
  observeRequests(app, histogram)
  if (opts.saleLabels) observePurchases(app, registry, opts.saleLabels)
  await app.register(requestLogPlugin, { sample: config.logRequestSample })
  await app.register(sheddingPlugin, { ...config.shed, registry })
  shedConnections(app.server, {
    max: config.shed.maxConnections,
    retryAfterSec: config.shed.retryAfterSec,
    registry
  })
  // The test suite's check of every answer against its route's declared responses.
  if (config.http.responseValidation) installResponseValidation(app)

  // JSON only: text/plain is a "simple" cross-site request type browsers send without preflight.
  app.removeContentTypeParser('text/plain')
  // A POST without a body (join a queue, claim a coupon) may still say application/json.
  const json = app.getDefaultJsonParser('error', 'error')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    const text = body.toString()
    if (text === '') done(null, undefined)
    else json(req, text, done)
  })

  app.setErrorHandler(errorHandler)
  app.setNotFoundHandler(notFoundHandler)

  // First, so its route catalogue and hooks see every route, the dev token route included.
  if (opts.traffic) await app.register(trafficPlugin, { control: opts.traffic })
  // Before the routes: the OpenAPI document is collected from each route as it is registered.
  await registerOpenApi(app, config)
  await app.register(authPlugin, { config })
  await app.register(healthRoutes)
  for (const plugin of opts.plugins ?? []) await app.register(plugin as FastifyPluginAsync)
  return app
}
