import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { StoredResponse } from '../../domain/ports.ts'
import type { BuyerCall, BuyerService } from '../../services/buyer-service.ts'
import type { SaleService } from '../../services/sale-service.ts'
import { authenticate, currentUser } from '../auth.ts'
import { AccessToken, HoldIdParam, IdempotencyKey, SaleIdParam, SeatId, StrictObject } from '../schemas.ts'

const BuyerHeaders = Type.Object({
  'idempotency-key': Type.Optional(IdempotencyKey),
  'x-access-token': Type.Optional(AccessToken)
})

const HoldBody = StrictObject({ seatId: SeatId })

const ConfirmBody = StrictObject({
  payment: Type.Optional(
    StrictObject({
      simulate: Type.Optional(
        Type.Union([Type.Literal('approve'), Type.Literal('decline'), Type.Literal('timeout')])
      ),
      method: Type.Optional(Type.String({ maxLength: 32, pattern: '^[a-z_]+$' }))
    })
  )
})

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

/** Public sale reads and the buyer's inventory actions: hold, extend, release, confirm, claim. */
export function buyerRoutes(buyers: BuyerService, sales: SaleService): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/v1/events/:id', { schema: { params: SaleIdParam } }, async (req) =>
      sales.publicView(req.params.id)
    )

    app.get('/v1/events/:id/seats', { schema: { params: SaleIdParam } }, async (req) => ({
      seats: await sales.seats(req.params.id)
    }))

    app.register(async (plain) => {
      const guarded = plain.withTypeProvider<TypeBoxTypeProvider>()
      guarded.addHook('onRequest', authenticate)

      guarded.post(
        '/v1/events/:id/holds',
        { schema: { params: SaleIdParam, headers: BuyerHeaders, body: HoldBody } },
        async (req, reply) => send(reply, await buyers.hold(call(req), req.params.id, req.body.seatId))
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
          const simulate = req.body.payment?.simulate
          return send(reply, await buyers.confirm(call(req), req.params.holdId, simulate ? { simulate } : {}))
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
