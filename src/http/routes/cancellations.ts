import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { ErrorCode } from '../../errors.ts'
import type { CancellationService } from '../../services/sales/cancellation-service.ts'
import { authenticate, currentUser, requireAdmin } from '../auth.ts'
import {
  ADMIN,
  BEARER,
  ClaimId,
  ClaimIdParam,
  errorResponses,
  NAMES_SALE,
  PUBLIC_ROUTE,
  ReservationId,
  ReservationIdParam,
  SaleId,
  SaleIdParam,
  StrictObject,
  WITH_BODY
} from '../schemas.ts'

/** What a cancel may refuse with, besides what every buyer route may. */
const CANCEL_REFUSALS: readonly ErrorCode[] = [
  'FC_NOT_FOUND',
  'FC_NOT_CANCELLABLE',
  'FC_CANCEL_WINDOW_CLOSED'
]

// Bodiless POSTs arrive as null; a body, if sent, must be an empty object.
const EmptyBody = Type.Union([Type.Null(), StrictObject({})])

const CancelledReservation = Type.Object(
  {
    reservationId: ReservationId,
    status: Type.Literal('cancelled'),
    cancelledAt: Type.String({ format: 'date-time' })
  },
  { additionalProperties: false, description: 'the same answer however often the cancel is sent' }
)

const CancelledClaim = Type.Object(
  { claimId: ClaimId, status: Type.Literal('cancelled'), cancelledAt: Type.String({ format: 'date-time' }) },
  { additionalProperties: false }
)

const WindowBody = StrictObject({
  cancelWindowSec: Type.Integer({
    minimum: 0,
    maximum: 31_536_000,
    description: 'seconds after confirmation during which buyers may cancel; 0: not cancellable'
  })
})

const WindowView = Type.Object(
  { id: SaleId, cancelWindowSec: Type.Integer({ minimum: 0 }) },
  { additionalProperties: false }
)

/**
 * Buyers cancel their confirmed bookings within the sale's window (docs/api.md), and operators set
 * that window. Another user's booking answers 404, as one that does not exist.
 */
export function cancellationRoutes(cancellations: CancellationService): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.register(async (plain) => {
      const buyers = plain.withTypeProvider<TypeBoxTypeProvider>()
      buyers.addHook('onRequest', authenticate)

      buyers.post(
        '/v1/reservations/:id/cancel',
        {
          schema: {
            params: ReservationIdParam,
            body: EmptyBody,
            tags: ['buyer'],
            response: {
              200: CancelledReservation,
              ...errorResponses(PUBLIC_ROUTE, BEARER, WITH_BODY, CANCEL_REFUSALS)
            }
          }
        },
        async (req) => cancellations.cancelReservation(currentUser(req).id, req.params.id)
      )

      buyers.post(
        '/v1/claims/:id/cancel',
        {
          schema: {
            params: ClaimIdParam,
            body: EmptyBody,
            tags: ['buyer'],
            response: {
              200: CancelledClaim,
              ...errorResponses(PUBLIC_ROUTE, BEARER, WITH_BODY, CANCEL_REFUSALS)
            }
          }
        },
        async (req) => cancellations.cancelClaim(currentUser(req).id, req.params.id)
      )
    })

    app.register(async (plain) => {
      const admin = plain.withTypeProvider<TypeBoxTypeProvider>()
      admin.addHook('onRequest', requireAdmin)
      admin.patch(
        '/v1/admin/events/:id/cancellation',
        {
          schema: {
            params: SaleIdParam,
            body: WindowBody,
            tags: ['admin'],
            response: { 200: WindowView, ...errorResponses(ADMIN, WITH_BODY, NAMES_SALE) }
          }
        },
        async (req) => cancellations.setWindow(req.params.id, req.body.cancelWindowSec)
      )
    })
  }
}
