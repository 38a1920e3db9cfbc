import type { DeliveryOutcome, DueDelivery, WebhookTransport } from '../../domain/webhook-ports.ts'
import { isFcError } from '../../errors.ts'
import { webhookHeaders } from './signature.ts'
import type { TargetPolicy } from './target-policy.ts'

/** How deliveries are sent and retried. */
export interface DeliveryPolicy {
  /** One request's deadline (connection included). */
  timeoutMs: number
  /** Attempts before a delivery is given up (status failed). */
  maxAttempts: number
  /** The first retry's delay; each further one doubles, up to `backoffMaxMs`. */
  backoffMs: number
  backoffMaxMs: number
}

/**
 * The delay before attempt `attempts + 1`: `backoffMs * 2^(attempts-1)`, at most `backoffMaxMs`,
 * with jitter (between half and all of it), so endpoints that failed together do not all come
 * back at once.
 */
export function retryDelayMs(
  policy: DeliveryPolicy,
  attempts: number,
  random: () => number = Math.random
): number {
  const full = Math.min(policy.backoffMaxMs, policy.backoffMs * 2 ** Math.max(0, attempts - 1))
  return Math.round(full / 2 + (full / 2) * random())
}

/** The delivered body: `{"type","timestamp","data"}`, the timestamp being when the event happened. */
export function webhookBody(event: DueDelivery['event']): string {
  return JSON.stringify({ type: event.type, timestamp: event.occurredAt, data: event.data })
}

/**
 * One attempt of one delivery: check where the endpoint's host points now (and connect to the
 * address checked), sign, POST with a deadline. A 2xx answer delivers it; anything else (another
 * status, no answer, a refused target) is retried later, and given up after the last attempt.
 * The error recorded never carries a secret: a status, an error code, or the refusal.
 */
export async function attemptDelivery(
  due: DueDelivery,
  deps: { transport: WebhookTransport; targets: TargetPolicy; policy: DeliveryPolicy; now?: () => number }
): Promise<DeliveryOutcome> {
  const body = webhookBody(due.event)
  let statusCode: number | null = null
  let error: string
  try {
    const address = await deps.targets.pick(due.url, deps.transport)
    const timestamp = Math.floor((deps.now ?? Date.now)() / 1000)
    statusCode = await deps.transport.send({
      url: due.url,
      address,
      headers: webhookHeaders(due.secret, due.id, timestamp, body),
      body,
      timeoutMs: deps.policy.timeoutMs
    })
    if (statusCode >= 200 && statusCode < 300) return { status: 'delivered', statusCode }
    error = `HTTP ${statusCode}`
  } catch (err) {
    error = describe(err)
  }
  if (due.attempts >= deps.policy.maxAttempts) return { status: 'failed', statusCode, error }
  return { status: 'retry', statusCode, error, delayMs: retryDelayMs(deps.policy, due.attempts) }
}

function describe(err: unknown): string {
  if (isFcError(err)) return `${err.code}: ${err.message}`
  if (err instanceof Error) {
    if (err.name === 'TimeoutError' || err.name === 'AbortError') return 'timeout'
    const code = (err as { code?: unknown }).code
    return typeof code === 'string' ? code : err.name
  }
  return 'error'
}
