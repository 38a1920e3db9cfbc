import { createHmac, timingSafeEqual } from 'node:crypto'

/** What a queue token says: this user holds this ticket (0 while pre-queued) in this sale's queue. */
export interface QueueClaims {
  saleId: string
  userId: string
  ticket: number
}

/**
 * Signed queue tokens: let a refreshed page or a second tab find its place again, and let an
 * EventSource (which cannot send an Authorization header) open the stream with `?queueToken=`.
 * An HMAC over a small JSON payload, like access tokens, with a key of its own so one kind can
 * never pass for the other.
 */
export class QueueTokens {
  readonly #key: Buffer

  constructor(secret: string) {
    this.#key = createHmac('sha256', secret).update('firstcome queue token v1').digest()
  }

  sign(claims: QueueClaims): string {
    const payload = Buffer.from(
      JSON.stringify({ s: claims.saleId, u: claims.userId, t: claims.ticket })
    ).toString('base64url')
    return `${payload}.${this.#mac(payload)}`
  }

  /** The claims of a well-signed token, or undefined. */
  verify(token: string): QueueClaims | undefined {
    if (token.length > 512) return undefined
    const dot = token.indexOf('.')
    if (dot <= 0) return undefined
    const payload = token.slice(0, dot)
    const given = Buffer.from(token.slice(dot + 1), 'base64url')
    const expected = Buffer.from(this.#mac(payload), 'base64url')
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined
    try {
      const p = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
        s?: unknown
        u?: unknown
        t?: unknown
      }
      if (typeof p.s !== 'string' || typeof p.u !== 'string' || typeof p.t !== 'number') return undefined
      return { saleId: p.s, userId: p.u, ticket: p.t }
    } catch {
      return undefined
    }
  }

  #mac(payload: string): string {
    return createHmac('sha256', this.#key).update(payload).digest('base64url')
  }
}
