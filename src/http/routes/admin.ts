import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { SECTION_NAME } from '../../domain/ids.ts'
import { currencyDigits } from '../../domain/money.ts'
import type { Sale } from '../../domain/sale.ts'
import type { SaleService } from '../../services/sales/sale-service.ts'
import { requireAdmin } from '../auth.ts'
import { SaleIdParam, StrictObject } from '../schemas.ts'

const Section = StrictObject({
  name: Type.String({ pattern: SECTION_NAME.source }),
  rows: Type.Integer({ minimum: 1, maximum: 1000 }),
  seatsPerRow: Type.Integer({ minimum: 1, maximum: 1000 }),
  price: Type.Integer({
    minimum: 0,
    maximum: 100_000_000,
    description: "minor units of the sale's currency (KRW and JPY have none: 60000 is 60,000 won)"
  })
})

const AdmissionBody = StrictObject({
  ratePerSec: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
  maxActive: Type.Integer({ minimum: 1, maximum: 10_000_000 }),
  accessTtlSec: Type.Integer({ minimum: 10, maximum: 86_400 })
})

export const CreateSaleBody = StrictObject({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  kind: Type.Union([Type.Literal('coupon'), Type.Literal('seated')]),
  quantity: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000_000 })),
  seats: Type.Optional(StrictObject({ sections: Type.Array(Section, { minItems: 1, maxItems: 100 }) })),
  perUserLimit: Type.Integer({ minimum: 1, maximum: 100 }),
  holdTtlSec: Type.Optional(Type.Integer({ minimum: 1, maximum: 3600 })),
  opensAt: Type.Optional(Type.String({ format: 'date-time', maxLength: 40 })),
  admission: AdmissionBody,
  challenge: Type.Optional(StrictObject({ difficulty: Type.Integer({ minimum: 0, maximum: 32 }) })),
  // Checked against ISO 4217 by the sale service, which refuses with FC_UNKNOWN_CURRENCY (a
  // pattern here would answer a plain FC_VALIDATION for "krw" or "XYZ").
  currency: Type.Optional(Type.String({ minLength: 1, maxLength: 16, description: 'ISO 4217, e.g. KRW' })),
  cancelWindowSec: Type.Optional(
    Type.Integer({
      minimum: 0,
      maximum: 31_536_000,
      description: 'seconds after confirmation during which buyers may cancel; 0 (default): not cancellable'
    })
  )
})

const AdmissionPatch = StrictObject({
  ratePerSec: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
  maxActive: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000_000 })),
  accessTtlSec: Type.Optional(Type.Integer({ minimum: 10, maximum: 86_400 })),
  paused: Type.Optional(Type.Boolean())
})

const StatusBody = StrictObject({
  status: Type.Union([Type.Literal('open'), Type.Literal('paused'), Type.Literal('closed')])
})

const SaleStatusName = Type.Union([
  Type.Literal('warming'),
  Type.Literal('open'),
  Type.Literal('paused'),
  Type.Literal('closed')
])

const ListQuery = StrictObject({
  status: Type.Optional(SaleStatusName),
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 })
})

/** A sale as the operator's API shows it (the answer to create, and each item of the list). */
function adminView(sale: Sale) {
  return {
    id: sale.id,
    name: sale.name,
    kind: sale.kind,
    status: sale.status,
    capacity: sale.capacity,
    perUserLimit: sale.perUserLimit,
    holdTtlSec: sale.holdTtlSec,
    opensAt: sale.opensAt?.toISOString() ?? null,
    admission: sale.admission,
    challenge: sale.challenge,
    sections: sale.sections,
    currency: sale.currency,
    currencyDigits: currencyDigits(sale.currency),
    cancelWindowSec: sale.cancelWindowSec,
    createdAt: sale.createdAt.toISOString()
  }
}

/** The operator's API: create and list sales, read live stats, steer admission. Admins only. */
export function adminRoutes(sales: SaleService): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.addHook('onRequest', requireAdmin)

    app.post('/v1/admin/events', { schema: { body: CreateSaleBody } }, async (req, reply) => {
      const sale = await sales.create(req.body)
      reply.code(201)
      return adminView(sale)
    })

    // Newest first; `?status=open` narrows it, `?limit=` (1-500, default 50) bounds it.
    app.get('/v1/admin/events', { schema: { querystring: ListQuery } }, async (req) => {
      const list = await sales.list(req.query.status ? [req.query.status] : undefined, req.query.limit)
      return { events: list.map(adminView) }
    })

    app.get('/v1/admin/events/:id/stats', { schema: { params: SaleIdParam } }, async (req) =>
      sales.stats(req.params.id)
    )

    app.patch(
      '/v1/admin/events/:id/admission',
      { schema: { params: SaleIdParam, body: AdmissionPatch } },
      async (req) => ({ admission: await sales.updateAdmission(req.params.id, req.body) })
    )

    app.patch(
      '/v1/admin/events/:id/status',
      { schema: { params: SaleIdParam, body: StatusBody } },
      async (req) => {
        await sales.setStatus(req.params.id, req.body.status)
        return { id: req.params.id, status: req.body.status }
      }
    )

    app.post('/v1/admin/events/:id/warm', { schema: { params: SaleIdParam } }, async (req) => {
      const sale = await sales.warm(req.params.id)
      return { id: sale.id, status: sale.status, warm: true }
    })
  }
}
