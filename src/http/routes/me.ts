import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { pickLocale } from '../../domain/money.ts'
import type { ResultEvent } from '../../domain/result-ports.ts'
import type { ResultHub } from '../../services/results/result-hub.ts'
import { type StatusService, withAmountText } from '../../services/results/status-service.ts'
import { authenticate, currentUser } from '../auth.ts'
import {
  BEARER,
  BookingView,
  ClaimIdParam,
  errorResponses,
  eventStream,
  MyBookings,
  NAMES_SALE,
  PUBLIC_ROUTE,
  ReservationIdParam
} from '../schemas.ts'

const tags = ['bookings']
const security = [{ bearer: [] }]
const OWN_BOOKING = [PUBLIC_ROUTE, BEARER, NAMES_SALE, ['FC_FORBIDDEN']] as const

import { type EventStream, openEventStream } from '../sse.ts'

/** How often an open stream carries a comment, so proxies and clients see the connection is alive. */
export const HEARTBEAT_MS = 15_000

/** One SSE frame: the result, with its request id as the event id. */
function frame(event: ResultEvent): string {
  return `event: result\nid: ${event.id}\ndata: ${JSON.stringify(event)}\n\n`
}

/**
 * A buyer's own bookings: polling reads (`GET /v1/reservations/:id`, `GET /v1/claims/:id`,
 * `GET /v1/me/reservations`) and the push channel (`GET /v1/me/stream`, Server-Sent Events with an
 * event `result` per outcome, correlated by reservation or claim id). Streams end cleanly when the
 * app closes, so a graceful shutdown never waits on them.
 */
export function meRoutes(
  status: StatusService,
  hub: ResultHub,
  heartbeatMs = HEARTBEAT_MS
): FastifyPluginAsyncTypebox {
  return async (plain) => {
    const app = plain.withTypeProvider<TypeBoxTypeProvider>()
    app.addHook('onRequest', authenticate)
    const open = new Set<EventStream>()
    app.addHook('preClose', async () => {
      for (const stream of open) stream.end()
      open.clear()
    })

    // Amounts are also written out for the reader, in Korean or English by Accept-Language.
    app.get(
      '/v1/reservations/:id',
      {
        schema: {
          summary: 'A reservation of mine',
          tags,
          security,
          params: ReservationIdParam,
          response: { 200: BookingView, ...errorResponses(...OWN_BOOKING) }
        }
      },
      async (req, reply) => {
        const view = await status.reservation(currentUser(req).id, req.params.id)
        reply.header('vary', 'Accept-Language')
        return withAmountText(view, pickLocale(req.headers['accept-language']))
      }
    )

    app.get(
      '/v1/claims/:id',
      {
        schema: {
          summary: 'A coupon claim of mine',
          tags,
          security,
          params: ClaimIdParam,
          response: { 200: BookingView, ...errorResponses(...OWN_BOOKING) }
        }
      },
      async (req) => status.claim(currentUser(req).id, req.params.id)
    )

    app.get(
      '/v1/me/reservations',
      {
        schema: {
          summary: 'My reservations and claims, newest first',
          tags,
          security,
          response: { 200: MyBookings, ...errorResponses(PUBLIC_ROUTE, BEARER) }
        }
      },
      async (req, reply) => {
        const locale = pickLocale(req.headers['accept-language'])
        const items = await status.mine(currentUser(req).id)
        reply.header('vary', 'Accept-Language')
        return { items: items.map((item) => withAmountText(item, locale)) }
      }
    )

    app.get(
      '/v1/me/stream',
      {
        schema: {
          summary: 'My results, pushed (Server-Sent Events)',
          tags,
          security,
          response: {
            200: eventStream(
              'Server-Sent Events: `result` (id: the request id; data: ResultEvent, a reservation or ' +
                'claim that was confirmed or failed), and a `: heartbeat` comment every 15 s.'
            ),
            ...errorResponses(PUBLIC_ROUTE, BEARER, ['FC_TOO_MANY_STREAMS'])
          }
        }
      },
      async (req, reply) => {
        const userId = currentUser(req).id
        // A place among this process's streams (429 past a cap); the comment flushes the headers at
        // once, so the client knows it is subscribed. The stream outlives the handler.
        const stream = openEventStream(req, reply, userId, ': subscribed\n\n')
        open.add(stream)
        const unsubscribe = hub.subscribe(userId, (event) => {
          stream.write(frame(event))
        })
        const heartbeat = setInterval(() => stream.write(': heartbeat\n\n'), heartbeatMs)
        heartbeat.unref()
        stream.onClose(() => {
          clearInterval(heartbeat)
          unsubscribe()
          open.delete(stream)
        })
      }
    )
  }
}
