import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { FcError } from '../../errors.ts'
import type { QueueFanout } from '../../services/queue-fanout.ts'
import type { WaitingRoomService } from '../../services/waiting-room.ts'
import { authenticate, currentUser } from '../auth.ts'
import { REQUEST_ID_HEADER } from '../request-id.ts'
import { SaleIdParam, StrictObject } from '../schemas.ts'
import { applySecurityHeaders } from '../security.ts'

// The proof-of-work solution, checked (and used up) when the sale's difficulty is above 0.
const ChallengeSolution = StrictObject({
  challengeId: Type.String({ minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9_.-]+$' }),
  nonce: Type.String({ minLength: 1, maxLength: 64 })
})
const JoinBody = Type.Union([Type.Null(), StrictObject({ challenge: Type.Optional(ChallengeSolution) })])

const StreamQuery = Type.Object({
  queueToken: Type.Optional(Type.String({ minLength: 16, maxLength: 512, pattern: '^[A-Za-z0-9_.-]+$' }))
})

/**
 * The waiting room: join, poll, heartbeat, leave, the SSE stream and the fairness commitment. Every
 * route but the stream and the commitment needs the bearer token; the stream also takes
 * `?queueToken=` because an EventSource cannot send headers.
 */
export function queueRoutes(room: WaitingRoomService, fanout: QueueFanout): FastifyPluginAsyncTypebox {
  return async (app) => {
    // Open streams end first on shutdown, or they would hold the server's close open forever.
    app.addHook('preClose', async () => {
      await fanout.close()
    })

    app.get('/v1/events/:id/queue/fairness', { schema: { params: SaleIdParam } }, async (req) =>
      room.fairness(req.params.id)
    )

    app.get(
      '/v1/events/:id/queue/stream',
      { schema: { params: SaleIdParam, querystring: StreamQuery } },
      async (req, reply) => {
        const saleId = req.params.id
        const userId = await streamUser(req, reply, room, saleId, req.query.queueToken)
        // 404 before the stream starts, for a sale that does not exist or a user who never joined.
        const known = await room.place(userId, saleId)
        if (known.place.place === 'none') throw new FcError('FC_NOT_FOUND', 'You have not joined this queue')
        const write = openStream(reply, req.id)
        const res = reply.raw
        let detach: (() => void) | undefined
        let ended = false
        const end = () => {
          if (ended) return
          ended = true
          res.end()
        }
        res.on('close', () => {
          ended = true
          detach?.()
        })
        detach = await fanout.add(
          {
            userId,
            saleId,
            write: (chunk) => {
              if (!ended) write(chunk)
            },
            end
          },
          known
        )
        if (ended) detach()
      }
    )

    app.register(async (plain) => {
      const guarded = plain.withTypeProvider<TypeBoxTypeProvider>()
      guarded.addHook('onRequest', authenticate)

      guarded.post(
        '/v1/events/:id/queue',
        { schema: { params: SaleIdParam, body: JoinBody } },
        async (req) => {
          const userId = currentUser(req).id
          // Before the join: a refused solution leaves no place behind.
          await req.server.challenges.verifyAndConsume(req.params.id, userId, req.body?.challenge)
          return room.join(userId, req.params.id, req.body?.challenge)
        }
      )

      guarded.get('/v1/events/:id/queue', { schema: { params: SaleIdParam } }, async (req) =>
        room.status(currentUser(req).id, req.params.id)
      )

      guarded.post('/v1/events/:id/queue/heartbeat', { schema: { params: SaleIdParam } }, async (req) =>
        room.status(currentUser(req).id, req.params.id)
      )

      // Leave the queue, or end the admission when done: the place or slot goes to the next buyer.
      guarded.delete('/v1/events/:id/queue', { schema: { params: SaleIdParam } }, async (req) =>
        room.leave(currentUser(req).id, req.params.id)
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

/**
 * Takes the response over from fastify, sends the SSE headers (with the usual security headers)
 * and returns the stream's writer.
 *
 * The writer is the fan-out's hot path (one call per stream per tick, 100,000 streams on a box):
 * on HTTP/1.1 it frames the chunk itself (`<hex length>\r\n<data>\r\n`, the encoding the headers
 * announce) and hands it to the socket in one write. `res.write` would cork the socket, queue four
 * pieces and uncork them on the next tick, about a third more CPU per event. The headers are
 * flushed before the first such write: Node 24 sends them with the response's first write on the
 * next tick, so an event written to the socket in the meantime went out ahead of them and the
 * client saw no HTTP response (seen on Node 24: a third to nearly all of the first 500 streams of the 10,000-client test
 * failing with "Parse Error: Expected HTTP/"). On `end()` the response sends the last chunk, after
 * these writes (the same socket). HTTP/1.0 clients, which cannot take chunks, get a plain body
 * through `res.write`.
 */
function openStream(reply: FastifyReply, requestId: string): (chunk: string) => void {
  reply.header(REQUEST_ID_HEADER, requestId)
  applySecurityHeaders(reply)
  reply.hijack()
  const headers: Record<string, string> = {}
  for (const [k, v] of Object.entries(reply.getHeaders())) if (v !== undefined) headers[k] = String(v)
  const res = reply.raw
  const chunked = reply.request.raw.httpVersion !== '1.0'
  res.writeHead(200, {
    ...headers,
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    // Tells nginx-style proxies not to buffer the stream.
    'x-accel-buffering': 'no',
    connection: 'keep-alive',
    ...(chunked ? { 'transfer-encoding': 'chunked' } : {})
  })
  res.flushHeaders()
  const socket = res.socket
  const write =
    !chunked || !socket
      ? (chunk: string) => void res.write(chunk)
      : (chunk: string) => void socket.write(`${Buffer.byteLength(chunk).toString(16)}\r\n${chunk}\r\n`)
  // The client's EventSource reconnects after this many ms if the stream breaks.
  write('retry: 3000\n\n')
  return write
}
