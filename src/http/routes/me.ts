import type { ServerResponse } from 'node:http'
import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { ResultEvent } from '../../domain/result-ports.ts'
import type { ResultHub } from '../../services/result-hub.ts'
import type { StatusService } from '../../services/status-service.ts'
import { authenticate, currentUser } from '../auth.ts'
import { REQUEST_ID_HEADER } from '../request-id.ts'
import { ClaimIdParam, ReservationIdParam } from '../schemas.ts'
import { applySecurityHeaders } from '../security.ts'

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
    const open = new Set<ServerResponse>()
    app.addHook('preClose', async () => {
      for (const res of open) res.end()
      open.clear()
    })

    app.get('/v1/reservations/:id', { schema: { params: ReservationIdParam } }, async (req) =>
      status.reservation(currentUser(req).id, req.params.id)
    )

    app.get('/v1/claims/:id', { schema: { params: ClaimIdParam } }, async (req) =>
      status.claim(currentUser(req).id, req.params.id)
    )

    app.get('/v1/me/reservations', async (req) => ({ items: await status.mine(currentUser(req).id) }))

    app.get('/v1/me/stream', async (req, reply) => {
      const userId = currentUser(req).id
      // The stream outlives the handler: fastify's hooks (onSend) no longer run, so the headers
      // they would add are written here.
      applySecurityHeaders(reply)
      reply.hijack()
      const res = reply.raw
      res.writeHead(200, {
        ...(reply.getHeaders() as Record<string, string>),
        [REQUEST_ID_HEADER]: req.id,
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        // nginx would otherwise buffer the stream and deliver results late.
        'x-accel-buffering': 'no'
      })
      // The comment flushes the headers at once: the client knows it is subscribed.
      res.write(': subscribed\n\n')
      open.add(res)
      const unsubscribe = hub.subscribe(userId, (event) => res.write(frame(event)))
      const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), heartbeatMs)
      heartbeat.unref()
      res.once('close', () => {
        clearInterval(heartbeat)
        unsubscribe()
        open.delete(res)
      })
    })
  }
}
