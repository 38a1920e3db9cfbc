import type { FastifyRequest } from 'fastify'
import type { LoggerOptions } from 'pino'
import type { Config } from '../config/index.ts'

/**
 * Log paths that may carry credentials. Pino replaces them before a line is written, so a secret
 * can't reach the logs even when someone logs a whole request or a payload by mistake.
 */
export const REDACT_PATHS: readonly string[] = [
  'req.headers.authorization',
  'req.headers["x-access-token"]',
  'req.headers["x-queue-token"]',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers["x-access-token"]',
  'headers.cookie',
  'token',
  'secret',
  'password',
  'accessToken',
  'queueToken',
  '*.token',
  '*.secret',
  '*.password',
  '*.accessToken',
  '*.queueToken',
  'auth.jwtSecret',
  '*.auth.jwtSecret',
  'tokens.secret',
  '*.tokens.secret',
  'tokens.previousSecret',
  '*.tokens.previousSecret'
]

// Browsers can't set headers on an EventSource, so SSE endpoints may take tokens in the query string.
const SECRET_QUERY_PARAMS = /([?&](?:token|access_?token|queue_?token|accessToken|queueToken)=)[^&#]*/gi

/** The URL with the values of token-like query parameters masked. */
export function redactUrl(url: string): string {
  return url.replace(SECRET_QUERY_PARAMS, '$1[Redacted]')
}

/**
 * Pino options for the API: JSON lines (or pino-pretty's in development) at the configured level, credentials redacted, and a request
 * serializer that logs no headers at all and masks token query parameters.
 * Use it when building your own pino instance to pass to `build({ logger })`.
 */
export function loggerOptions(config: Config): LoggerOptions {
  return {
    level: config.logLevel,
    // Readable lines in development (FC_LOG_PRETTY); JSON lines, one object each, everywhere else.
    ...(config.logPretty
      ? {
          transport: {
            target: 'pino-pretty',
            options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' }
          }
        }
      : {}),
    redact: { paths: [...REDACT_PATHS], censor: '[Redacted]' },
    serializers: {
      req(req: FastifyRequest) {
        return {
          method: req.method,
          // Loggers built from these options also serve the workers, whose `req` may be anything.
          url: typeof req.url === 'string' ? redactUrl(req.url) : undefined,
          host: req.host,
          remoteAddress: req.ip
        }
      }
    }
  }
}
