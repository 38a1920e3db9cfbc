import { SignedTokenCodec } from './signed-token.ts'

/** What an access token says: this user was admitted to this sale until `exp` (ms). */
export interface AccessClaims {
  userId: string
  saleId: string
  exp: number
}

/**
 * Signed access tokens handed to admitted buyers. The signature proves who was admitted to which
 * sale; whether the admission is still live is checked in Redis by the same script that takes the
 * seat.
 */
export class AccessTokens {
  readonly #codec: SignedTokenCodec

  constructor(secret: string) {
    this.#codec = new SignedTokenCodec(secret, 'firstcome access token v1')
  }

  sign(claims: AccessClaims): string {
    return this.#codec.sign({ u: claims.userId, s: claims.saleId, e: claims.exp })
  }

  /** The claims of a well-signed token, or undefined. Expiry is the caller's decision. */
  verify(token: string): AccessClaims | undefined {
    const p = this.#codec.verify(token)
    if (!p || typeof p.u !== 'string' || typeof p.s !== 'string' || typeof p.e !== 'number') return undefined
    return { userId: p.u, saleId: p.s, exp: p.e }
  }
}
