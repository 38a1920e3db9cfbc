import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { currencyDigits } from '../../domain/money.ts'
import type { Sale } from '../../domain/sale.ts'
import type { SalePhase } from '../../domain/sale-phase.ts'
import type { SaleEditService } from '../../services/sales/sale-edit-service.ts'
import type { SaleService } from '../../services/sales/sale-service.ts'
import { currentUser, requireAdmin } from '../auth.ts'
import {
  ADMIN,
  AdminSaleList,
  AdminSaleListQuery,
  AdmissionPatchRequest,
  AdmissionPatchResponse,
  CreatedSale,
  CreateSaleRequest,
  errorResponses,
  NAMES_SALE,
  SaleIdParam,
  SaleStatsResponse,
  SaleStatusRequest,
  SaleStatusResponse,
  WarmResponse,
  WITH_BODY
} from '../schemas.ts'

const tags = ['admin']

/** A sale as the operator's API shows it (the answer to create, and each item of the list). */
export function adminView(sale: Sale, phase: SalePhase) {
  return {
    id: sale.id,
    name: sale.name,
    kind: sale.kind,
    status: sale.status,
    capacity: sale.capacity,
    perUserLimit: sale.perUserLimit,
    holdTtlSec: sale.holdTtlSec,
    opensAt: sale.opensAt?.toISOString() ?? null,
    preQueueOpensAt: sale.preQueueOpensAt?.toISOString() ?? null,
    closesAt: sale.closesAt?.toISOString() ?? null,
    maxWaiting: sale.maxWaiting ?? null,
    phase,
    admission: sale.admission,
    challenge: sale.challenge,
    sections: sale.sections,
    currency: sale.currency,
    currencyDigits: currencyDigits(sale.currency),
    cancelWindowSec: sale.cancelWindowSec,
    createdAt: sale.createdAt.toISOString()
  }
}

/**
 * The operator's API: create and list sales, read live stats, steer admission and status (both
 * recorded in the sale's audit log). Admins only.
 */
export function adminRoutes(sales: SaleService, edits: SaleEditService): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.addHook('onRequest', requireAdmin)

    app.post(
      '/v1/admin/events',
      {
        schema: {
          summary: 'Create a sale',
          tags,
          body: CreateSaleRequest,
          response: { 201: CreatedSale, ...errorResponses(ADMIN, WITH_BODY, ['FC_UNKNOWN_CURRENCY']) }
        }
      },
      async (req, reply) => {
        const sale = await sales.create(req.body)
        reply.code(201)
        return adminView(sale, await sales.phase(sale))
      }
    )

    // Newest first; `?status=open` narrows it, `?limit=` (1-500, default 50) bounds it.
    app.get(
      '/v1/admin/events',
      {
        schema: {
          summary: 'List sales, newest first',
          tags,
          querystring: AdminSaleListQuery,
          response: { 200: AdminSaleList, ...errorResponses(ADMIN) }
        }
      },
      async (req) => {
        const list = await sales.list(req.query.status ? [req.query.status] : undefined, req.query.limit)
        return { events: await Promise.all(list.map(async (s) => adminView(s, await sales.phase(s)))) }
      }
    )

    app.get(
      '/v1/admin/events/:id/stats',
      {
        schema: {
          summary: 'Live counts of a sale',
          tags,
          params: SaleIdParam,
          response: { 200: SaleStatsResponse, ...errorResponses(ADMIN, NAMES_SALE) }
        }
      },
      async (req) => sales.stats(req.params.id)
    )

    app.patch(
      '/v1/admin/events/:id/admission',
      {
        schema: {
          summary: "Change a sale's admission at runtime",
          tags,
          params: SaleIdParam,
          body: AdmissionPatchRequest,
          response: {
            200: AdmissionPatchResponse,
            ...errorResponses(ADMIN, WITH_BODY, NAMES_SALE, ['FC_SALE_NOT_EDITABLE'])
          }
        }
      },
      async (req) => ({
        admission: await edits.updateAdmission(req.params.id, currentUser(req).id, req.body)
      })
    )

    app.patch(
      '/v1/admin/events/:id/status',
      {
        schema: {
          summary: 'Open, pause or close a sale',
          tags,
          params: SaleIdParam,
          body: SaleStatusRequest,
          response: {
            200: SaleStatusResponse,
            ...errorResponses(ADMIN, WITH_BODY, NAMES_SALE, ['FC_SALE_NOT_EDITABLE'])
          }
        }
      },
      async (req) => {
        await edits.setStatus(req.params.id, currentUser(req).id, req.body.status)
        return { id: req.params.id, status: req.body.status }
      }
    )

    app.post(
      '/v1/admin/events/:id/warm',
      {
        schema: {
          summary: "Load a sale's stock into Redis again",
          tags,
          params: SaleIdParam,
          response: { 200: WarmResponse, ...errorResponses(ADMIN, WITH_BODY, NAMES_SALE, ['FC_SALE_LIVE']) }
        }
      },
      async (req) => {
        const sale = await sales.warm(req.params.id)
        return { id: sale.id, status: sale.status, warm: true as const }
      }
    )
  }
}
