import type { FastifyPluginAsync, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'

/**
 * Request logs an operator can afford. Fastify's own request logging (two lines per request at
 * info) is off: during a sale that is two lines per hold, poll and seat-map read, which is most of
 * the log's bytes and none of its news. Instead, per request, at most one line:
 *
 * - an operator's change (a mutating `/v1/admin/` request that succeeded) at info, always: who
 *   changed what is a state change, and state changes are always logged;
 * - at debug, every request (and so every accepted hold, confirm and claim);
 * - at info, a sample of the rest (`FC_LOG_REQUEST_SAMPLE`, none by default).
 *
 * Failures are not logged here: the error handler logs 5xx at error (with the stack) and refusals
 * at debug.
 */
export interface RequestLogOptions {
  /** Share of ordinary requests logged at info, 0-1. */
  sample: number
  /** A number in [0, 1); tests pass a fixed one. */
  random?: () => number
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
/** Levels at which debug lines are written. */
const DEBUG_LEVELS = new Set(['debug', 'trace'])

/** True for a successful change an operator made (`/v1/admin/...`, not a read). */
export function isOperatorChange(method: string, url: string, status: number): boolean {
  return MUTATING.has(method) && url.startsWith('/v1/admin/') && status < 400
}

const plugin: FastifyPluginAsync<RequestLogOptions> = async (app, opts) => {
  const random = opts.random ?? Math.random
  app.addHook('onResponse', (req: FastifyRequest, reply, done) => {
    const statusCode = reply.statusCode
    // Most requests at info write nothing: decide before building anything.
    const change = isOperatorChange(req.method, req.url, statusCode)
    const debug = !change && DEBUG_LEVELS.has(req.log.level)
    if (change || debug || (opts.sample > 0 && random() < opts.sample)) {
      const line = { req, res: { statusCode }, responseTime: Math.round(reply.elapsedTime * 10) / 10 }
      if (change) req.log.info({ ...line, admin: req.user?.id }, 'operator change')
      else if (debug) req.log.debug(line, 'request completed')
      else req.log.info({ ...line, sampled: opts.sample }, 'request completed (sampled)')
    }
    done()
  })
}

/** One log line per request at most, by the policy above. */
export const requestLogPlugin = fp(plugin, { name: 'firstcome-request-log', fastify: '5.x' })
