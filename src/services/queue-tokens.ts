import { SignedTokenCodec } from './signed-token.ts'

/** What a queue token says: this user holds this ticket (0 while pre-queued) in this sale's queue. */
export interface QueueClaims {
  saleId: string
  userId: string
  ticket: number
}

/**
 * Signed queue tokens: let a refreshed page or a second tab find its place again, and let an
 * EventSource (which cannot send an Authorization header) open the stream with `?queueToken=`.
 */
export class QueueTokens {
  readonly #codec: SignedTokenCodec

  constructor(secret: string) {
    this.#codec = new SignedTokenCodec(secret, 'firstcome queue token v1')
  }

  sign(claims: QueueClaims): string {
    return this.#codec.sign({ s: claims.saleId, u: claims.userId, t: claims.ticket })
  }

  /** The claims of a well-signed token, or undefined. */
  verify(token: string): QueueClaims | undefined {
    const p = this.#codec.verify(token)
    if (!p || typeof p.s !== 'string' || typeof p.u !== 'string' || typeof p.t !== 'number') return undefined
    return { saleId: p.s, userId: p.u, ticket: p.t }
  }
}
