import type { FastifyPluginAsync } from 'fastify'
import type { Registry } from 'prom-client'
import { requireAdmin } from '../auth.ts'

/**
 * `GET /v1/admin/metrics`: this process's Prometheus metrics for the operator's console (its hold
 * latency chart), behind an admin token. Scrapers use the internal listener's `/metrics` instead;
 * the public port serves no metrics to anyone else.
 */
export function adminMetricsRoutes(registry: Registry): FastifyPluginAsync {
  return async (app) => {
    app.addHook('onRequest', requireAdmin)
    app.get('/v1/admin/metrics', async (_req, reply) => {
      const text = await registry.metrics()
      return reply.type(registry.contentType).send(text)
    })
  }
}
