import { SignedTokenCodec, type TokenSecrets } from './signed-token.ts'

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
// Tokens that verified, kept so a buyer's next request skips the HMAC: a buyer sends the same
// token with every hold and claim. Only good tokens are kept, so a forged one always pays the full
// check; the oldest entry goes first when the cache is full (Map order is insertion order).
const VERIFIED_CACHE_SIZE = 50_000

export class AccessTokens {
  readonly #codec: SignedTokenCodec
  readonly #verified = new Map<string, AccessClaims>()

  constructor(secrets: TokenSecrets) {
    this.#codec = new SignedTokenCodec(secrets, 'firstcome access token v1')
  }

  sign(claims: AccessClaims): string {
    return this.#codec.sign({ u: claims.userId, s: claims.saleId, e: claims.exp })
  }

  /** The claims of a well-signed token, or undefined. Expiry is the caller's decision. */
  verify(token: string): AccessClaims | undefined {
    const hit = this.#verified.get(token)
    if (hit) return hit
    const p = this.#codec.verify(token)
    if (!p || typeof p.u !== 'string' || typeof p.s !== 'string' || typeof p.e !== 'number') return undefined
    const claims: AccessClaims = Object.freeze({ userId: p.u, saleId: p.s, exp: p.e })
    if (this.#verified.size >= VERIFIED_CACHE_SIZE)
      this.#verified.delete(this.#verified.keys().next().value as string)
    this.#verified.set(token, claims)
    return claims
  }
}
