import { lookup } from 'node:dns/promises'
import http from 'node:http'
import https from 'node:https'
import { isIP, type LookupFunction } from 'node:net'
import type { WebhookRequest, WebhookTransport } from '../../domain/webhook-ports.ts'

/** Bytes of an endpoint's answer read at most (the body is not used; only the status counts). */
const MAX_ANSWER_BYTES = 64 * 1024

/**
 * {@link WebhookTransport} on node:http(s): resolves a host to all its addresses, and POSTs to the
 * one address the caller checked (the connection's lookup is pinned to it, so a second DNS answer
 * can never send the request elsewhere; TLS still verifies the certificate for the URL's host).
 * Every request has one deadline for everything (connect, TLS, answer) and no connection reuse,
 * no redirects followed (a 3xx is not a 2xx: the delivery is retried).
 */
export class HttpWebhookTransport implements WebhookTransport {
  async resolve(host: string): Promise<string[]> {
    if (isIP(host) !== 0) return [host]
    const answers = await lookup(host, { all: true, verbatim: true })
    return answers.map((a) => a.address)
  }

  send(request: WebhookRequest): Promise<number> {
    const url = new URL(request.url)
    const family = isIP(request.address)
    const pinned: LookupFunction = (_host, options, callback) => {
      if ((options as { all?: boolean }).all) callback(null, [{ address: request.address, family }])
      else callback(null, request.address, family)
    }
    const client = url.protocol === 'https:' ? https : http
    return new Promise<number>((resolve, reject) => {
      const req = client.request(
        url,
        {
          method: 'POST',
          headers: { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) },
          lookup: pinned,
          agent: false,
          signal: AbortSignal.timeout(request.timeoutMs)
        },
        (res) => {
          let read = 0
          res.on('data', (chunk: Buffer) => {
            read += chunk.length
            if (read > MAX_ANSWER_BYTES) res.destroy()
          })
          res.on('error', () => undefined)
          res.on('close', () => resolve(res.statusCode ?? 0))
        }
      )
      req.on('error', (err) => reject(err))
      req.end(request.body)
    })
  }
}
