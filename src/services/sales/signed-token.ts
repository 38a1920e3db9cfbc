import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * The server's own signing secrets (`FC_TOKEN_SECRET`, `FC_TOKEN_SECRET_PREVIOUS`): new tokens are
 * always signed with `secret`; `previousSecret`, while set, still verifies, so a rotation does not log
 * out every waiting buyer at once.
 */
export interface TokenSecrets {
  /** Signs and verifies. */
  secret: string
  /** The secret being rotated out: verifies only; empty or absent: none. */
  previousSecret?: string
}

/** One key per secret (the current one first) for one purpose: HMAC(secret, purpose). */
export function purposeKeys(secrets: TokenSecrets, purpose: string): Buffer[] {
  const all = secrets.previousSecret ? [secrets.secret, secrets.previousSecret] : [secrets.secret]
  return all.map((secret) => createHmac('sha256', secret).update(purpose).digest())
}

/**
 * True when `given` is exactly `expected` (both base64url text), in constant time for equal
 * lengths. Text, not decoded bytes, is compared: base64url decoders skip characters outside the
 * alphabet and ignore spare low bits, so many strings decode to one MAC, and a single-use check
 * keyed on the string would count each of them as new.
 */
export function sameMac(given: string, expected: string): boolean {
  if (given.length !== expected.length) return false
  return timingSafeEqual(Buffer.from(given, 'latin1'), Buffer.from(expected, 'latin1'))
}

/**
 * A small signed token: base64url(JSON payload) + "." + base64url(HMAC-SHA256). Verifying one costs
 * a microsecond, which matters on the hold path. Each kind of token derives its own key from the
 * server's token secret and a purpose label, so one kind can never pass for another. The bearer-
 * token secret and the JWKS URL never sign anything of ours. Only the exact (canonical) text the
 * server signed verifies.
 */
export class SignedTokenCodec {
  readonly #keys: Buffer[]

  constructor(secrets: TokenSecrets, purpose: string) {
    this.#keys = purposeKeys(secrets, purpose)
  }

  sign(payload: Record<string, string | number>): string {
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url')
    return `${body}.${mac(this.#keys[0] as Buffer, body)}`
  }

  /** The payload of a well-signed token, or undefined; checking its fields is the caller's job. */
  verify(token: string): Record<string, unknown> | undefined {
    if (token.length > 512) return undefined
    const dot = token.indexOf('.')
    if (dot <= 0) return undefined
    const body = token.slice(0, dot)
    const given = token.slice(dot + 1)
    if (!this.#keys.some((key) => sameMac(given, mac(key, body)))) return undefined
    // The MAC covers the body's text, so only the body the server wrote gets this far.
    try {
      const p: unknown = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'))
      return p !== null && typeof p === 'object' ? (p as Record<string, unknown>) : undefined
    } catch {
      return undefined
    }
  }
}

function mac(key: Buffer, body: string): string {
  return createHmac('sha256', key).update(body).digest('base64url')
}
