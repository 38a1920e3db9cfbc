import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { SeatFanout } from '../../services/seat-map/seat-fanout.ts'
import {
  type EncodedBody,
  type Encoding,
  etagOf,
  type SeatMapService
} from '../../services/seat-map/seat-map-service.ts'
import { authenticate, currentUser } from '../auth.ts'
import {
  BEARER,
  errorResponses,
  eventStream,
  NAMES_SALE,
  NotModified,
  PUBLIC_ROUTE,
  SaleIdParam,
  SEAT_MAP_VERSION,
  SeatLayout,
  SeatStateBody,
  SeatStreamQuery,
  SeatsResponse
} from '../schemas.ts'

const tags = ['seat map']
const SEAT_MAP_ERRORS = errorResponses(PUBLIC_ROUTE, NAMES_SALE)
const CACHED =
  'Compressed with brotli or gzip as Accept-Encoding allows; a strong ETag, and 304 when If-None-Match names it.'

import { openEventStream } from '../sse.ts'

/** A seat map version as the server hands it out (opaque; what a client may send back). */
const VERSION_RE = new RegExp(SEAT_MAP_VERSION)

// Longer Accept-Encoding or If-None-Match values are not parsed past this: no client sends them.
const MAX_HEADER = 1024

/**
 * The coding of a response for `Accept-Encoding`: brotli when accepted (smallest), then gzip, else
 * identity. `q=0` refuses a coding; `*` stands for any coding not named.
 */
export function pickEncoding(header: string | undefined): Encoding {
  if (!header) return 'identity'
  const q: Record<string, number> = {}
  for (const part of header.slice(0, MAX_HEADER).split(',')) {
    const [name = '', ...params] = part.split(';')
    let weight = 1
    for (const p of params) {
      const [k, v] = p.split('=')
      if (k?.trim() === 'q') weight = Number(v)
    }
    q[name.trim().toLowerCase()] = Number.isFinite(weight) ? weight : 0
  }
  const accepts = (coding: string) => (q[coding] ?? q['*'] ?? 0) > 0
  if (accepts('br')) return 'br'
  if (accepts('gzip') || (q['x-gzip'] ?? 0) > 0) return 'gzip'
  return 'identity'
}

/**
 * Whether `If-None-Match` names the body, in any of its codings: the comparison is weak (RFC 9110
 * 13.1.2), so `W/` and the coding suffix of the tag do not matter.
 */
function notModified(header: string | undefined, body: EncodedBody): boolean {
  if (!header) return false
  if (header.trim() === '*') return true
  const base = body.etag.slice(0, -1)
  for (const raw of header.slice(0, MAX_HEADER).split(',')) {
    const tag = raw.trim().replace(/^W\//, '')
    if (tag === body.etag || tag === `${base}-br"` || tag === `${base}-gz"`) return true
  }
  return false
}

/**
 * Sends one of the seat map's shared bodies: already compressed for the coding the client accepts
 * (built once per version, never per request), with its strong ETag, and 304 with no body when
 * `If-None-Match` names it.
 */
async function sendBody(
  req: FastifyRequest,
  reply: FastifyReply,
  body: EncodedBody,
  cacheControl: string,
  count: (bytes: number) => void
): Promise<FastifyReply> {
  const encoding = pickEncoding(req.headers['accept-encoding'])
  reply.header('vary', 'accept-encoding')
  reply.header('cache-control', cacheControl)
  reply.header('etag', etagOf(body, encoding))
  if (notModified(req.headers['if-none-match'], body)) return reply.code(304).send()
  const bytes = await body.get(encoding)
  count(bytes.length)
  reply.header('content-type', 'application/json; charset=utf-8')
  if (encoding !== 'identity') reply.header('content-encoding', encoding)
  return reply.send(bytes)
}

/** The version a reconnecting EventSource sends back (`Last-Event-ID`), if it is one of ours. */
function lastEventId(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' && VERSION_RE.test(value) ? value : undefined
}

/**
 * The public seat map: its layout, its state, its live changes, and the old whole-map read, all
 * from one shared snapshot per sale (`SeatMapService`). No route needs a token; the stream takes
 * one (`Authorization`) to count its cap per user, else it counts per address and per process.
 */
export function seatMapRoutes(map: SeatMapService, fanout: SeatFanout): FastifyPluginAsyncTypebox {
  return async (app) => {
    // Open streams end first on shutdown, or they would hold the server's close open forever.
    app.addHook('preClose', async () => {
      fanout.close()
    })
    app.addHook('onClose', async () => {
      map.close()
    })

    app.get(
      '/v1/events/:id/seats/layout',
      {
        schema: {
          summary: 'The fixed layout of the seat map',
          description: CACHED,
          tags,
          params: SaleIdParam,
          response: { 200: SeatLayout, 304: NotModified, ...SEAT_MAP_ERRORS }
        }
      },
      async (req, reply) => {
        const snap = await map.snapshot(req.params.id)
        // Revalidated on every use (the layout may change in a later version of the product), and a
        // 304 while it has not.
        return sendBody(req, reply, snap.layout.body, 'public, no-cache', (n) => {
          map.bytesSent.layout += n
        })
      }
    )

    app.get(
      '/v1/events/:id/seats/state',
      {
        schema: {
          summary: 'The state of every seat, one character each',
          description: CACHED,
          tags,
          params: SaleIdParam,
          response: { 200: SeatStateBody, 304: NotModified, ...SEAT_MAP_ERRORS }
        }
      },
      async (req, reply) => {
        const snap = await map.snapshot(req.params.id)
        return sendBody(req, reply, snap.stateBody, 'no-cache', (n) => {
          map.bytesSent.state += n
        })
      }
    )

    app.get(
      '/v1/events/:id/seats',
      {
        schema: {
          summary: 'Every seat with its state',
          description: CACHED,
          tags,
          params: SaleIdParam,
          response: { 200: SeatsResponse, 304: NotModified, ...SEAT_MAP_ERRORS }
        }
      },
      async (req, reply) => {
        const snap = await map.snapshot(req.params.id)
        return sendBody(req, reply, snap.seatsBody, 'no-cache', (n) => {
          map.bytesSent.seats += n
        })
      }
    )

    app.get(
      '/v1/events/:id/seats/stream',
      {
        schema: {
          summary: 'Changes of the seat map (Server-Sent Events)',
          description:
            'No token needed; a bearer token counts the stream against its user. `?version=` (or Last-Event-ID) resumes.',
          tags,
          security: [{ bearer: [] }, {}],
          params: SaleIdParam,
          querystring: SeatStreamQuery,
          response: {
            200: eventStream(
              'Server-Sent Events, each with the version as its id: `snapshot` (data: {version, states}) ' +
                'first unless the version sent is still known, then `delta` (data: SeatDelta: from, version, changes [[index, code]]).'
            ),
            ...errorResponses(PUBLIC_ROUTE, BEARER, NAMES_SALE, ['FC_TOO_MANY_STREAMS'])
          }
        }
      },
      async (req, reply) => {
        const saleId = req.params.id
        // A signed-in client's streams count against its own cap; an anonymous one's against its
        // address's (with FC_IP_LIMITS) and the process's.
        let owner = `anonymous:${req.id}`
        if (req.headers.authorization !== undefined) {
          await authenticate(req, reply)
          owner = currentUser(req).id
        }
        // 404 before the stream starts, for a sale without a seat map.
        await map.snapshot(saleId)
        const from = req.query.version ?? lastEventId(req.headers['last-event-id'])
        const stream = openEventStream(req, reply, owner, 'retry: 3000\n\n')
        let detach: (() => void) | undefined
        stream.onClose(() => detach?.())
        detach = await fanout.add(
          {
            saleId,
            write: (chunk) => {
              stream.write(chunk)
            },
            end: () => stream.end()
          },
          from
        )
        if (stream.closed) detach()
      }
    )
  }
}
