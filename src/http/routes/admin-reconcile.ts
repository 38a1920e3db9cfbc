import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Reconciler } from '../../services/results/reconciler.ts'
import { requireAdmin } from '../auth.ts'
import { ADMIN, errorResponses, NAMES_SALE, ReconcileReport, SaleIdParam, WITH_BODY } from '../schemas.ts'

/** `POST /v1/admin/events/:id/reconcile`: compare Redis with PostgreSQL, repair, return the report. */
export function adminReconcileRoutes(reconciler: Reconciler): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.addHook('onRequest', requireAdmin)
    app.post(
      '/v1/admin/events/:id/reconcile',
      {
        schema: {
          summary: 'Compare Redis with PostgreSQL, repair, report',
          tags: ['admin'],
          params: SaleIdParam,
          response: { 200: ReconcileReport, ...errorResponses(ADMIN, WITH_BODY, NAMES_SALE) }
        }
      },
      async (req) => reconciler.reconcile(req.params.id)
    )
  }
}
