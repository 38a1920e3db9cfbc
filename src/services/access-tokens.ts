import { createHmac, timingSafeEqual } from 'node:crypto'

/** What an access token says: this user was admitted to this sale until `exp` (ms). */
export interface AccessClaims {
  userId: string
  saleId: string
  exp: number
}

/**
 * Signed access tokens handed to admitted buyers. An HMAC over a small JSON payload: verifying one
 * costs a microsecond, which matters on the hold path. The signature proves who was admitted to
 * which sale; whether the admission is still live is checked in Redis by the same script that
 * takes the seat.
 */
export class AccessTokens {
  readonly #key: Buffer

  constructor(secret: string) {
    // Derived so the bearer-token secret itself never signs anything of ours.
    this.#key = createHmac('sha256', secret).update('firstcome access token v1').digest()
  }

  sign(claims: AccessClaims): string {
    const payload = Buffer.from(
      JSON.stringify({ u: claims.userId, s: claims.saleId, e: claims.exp })
    ).toString('base64url')
    return `${payload}.${this.#mac(payload)}`
  }

  /** The claims of a well-signed token, or undefined. Expiry is the caller's decision. */
  verify(token: string): AccessClaims | undefined {
    if (token.length > 512) return undefined
    const dot = token.indexOf('.')
    if (dot <= 0) return undefined
    const payload = token.slice(0, dot)
    const given = Buffer.from(token.slice(dot + 1), 'base64url')
    const expected = Buffer.from(this.#mac(payload), 'base64url')
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined
    try {
      const p = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
        u?: unknown
        s?: unknown
        e?: unknown
      }
      if (typeof p.u !== 'string' || typeof p.s !== 'string' || typeof p.e !== 'number') return undefined
      return { userId: p.u, saleId: p.s, exp: p.e }
    } catch {
      return undefined
    }
  }

  #mac(payload: string): string {
    return createHmac('sha256', this.#key).update(payload).digest('base64url')
  }
}
