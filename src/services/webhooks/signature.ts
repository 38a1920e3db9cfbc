import { createHmac, randomBytes } from 'node:crypto'

/** The prefix of a Standard Webhooks signing secret: `whsec_<base64 of the key bytes>`. */
export const SECRET_PREFIX = 'whsec_'

/** A secret as accepted from an operator: `whsec_` and the base64 of 24 to 64 random bytes. */
export const SECRET_PATTERN = '^whsec_[A-Za-z0-9+/]{32,88}={0,2}$'

/** A fresh signing secret: 32 random bytes. */
export function generateSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString('base64')}`
}

/** The key bytes of a `whsec_` secret. */
export function secretKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64')
}

/**
 * The `webhook-signature` header of the Standard Webhooks specification: `v1,` and the base64
 * HMAC-SHA256, keyed with the secret's bytes, of `<id>.<timestamp>.<body>`.
 */
export function signWebhook(secret: string, id: string, timestampSec: number, body: string): string {
  const mac = createHmac('sha256', secretKey(secret)).update(`${id}.${timestampSec}.${body}`).digest('base64')
  return `v1,${mac}`
}

/** The three signed headers of one attempt (`webhook-id` stays the same on every attempt). */
export function webhookHeaders(
  secret: string,
  id: string,
  timestampSec: number,
  body: string
): Record<string, string> {
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(timestampSec),
    'webhook-signature': signWebhook(secret, id, timestampSec, body)
  }
}
