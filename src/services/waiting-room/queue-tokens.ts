import { randomBytes } from 'node:crypto'
import { SignedTokenCodec, type TokenSecrets } from '../sales/signed-token.ts'

/** What a queue token says: this user holds this ticket (0 while pre-queued) in this sale's queue. */
export interface QueueClaims {
  saleId: string
  userId: string
  ticket: number
  /** Expiry, ms since the epoch. */
  exp: number
}

// Clocks of two API processes may differ a little; a token from one must verify on the other.
const CLOCK_SKEW_MS = 5000

/**
 * Signed queue tokens: let a refreshed page or a second tab find its place again, and let an
 * EventSource (which cannot send an Authorization header) open the stream with `?queueToken=`.
 * Each one expires (`FC_QUEUE_TOKEN_TTL_SEC`; polling the queue hands out a fresh one) and carries a
 * random nonce, so no two are alike and one that leaks in a URL stops working on its own. A token
 * whose expiry lies further ahead than the lifetime this server gives was not signed by it.
 */
export class QueueTokens {
  readonly #codec: SignedTokenCodec
  readonly #ttlMs: number
  readonly #now: () => number

  constructor(secrets: TokenSecrets, options: { ttlSec: number; now?: () => number }) {
    this.#codec = new SignedTokenCodec(secrets, 'firstcome queue token v2')
    this.#ttlMs = options.ttlSec * 1000
    this.#now = options.now ?? Date.now
  }

  sign(claims: { saleId: string; userId: string; ticket: number }): string {
    return this.#codec.sign({
      s: claims.saleId,
      u: claims.userId,
      t: claims.ticket,
      e: this.#now() + this.#ttlMs,
      n: randomBytes(9).toString('base64url')
    })
  }

  /** The claims of a well-signed, unexpired token, or undefined. */
  verify(token: string): QueueClaims | undefined {
    const p = this.#codec.verify(token)
    if (
      !p ||
      typeof p.s !== 'string' ||
      typeof p.u !== 'string' ||
      typeof p.t !== 'number' ||
      typeof p.e !== 'number' ||
      typeof p.n !== 'string'
    )
      return undefined
    const now = this.#now()
    if (p.e <= now || p.e > now + this.#ttlMs + CLOCK_SKEW_MS) return undefined
    return { saleId: p.s, userId: p.u, ticket: p.t, exp: p.e }
  }
}
