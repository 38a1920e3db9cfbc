import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { FcError } from '../../errors.ts'
import type { QueueFanout } from '../../services/waiting-room/queue-fanout.ts'
import type { WaitingRoomService } from '../../services/waiting-room/waiting-room-service.ts'
import { authenticate, currentUser } from '../auth.ts'
import {
  BEARER,
  errorResponses,
  eventStream,
  FairnessResponse,
  NAMES_SALE,
  PUBLIC_ROUTE,
  QueueJoinRequest,
  QueueJoinResponse,
  QueueStatusResponse,
  QueueStreamQuery,
  SaleIdParam,
  WITH_BODY
} from '../schemas.ts'

const tags = ['queue']

/**
 * The access check a join passes first (the access rules, `services/access`): refuses with
 * FC_ACCESS_DENIED (or a code's refusal) before any place is taken, and redeems `code` on the way.
 */
export type JoinGate = (req: FastifyRequest, saleId: string, code: string | undefined) => Promise<void>
const security = [{ bearer: [] }]

import { openEventStream } from '../sse.ts'

/** A join's refusals by the access rules (a code sent with the join is redeemed first). */
const JOIN_ACCESS = ['FC_ACCESS_DENIED', 'FC_CODE_INVALID', 'FC_CODE_USED', 'FC_CODE_RATE_LIMITED'] as const

/**
 * The waiting room: join, poll, heartbeat, leave, the SSE stream and the fairness commitment. Every
 * route but the stream and the commitment needs the bearer token; the stream also takes
 * `?queueToken=` because an EventSource cannot send headers.
 */
export function queueRoutes(
  room: WaitingRoomService,
  fanout: QueueFanout,
  gate?: JoinGate
): FastifyPluginAsyncTypebox {
  return async (app) => {
    // Open streams end first on shutdown, or they would hold the server's close open forever.
    app.addHook('preClose', async () => {
      await fanout.close()
    })

    app.get(
      '/v1/events/:id/queue/fairness',
      {
        schema: {
          summary: "The commitment to the pre-queue's order",
          tags,
          params: SaleIdParam,
          response: { 200: FairnessResponse, ...errorResponses(PUBLIC_ROUTE, NAMES_SALE) }
        }
      },
      async (req) => room.fairness(req.params.id)
    )

    app.get(
      '/v1/events/:id/queue/stream',
      {
        schema: {
          summary: 'My place in the queue, pushed (Server-Sent Events)',
          description: 'Bearer token, or `?queueToken=` for clients that cannot send headers (EventSource).',
          tags,
          security: [{ bearer: [] }, {}],
          params: SaleIdParam,
          querystring: QueueStreamQuery,
          response: {
            200: eventStream(
              'Server-Sent Events: `position` (data: {state: "waiting", position, etaSec, ticket, preQueue?}), ' +
                '`admitted` (data: {state: "admitted", accessToken, expiresAt, ticket}), `expired` ' +
                '(data: {state: "expired"}) and `closed` (data: {state: "closed"}); the stream ends after the last three.'
            ),
            ...errorResponses(PUBLIC_ROUTE, BEARER, NAMES_SALE, ['FC_TOO_MANY_STREAMS'])
          }
        }
      },
      async (req, reply) => {
        const saleId = req.params.id
        const userId = await streamUser(req, reply, room, saleId, req.query.queueToken)
        // 404 before the stream starts, for a sale that does not exist or a user who never joined.
        const known = await room.place(userId, saleId)
        if (known.place.place === 'none') throw new FcError('FC_NOT_FOUND', 'You have not joined this queue')
        // A place among this process's streams (429 past a cap), then the SSE headers and the
        // reconnect delay an EventSource uses if the stream breaks.
        const stream = openEventStream(req, reply, userId, 'retry: 3000\n\n')
        let detach: (() => void) | undefined
        stream.onClose(() => detach?.())
        detach = await fanout.add(
          {
            userId,
            saleId,
            write: (chunk) => {
              stream.write(chunk)
            },
            end: () => stream.end()
          },
          known
        )
        if (stream.closed) detach()
      }
    )

    app.register(async (plain) => {
      const guarded = plain.withTypeProvider<TypeBoxTypeProvider>()
      guarded.addHook('onRequest', authenticate)

      guarded.post(
        '/v1/events/:id/queue',
        {
          schema: {
            summary: 'Join the queue',
            description:
              'Carries the solved challenge when the sale asks for proof-of-work. Joining again is harmless.',
            tags,
            security,
            params: SaleIdParam,
            body: QueueJoinRequest,
            response: {
              200: QueueJoinResponse,
              ...errorResponses(
                PUBLIC_ROUTE,
                BEARER,
                WITH_BODY,
                NAMES_SALE,
                ['FC_CHALLENGE_INVALID', 'FC_QUEUE_NOT_OPEN', 'FC_QUEUE_FULL'],
                JOIN_ACCESS
              )
            }
          }
        },
        async (req) => {
          const userId = currentUser(req).id
          // Access first: a buyer the sale does not admit uses up no challenge and takes no place.
          if (gate) await gate(req, req.params.id, req.body?.code)
          // Before the join: a refused solution leaves no place behind.
          await req.server.challenges.verifyAndConsume(req.params.id, userId, req.body?.challenge)
          return room.join(userId, req.params.id, req.body?.challenge)
        }
      )

      guarded.get(
        '/v1/events/:id/queue',
        {
          schema: {
            summary: 'My place in the queue',
            tags,
            security,
            params: SaleIdParam,
            response: { 200: QueueStatusResponse, ...errorResponses(PUBLIC_ROUTE, BEARER, NAMES_SALE) }
          }
        },
        async (req) => room.status(currentUser(req).id, req.params.id)
      )

      guarded.post(
        '/v1/events/:id/queue/heartbeat',
        {
          schema: {
            summary: 'Keep my place (and read it)',
            tags,
            security,
            params: SaleIdParam,
            response: {
              200: QueueStatusResponse,
              ...errorResponses(PUBLIC_ROUTE, BEARER, WITH_BODY, NAMES_SALE)
            }
          }
        },
        async (req) => room.status(currentUser(req).id, req.params.id)
      )

      // Leave the queue, or end the admission when done: the place or slot goes to the next buyer.
      guarded.delete(
        '/v1/events/:id/queue',
        {
          schema: {
            summary: 'Leave the queue, or end my admission',
            tags,
            security,
            params: SaleIdParam,
            response: {
              200: QueueStatusResponse,
              ...errorResponses(PUBLIC_ROUTE, BEARER, WITH_BODY, NAMES_SALE)
            }
          }
        },
        async (req) => room.leave(currentUser(req).id, req.params.id)
      )
    })
  }
}

async function streamUser(
  req: FastifyRequest,
  reply: FastifyReply,
  room: WaitingRoomService,
  saleId: string,
  queueToken: string | undefined
): Promise<string> {
  if (req.headers.authorization !== undefined || queueToken === undefined) {
    await authenticate(req, reply)
    return currentUser(req).id
  }
  return room.userOfQueueToken(queueToken, saleId)
}
