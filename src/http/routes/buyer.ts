import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { SECTION_NAME } from '../../domain/ids.ts'
import type { StoredResponse } from '../../domain/inventory-ports.ts'
import type { BuyerCall, BuyerService } from '../../services/sales/buyer-service.ts'
import type { SaleService } from '../../services/sales/sale-service.ts'
import { authenticate, currentUser } from '../auth.ts'
import { AccessToken, HoldIdParam, IdempotencyKey, SaleIdParam, SeatId, StrictObject } from '../schemas.ts'

const BuyerHeaders = Type.Object({
  'idempotency-key': Type.Optional(IdempotencyKey),
  'x-access-token': Type.Optional(AccessToken)
})

/** Most seats one hold may name (the per-user limit's largest value); the sale's own limit is checked after. */
const MAX_SEATS_PER_HOLD = 100

/**
 * Exactly one of: one seat (`seatId`, the original form), several named seats (`seatIds`), or the
 * best `quantity` seats of a section (side by side in one row unless `adjacent` is false).
 */
const HoldBody = Type.Union([
  StrictObject({ seatId: SeatId }),
  StrictObject({
    seatIds: Type.Array(SeatId, { minItems: 1, maxItems: MAX_SEATS_PER_HOLD, uniqueItems: true })
  }),
  StrictObject({
    section: Type.String({ pattern: SECTION_NAME.source }),
    quantity: Type.Integer({ minimum: 1, maximum: MAX_SEATS_PER_HOLD }),
    adjacent: Type.Optional(Type.Boolean())
  })
])

const PaymentMethod = Type.Optional(Type.String({ maxLength: 32, pattern: '^[a-z_]+$' }))

/** The buyer's authorisation at the payment provider (docs/payments.md); absent: charged server-side. */
const PaymentKey = Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9_.:-]+$' }))

/**
 * The confirm body. `payment.simulate` (the buyer picks the outcome) exists only where payments
 * are simulated (development and test profiles); elsewhere the field is unknown, so it is refused
 * with 400 FC_VALIDATION like any unknown field, before anything happens.
 */
function confirmBody(simulatedPayments: boolean) {
  return StrictObject({
    payment: Type.Optional(
      simulatedPayments
        ? StrictObject({
            simulate: Type.Optional(
              Type.Union([Type.Literal('approve'), Type.Literal('decline'), Type.Literal('timeout')])
            ),
            method: PaymentMethod,
            key: PaymentKey
          })
        : StrictObject({ method: PaymentMethod, key: PaymentKey })
    )
  })
}

// Bodiless POSTs arrive as null; a body, if sent, must be an empty object.
const EmptyBody = Type.Union([Type.Null(), StrictObject({})])

function call(
  req: FastifyRequest & { headers: { 'idempotency-key'?: string; 'x-access-token'?: string } }
): BuyerCall {
  return {
    userId: currentUser(req).id,
    accessToken: req.headers['x-access-token'],
    idempotencyKey: req.headers['idempotency-key']
  }
}

function send(reply: FastifyReply, response: StoredResponse): unknown {
  reply.code(response.statusCode)
  return response.body
}

/** Options of {@link buyerRoutes}. */
export interface BuyerRouteOptions {
  /** Accept `payment.simulate` on confirm (development and test profiles only). */
  simulatedPayments: boolean
}

/** The public sale read and the buyer's inventory actions (the seat map is `seat-map.ts`): hold, extend, release, confirm, claim. */
export function buyerRoutes(
  buyers: BuyerService,
  sales: SaleService,
  options: BuyerRouteOptions
): FastifyPluginAsyncTypebox {
  const ConfirmBody = confirmBody(options.simulatedPayments)
  return async (app) => {
    app.get('/v1/events/:id', { schema: { params: SaleIdParam } }, async (req) =>
      sales.publicView(req.params.id)
    )

    app.register(async (plain) => {
      const guarded = plain.withTypeProvider<TypeBoxTypeProvider>()
      guarded.addHook('onRequest', authenticate)

      guarded.post(
        '/v1/events/:id/holds',
        { schema: { params: SaleIdParam, headers: BuyerHeaders, body: HoldBody } },
        async (req, reply) => {
          const body = req.body
          return send(
            reply,
            'seatId' in body
              ? await buyers.hold(call(req), req.params.id, body.seatId)
              : await buyers.holdSeats(call(req), req.params.id, body)
          )
        }
      )

      guarded.post(
        '/v1/holds/:holdId/extend',
        { schema: { params: HoldIdParam, headers: BuyerHeaders, body: EmptyBody } },
        async (req, reply) => send(reply, await buyers.extend(call(req), req.params.holdId))
      )

      guarded.delete(
        '/v1/holds/:holdId',
        { schema: { params: HoldIdParam, headers: BuyerHeaders } },
        async (req, reply) => send(reply, await buyers.release(call(req), req.params.holdId))
      )

      guarded.post(
        '/v1/holds/:holdId/confirm',
        { schema: { params: HoldIdParam, headers: BuyerHeaders, body: ConfirmBody } },
        async (req, reply) => {
          // Only the development and test schema lets `simulate` through.
          const payment = req.body.payment as
            | { simulate?: 'approve' | 'decline' | 'timeout'; key?: string }
            | undefined
          const simulate = payment?.simulate
          const key = payment?.key
          return send(
            reply,
            await buyers.confirm(call(req), req.params.holdId, {
              ...(simulate ? { simulate } : {}),
              ...(key ? { key } : {})
            })
          )
        }
      )

      guarded.post(
        '/v1/events/:id/claims',
        { schema: { params: SaleIdParam, headers: BuyerHeaders, body: EmptyBody } },
        async (req, reply) => send(reply, await buyers.claim(call(req), req.params.id))
      )
    })
  }
}
