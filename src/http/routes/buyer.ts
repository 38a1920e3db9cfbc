import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { StoredResponse } from '../../domain/inventory-ports.ts'
import type { ErrorCode } from '../../errors.ts'
import type { BuyerCall, BuyerService } from '../../services/sales/buyer-service.ts'
import type { SaleService } from '../../services/sales/sale-service.ts'
import { authenticate, currentUser } from '../auth.ts'
import {
  BEARER,
  BuyerHeaders,
  ClaimResponse,
  ConfirmResponse,
  confirmRequest,
  EmptyBody,
  ExtendResponse,
  errorResponses,
  HoldIdParam,
  HoldRequest,
  HoldResponse,
  NAMES_SALE,
  PUBLIC_ROUTE,
  PublicSale,
  ReleaseResponse,
  SaleIdParam,
  WITH_BODY
} from '../schemas.ts'

/**
 * What the inventory may refuse a buyer's call with (`services/refusals.ts`), beside the header
 * checks (FC_VALIDATION for a missing Idempotency-Key, FC_NOT_ADMITTED without a valid access token).
 * A retry with the same Idempotency-Key answers the first attempt's refusal again.
 */
const INVENTORY_REFUSALS: readonly ErrorCode[] = [
  'FC_NOT_ADMITTED',
  'FC_FORBIDDEN',
  'FC_NOT_FOUND',
  'FC_NOT_OPEN',
  'FC_SALE_CLOSED',
  'FC_INVALID_STATE',
  'FC_IDEMPOTENCY_MISMATCH'
]
const BUYER_CALL = [PUBLIC_ROUTE, BEARER, WITH_BODY, NAMES_SALE, INVENTORY_REFUSALS] as const
const tags = ['buyer']

function call(
  req: FastifyRequest & { headers: { 'idempotency-key'?: string; 'x-access-token'?: string } }
): BuyerCall {
  return {
    userId: currentUser(req).id,
    accessToken: req.headers['x-access-token'],
    idempotencyKey: req.headers['idempotency-key']
  }
}

/** Sends a stored answer (the first attempt's, for a retry with the same Idempotency-Key) as it was. */
function send(reply: FastifyReply, response: StoredResponse): void {
  reply.code(response.statusCode).send(response.body)
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
  const ConfirmBody = confirmRequest(options.simulatedPayments)
  return async (app) => {
    app.get(
      '/v1/events/:id',
      {
        schema: {
          summary: 'Public info and remaining stock of a sale',
          tags: ['sales'],
          params: SaleIdParam,
          response: { 200: PublicSale, ...errorResponses(PUBLIC_ROUTE, NAMES_SALE) }
        }
      },
      async (req) => sales.publicView(req.params.id)
    )

    app.register(async (plain) => {
      const guarded = plain.withTypeProvider<TypeBoxTypeProvider>()
      guarded.addHook('onRequest', authenticate)

      guarded.post(
        '/v1/events/:id/holds',
        {
          schema: {
            summary: 'Hold seats',
            description:
              'One seat (`seatId`), named seats (`seatIds`) or the best `quantity` of a `section`, all or nothing. ' +
              'Needs `Idempotency-Key` and the admission `X-Access-Token`.',
            tags,
            security: [{ bearer: [], accessToken: [] }],
            params: SaleIdParam,
            headers: BuyerHeaders,
            body: HoldRequest,
            response: {
              201: HoldResponse,
              ...errorResponses(...BUYER_CALL, [
                'FC_SEAT_TAKEN',
                'FC_SOLD_OUT',
                'FC_LIMIT_REACHED',
                'FC_NO_SEATS_TOGETHER'
              ])
            }
          }
        },
        async (req, reply) => {
          const body = req.body
          send(
            reply,
            'seatId' in body
              ? await buyers.hold(call(req), req.params.id, body.seatId)
              : await buyers.holdSeats(call(req), req.params.id, body)
          )
        }
      )

      guarded.post(
        '/v1/holds/:holdId/extend',
        {
          schema: {
            summary: 'Extend a hold',
            tags,
            security: [{ bearer: [], accessToken: [] }],
            params: HoldIdParam,
            headers: BuyerHeaders,
            body: EmptyBody,
            response: {
              200: ExtendResponse,
              ...errorResponses(...BUYER_CALL, ['FC_EXTEND_LIMIT', 'FC_HOLD_EXPIRED'])
            }
          }
        },
        async (req, reply) => {
          send(reply, await buyers.extend(call(req), req.params.holdId))
        }
      )

      guarded.delete(
        '/v1/holds/:holdId',
        {
          schema: {
            summary: 'Release a hold',
            tags,
            security: [{ bearer: [], accessToken: [] }],
            params: HoldIdParam,
            headers: BuyerHeaders,
            response: { 200: ReleaseResponse, ...errorResponses(...BUYER_CALL, ['FC_HOLD_EXPIRED']) }
          }
        },
        async (req, reply) => {
          send(reply, await buyers.release(call(req), req.params.holdId))
        }
      )

      guarded.post(
        '/v1/holds/:holdId/confirm',
        {
          schema: {
            summary: 'Pay for a hold',
            description:
              'Accepted for booking (202): the outcome arrives on `GET /v1/me/stream` and at ' +
              '`GET /v1/reservations/:id`. `payment.simulate` exists in the development and test profiles only.',
            tags,
            security: [{ bearer: [], accessToken: [] }],
            params: HoldIdParam,
            headers: BuyerHeaders,
            body: ConfirmBody,
            response: { 202: ConfirmResponse, ...errorResponses(...BUYER_CALL, ['FC_HOLD_EXPIRED']) }
          }
        },
        async (req, reply) => {
          // Only the development and test schema lets `simulate` through.
          const payment = req.body.payment as
            | { simulate?: 'approve' | 'decline' | 'timeout'; key?: string }
            | undefined
          const simulate = payment?.simulate
          const key = payment?.key
          send(
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
        {
          schema: {
            summary: 'Claim a coupon',
            description:
              'Accepted (202): the outcome arrives on `GET /v1/me/stream` and at `GET /v1/claims/:id`.',
            tags,
            security: [{ bearer: [], accessToken: [] }],
            params: SaleIdParam,
            headers: BuyerHeaders,
            body: EmptyBody,
            response: {
              202: ClaimResponse,
              ...errorResponses(...BUYER_CALL, ['FC_SOLD_OUT', 'FC_LIMIT_REACHED'])
            }
          }
        },
        async (req, reply) => {
          send(reply, await buyers.claim(call(req), req.params.id))
        }
      )
    })
  }
}
