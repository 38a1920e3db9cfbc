import type { ServerResponse } from 'node:http'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { FcError } from '../errors.ts'
import { REQUEST_ID_HEADER } from './request-id.ts'
import { applySecurityHeaders } from './security.ts'
import { addressKey, clientAddress } from './traffic-guard.ts'

/** Caps of the server-sent event streams one process holds open (`FC_STREAMS_*`). */
export interface StreamLimits {
  /** Open streams per user (queue and result streams together). */
  perUser: number
  /** Open streams per client address (IPv6: per /64); undefined: not counted (`FC_IP_LIMITS=0`). */
  perIp: number | undefined
  /** Open streams in this process. */
  total: number
  /** A stream whose unsent bytes pass this is closed: its client stopped reading. */
  maxBufferBytes: number
}

/** What a stream was refused for, in `details.limit`. */
export type StreamLimitKind = 'user' | 'ip' | 'server'

/** Seconds a refused client is told to wait: a stream of theirs may have closed by then. */
const RETRY_AFTER_SEC = 5

/**
 * Counts the streams this process holds open, per user, per address and in all, and refuses one
 * more past a cap with 429 FC_TOO_MANY_STREAMS. An open stream costs a socket, buffers and a
 * place in every fan-out tick; without caps, one account (or one address with many) could hold
 * thousands. The counts are per process, like the memory they protect: behind a balancer of P
 * processes a user can hold up to P times the cap, and each process stays bounded.
 */
export class StreamRegistry {
  readonly limits: StreamLimits
  readonly #byUser = new Map<string, number>()
  readonly #byIp = new Map<string, number>()
  readonly #open = new Set<ServerResponse>()
  #total = 0
  /** Streams closed because their client stopped reading (metrics, tests). */
  overflows = 0
  /** Streams refused, by cap (metrics, tests). */
  readonly refused: Record<StreamLimitKind, number> = { user: 0, ip: 0, server: 0 }

  constructor(limits: StreamLimits) {
    this.limits = limits
  }

  /** Open streams in this process. */
  get size(): number {
    return this.#total
  }

  /** Bytes written to the open streams and not sent yet: what slow readers cost in memory. */
  unsentBytes(): number {
    let n = 0
    for (const res of this.#open) n += res.writableLength
    return n
  }

  /**
   * Takes a place for a new stream on `res`, or throws 429 FC_TOO_MANY_STREAMS; returns its
   * release (idempotent).
   */
  admit(userId: string, ip: string, res: ServerResponse): () => void {
    const { perUser, perIp, total } = this.limits
    if (this.#total >= total) throw this.#refuse('server')
    if ((this.#byUser.get(userId) ?? 0) >= perUser) throw this.#refuse('user')
    if (perIp !== undefined && (this.#byIp.get(ip) ?? 0) >= perIp) throw this.#refuse('ip')
    this.#total++
    this.#open.add(res)
    bump(this.#byUser, userId, 1)
    if (perIp !== undefined) bump(this.#byIp, ip, 1)
    let released = false
    return () => {
      if (released) return
      released = true
      this.#total--
      this.#open.delete(res)
      bump(this.#byUser, userId, -1)
      if (perIp !== undefined) bump(this.#byIp, ip, -1)
    }
  }

  #refuse(kind: StreamLimitKind): FcError {
    this.refused[kind]++
    const who =
      kind === 'user' ? 'for your account' : kind === 'ip' ? 'from your network address' : 'on this server'
    return new FcError('FC_TOO_MANY_STREAMS', `Too many open streams ${who}: close one, or retry later`, {
      retryAfterSec: RETRY_AFTER_SEC,
      details: { limit: kind }
    })
  }
}

function bump(map: Map<string, number>, key: string, by: number): void {
  const n = (map.get(key) ?? 0) + by
  if (n <= 0) map.delete(key)
  else map.set(key, n)
}

/** An open server-sent event stream. */
export interface EventStream {
  /**
   * Writes one framed event or comment. A client that stopped reading leaves it unsent; once the
   * unsent bytes pass the bound the stream is closed instead, and false is returned.
   */
  write(chunk: string): boolean
  /** Ends the stream cleanly. */
  end(): void
  /** Runs once when the stream closes, whatever closed it. */
  onClose(fn: () => void): void
  readonly closed: boolean
}

/**
 * Takes a place for `userId`'s stream among this process's (`app.streams`, counted per user and per
 * client address; 429 FC_TOO_MANY_STREAMS before anything is sent), takes the
 * response over from fastify, sends the SSE headers (with the usual security headers) and `first`,
 * and returns the stream. The place is given back when the stream closes.
 *
 * The writer is the fan-out's hot path (one call per stream per tick, 100,000 streams on a box):
 * on HTTP/1.1 it frames the chunk itself (`<hex length>\r\n<data>\r\n`, the encoding the headers
 * announce) and hands it to the socket in one write. `res.write` would cork the socket, queue four
 * pieces and uncork them on the next tick, about a third more CPU per event. The response object
 * still sends the headers and, on `end()`, the last chunk, in order with these writes (the same
 * socket). HTTP/1.0 clients, which cannot take chunks, get a plain body through `res.write`.
 *
 * Every write checks what is still unsent (`res.writableLength`: this response's and its socket's
 * buffers, past what the kernel took): a client that never reads would otherwise make the process
 * keep every event for it, for ever. Past `maxBufferBytes` the socket is destroyed.
 */
export function openEventStream(
  req: FastifyRequest,
  reply: FastifyReply,
  userId: string,
  first: string
): EventStream {
  const streams = req.server.streams
  const release = streams.admit(userId, addressKey(clientAddress(req)), reply.raw)
  reply.header(REQUEST_ID_HEADER, req.id)
  applySecurityHeaders(reply)
  reply.hijack()
  const headers: Record<string, string> = {}
  for (const [k, v] of Object.entries(reply.getHeaders())) if (v !== undefined) headers[k] = String(v)
  const res = reply.raw
  const chunked = req.raw.httpVersion !== '1.0'
  res.writeHead(200, {
    ...headers,
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    // Tells nginx-style proxies not to buffer the stream.
    'x-accel-buffering': 'no',
    connection: 'keep-alive',
    ...(chunked ? { 'transfer-encoding': 'chunked' } : {})
  })
  // Node 24 sends the headers with the response's first write, on the next tick: an event written
  // to the socket in the meantime went out ahead of them and the client saw no HTTP response
  // ("Parse Error: Expected HTTP/" for a third to nearly all of the first 500 streams of the
  // 10,000-client test). Flushed now, they always go first.
  res.flushHeaders()
  res.write(first)
  const socket = res.socket
  const send: (chunk: string) => void =
    chunked && socket
      ? (chunk) => {
          socket.write(`${Buffer.byteLength(chunk).toString(16)}\r\n${chunk}\r\n`)
        }
      : (chunk) => {
          res.write(chunk)
        }
  const closers: Array<() => void> = []
  /** No more writes: ended, destroyed, or gone. */
  let closed = false
  /** The response's close event has run (the place is given back). */
  let gone = false
  res.once('close', () => {
    closed = true
    gone = true
    release()
    for (const fn of closers.splice(0)) fn()
  })
  const max = streams.limits.maxBufferBytes
  return {
    get closed() {
      return closed
    },
    write(chunk) {
      if (closed) return false
      send(chunk)
      if (res.writableLength <= max) return true
      streams.overflows++
      closed = true
      res.destroy()
      return false
    },
    end() {
      if (closed) return
      closed = true
      res.end()
    },
    onClose(fn) {
      if (gone) fn()
      else closers.push(fn)
    }
  }
}
