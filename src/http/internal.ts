import Fastify from 'fastify'
import { type Config, ConfigError, settings } from '../config/index.ts'
import { type App, type BuildOptions, loggingOptions, stringifyAnswers } from './app.ts'
import { errorHandler, notFoundHandler } from './error-handler.ts'
import { type OperationalOptions, operationalRoutes } from './health.ts'
import { genReqId, REQUEST_ID_HEADER } from './request-id.ts'
import { applySecurityHeaders } from './security.ts'

/** Options of {@link buildInternal}. */
export interface InternalOptions extends OperationalOptions {
  config: Config
  logger?: BuildOptions['logger']
}

/**
 * The internal listener's app: `/health`, `/ready` (every dependency and every sale's warm state)
 * and `/metrics`, on an address of its own (`FC_INTERNAL_HOST:FC_INTERNAL_PORT`, loopback by
 * default). Kept off the public port: readiness runs PostgreSQL, Redis and Kafka work, and it and
 * the metrics name sales and internals no client should see. No auth and no rate limits here: the
 * address is the access control, so bind it to loopback or a private network only.
 */
export async function buildInternal(opts: InternalOptions): Promise<App> {
  const app = Fastify({
    ...loggingOptions(opts.config, opts.logger),
    genReqId,
    // Scrapers and probes send no bodies.
    bodyLimit: 1024,
    requestTimeout: 10_000,
    return503OnClosing: true
  })
  app.setSerializerCompiler(stringifyAnswers)
  app.addHook('onSend', (req, reply, payload, done) => {
    reply.header(REQUEST_ID_HEADER, req.id)
    applySecurityHeaders(reply)
    done(null, payload)
  })
  app.setErrorHandler(errorHandler)
  app.setNotFoundHandler(notFoundHandler)
  await app.register(operationalRoutes, { readiness: opts.readiness, metrics: opts.metrics })
  return app
}

/**
 * Starts the internal listener at `FC_INTERNAL_HOST:FC_INTERNAL_PORT`; resolves to its address, or
 * undefined when it is turned off (`FC_INTERNAL_PORT=off`). A test-profile process refuses the
 * default port: it belongs to a running `npm start`, and a test must take port 0 or none.
 */
export async function listenInternal(app: App, config: Config): Promise<string | undefined> {
  const { host, port } = config.internal
  if (port === null) return undefined
  const standard = Number(settings.FC_INTERNAL_PORT.default)
  if (config.env === 'test' && port === standard) {
    throw new ConfigError([
      {
        variable: 'FC_INTERNAL_PORT',
        message: `the test profile may not take the default port ${standard} (a running stack's): set 0 or off`
      }
    ])
  }
  return app.listen({ host, port })
}
