import type { FastifyPluginAsync } from 'fastify'
import type { Registry } from 'prom-client'
import { requireAdmin } from '../auth.ts'
import { ADMIN, errorResponses, MetricsText } from '../schemas.ts'

/**
 * `GET /v1/admin/metrics`: this process's Prometheus metrics for the operator's console (its hold
 * latency chart), behind an admin token. Scrapers use the internal listener's `/metrics` instead;
 * the public port serves no metrics to anyone else.
 */
export function adminMetricsRoutes(registry: Registry): FastifyPluginAsync {
  return async (app) => {
    app.addHook('onRequest', requireAdmin)
    app.get(
      '/v1/admin/metrics',
      {
        schema: {
          summary: "This process's Prometheus metrics",
          tags: ['admin'],
          response: { 200: MetricsText, ...errorResponses(ADMIN) }
        }
      },
      async (_req, reply) => {
        const text = await registry.metrics()
        return reply.type(registry.contentType).send(text)
      }
    )
  }
}
