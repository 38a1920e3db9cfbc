import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { SaleReports } from '../../services/report/sale-report.ts'
import { requireAdmin } from '../auth.ts'
import { ADMIN, errorResponses, NAMES_SALE, SaleId, SaleIdParam } from '../schemas.ts'

const Count = Type.Integer({ minimum: 0 })
const IsoTime = Type.String({ format: 'date-time' })

const TimelineRow = Type.Object({
  at: Type.Integer({ description: 'the second sampled, epoch seconds' }),
  waiting: Count,
  active: Count,
  admittedTotal: Count,
  abandoned: Count,
  left: Count,
  frontier: Count,
  free: Count,
  held: Count,
  pending: Count,
  sold: Count,
  confirmed: Count,
  consumerLag: Count
})

const ReconcileReport = Type.Object({
  saleId: SaleId,
  checkedAt: IsoTime,
  drift: Type.Array(
    Type.Object({
      field: Type.String(),
      redis: Type.Unknown(),
      database: Type.Unknown(),
      count: Type.Optional(Count)
    })
  ),
  repaired: Type.Boolean(),
  busy: Type.Boolean(),
  stale: Count,
  ledgerDeadLetters: Type.Optional(Count)
})

const DeadLetter = Type.Object({
  id: Type.String(),
  topic: Type.String(),
  kind: Type.String(),
  reason: Type.String(),
  attempts: Count,
  replays: Count,
  resolution: Type.Union([Type.String(), Type.Null()]),
  createdAt: IsoTime,
  resolvedAt: Type.Union([IsoTime, Type.Null()])
})

/** The body of `GET /v1/admin/events/:id/report` (see docs/operations.md, "Post-sale report"). */
export const SaleReportBody = Type.Object({
  saleId: SaleId,
  name: Type.String(),
  kind: Type.Union([Type.Literal('coupon'), Type.Literal('seated')]),
  status: Type.Union([
    Type.Literal('warming'),
    Type.Literal('open'),
    Type.Literal('paused'),
    Type.Literal('closed')
  ]),
  capacity: Count,
  currency: Type.String(),
  opensAt: Type.Union([IsoTime, Type.Null()]),
  createdAt: IsoTime,
  generatedAt: IsoTime,
  timeline: Type.Array(TimelineRow),
  funnel: Type.Object({
    joined: Count,
    admitted: Count,
    waiting: Count,
    abandoned: Count,
    left: Count,
    held: Count,
    holders: Count,
    paid: Count,
    failed: Count,
    inFlight: Count,
    released: Count,
    expired: Count,
    refunds: Count,
    queueSource: Type.Union([Type.Literal('waiting-room'), Type.Literal('timeline'), Type.Literal('none')])
  }),
  fairness: Type.Object({
    seedHash: Type.Union([Type.String(), Type.Null()]),
    seed: Type.Union([Type.String(), Type.Null()]),
    frontierRegressions: Count,
    admittedRegressions: Count
  }),
  reconcile: Type.Object({
    reports: Type.Array(ReconcileReport),
    driftFound: Count,
    repaired: Count,
    unrepaired: Count,
    staleSettled: Count
  }),
  deadLetters: Type.Object({
    total: Count,
    unresolved: Count,
    replayed: Count,
    failed: Count,
    items: Type.Array(DeadLetter)
  }),
  edits: Type.Object({
    total: Count,
    items: Type.Array(
      Type.Object({
        id: Type.String(),
        actor: Type.String(),
        action: Type.String(),
        before: Type.Record(Type.String(), Type.Unknown()),
        after: Type.Record(Type.String(), Type.Unknown()),
        at: Type.String()
      }),
      { description: "operators' edits while the sale ran (its audit log), newest first" }
    )
  })
})

/** `GET /v1/admin/events/:id/report`: the post-sale report of a sale, open or closed. Admins only. */
export function adminReportRoutes(reports: SaleReports): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.addHook('onRequest', requireAdmin)
    app.get(
      '/v1/admin/events/:id/report',
      {
        schema: {
          params: SaleIdParam,
          tags: ['admin'],
          response: { 200: SaleReportBody, ...errorResponses(ADMIN, NAMES_SALE) }
        }
      },
      async (req) => reports.report(req.params.id)
    )
  }
}
