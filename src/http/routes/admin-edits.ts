import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { AuditEntry } from '../../domain/sale-edit-ports.ts'
import type { SaleEditService } from '../../services/sales/sale-edit-service.ts'
import type { SaleService } from '../../services/sales/sale-service.ts'
import { currentUser, requireAdmin } from '../auth.ts'
import {
  ADMIN,
  AuditPage,
  AuditQuery,
  errorResponses,
  NAMES_SALE,
  SaleEditRequest,
  SaleEditResponse,
  SaleIdParam,
  WITH_BODY
} from '../schemas.ts'
import { adminView } from './admin.ts'

const tags = ['admin']

function auditView(e: AuditEntry) {
  return {
    id: e.id,
    saleId: e.saleId,
    actor: e.actor,
    action: e.action as 'edit' | 'admission' | 'status',
    before: e.before,
    after: e.after,
    at: e.at.toISOString()
  }
}

/** Editing a running sale (docs/api.md) and reading its audit log. Admins only. */
export function adminEditRoutes(edits: SaleEditService, sales: SaleService): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.addHook('onRequest', requireAdmin)

    app.patch(
      '/v1/admin/events/:id',
      {
        schema: {
          summary: 'Edit a running sale: limit, hold time, prices, quantity, seats (audited)',
          tags,
          params: SaleIdParam,
          body: SaleEditRequest,
          response: {
            200: SaleEditResponse,
            ...errorResponses(ADMIN, WITH_BODY, NAMES_SALE, [
              'FC_SALE_NOT_EDITABLE',
              'FC_LIMIT_BELOW_OWNED',
              'FC_CAPACITY_BELOW_TAKEN',
              'FC_SEAT_SOLD',
              'FC_INVALID_STATE',
              'FC_UNAVAILABLE'
            ])
          }
        }
      },
      async (req) => {
        const out = await edits.edit(req.params.id, currentUser(req).id, req.body)
        return {
          sale: adminView(out.sale, await sales.phase(out.sale)),
          audit: auditView(out.audit),
          withdrawn: out.withdrawn
        }
      }
    )

    app.get(
      '/v1/admin/events/:id/audit',
      {
        schema: {
          summary: "A sale's audit log, newest first",
          tags,
          params: SaleIdParam,
          querystring: AuditQuery,
          response: { 200: AuditPage, ...errorResponses(ADMIN, NAMES_SALE) }
        }
      },
      async (req) => {
        const entries = await edits.audit(req.params.id, {
          limit: req.query.limit,
          ...(req.query.before ? { before: req.query.before } : {})
        })
        const last = entries.at(-1)
        return {
          entries: entries.map(auditView),
          next: entries.length === req.query.limit && last ? last.id : null
        }
      }
    )
  }
}
