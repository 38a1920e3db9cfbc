import { randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

/** Request ids taken from a client or proxy must be short tokens: anything else could forge log lines. */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,64}$/

/** The header that carries the request id in both directions. */
export const REQUEST_ID_HEADER = 'x-request-id'

/**
 * Honours an incoming `X-Request-Id` when it is a short safe token, so one id follows a request
 * through a proxy and into our logs; otherwise generates a fresh UUID.
 */
export function genReqId(req: IncomingMessage): string {
  const incoming = req.headers[REQUEST_ID_HEADER]
  if (typeof incoming === 'string' && REQUEST_ID_PATTERN.test(incoming)) return incoming
  return randomUUID()
}
