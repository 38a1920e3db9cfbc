import { createHash } from 'node:crypto'
import { setTimeout as delay } from 'node:timers/promises'
import type { IdempotencyScope, InventoryStore, StoredResponse } from '../../domain/inventory-ports.ts'
import { FcError } from '../../errors.ts'

/** How long a request waits for an identical one still in flight before answering 503. */
const IN_FLIGHT_WAIT_MS = 10_000

// Requests this short are their own fingerprint: hashing them cost more than storing them.
const VERBATIM_MAX = 96

/**
 * A stable fingerprint of what a request asks for and who asks, so a reused key with another body
 * (or, should two users' records ever meet, another user) is caught: the request itself when it is
 * short (prefixed with '=', which base64url never contains, so the two forms cannot collide), else
 * its SHA-256. Each part is on its own line, the user JSON-quoted: no two requests share a text.
 */
export function fingerprint(operation: string, userId: string, body: unknown): string {
  const text = `${operation}\n${JSON.stringify(userId)}\n${canonicalJson(body)}`
  if (text.length <= VERBATIM_MAX) return `=${text}`
  return createHash('sha256').update(text).digest('base64url')
}

function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null)
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1))
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
}

/**
 * Runs `operation` at most once per Idempotency-Key. The first request reserves the key; an
 * identical request arriving meanwhile waits for the first answer; a reused key with a different
 * body is refused with FC_IDEMPOTENCY_MISMATCH. Successful operations store their answer inside
 * their own atomic script, for `FC_IDEMPOTENCY_TTL_SEC`; refusals are stored here (they changed
 * nothing, so storing them late is safe), for a minute only (see `REFUSAL_TTL_SEC`). An infrastructure failure drops the reservation so the client may retry with the same key.
 * `onReplay` sees a stored answer before it is returned again (see BuyerService.confirm).
 */
export async function runIdempotent(
  store: InventoryStore,
  scope: IdempotencyScope,
  operation: () => Promise<StoredResponse>,
  onReplay?: (stored: StoredResponse) => Promise<void>
): Promise<StoredResponse> {
  const deadline = Date.now() + IN_FLIGHT_WAIT_MS
  for (let wait = 5; ; wait = Math.min(wait * 2, 200)) {
    const begin = await store.idempotencyBegin(scope)
    if (begin.state === 'done') {
      if (onReplay) await onReplay(begin.response)
      return begin.response
    }
    if (begin.state === 'mismatch') throw new FcError('FC_IDEMPOTENCY_MISMATCH')
    if (begin.state === 'new') break
    if (Date.now() > deadline)
      throw new FcError('FC_UNAVAILABLE', 'The first request with this key is still running', {
        retryAfterSec: 1
      })
    await delay(wait)
  }
  try {
    return await operation()
  } catch (err) {
    if (err instanceof FcError && err.statusCode < 500) {
      await store.idempotencyRefused(scope, { statusCode: err.statusCode, body: err.toBody() })
    } else {
      await store.idempotencyAbandon(scope).catch(() => undefined)
    }
    throw err
  }
}
