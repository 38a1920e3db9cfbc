import { createHmac, timingSafeEqual } from 'node:crypto'
import type {
  NoticeStatus,
  PaymentCallbackVerifier,
  PaymentGateway,
  PaymentNotice,
  PaymentNoticeStore,
  PaymentOutcome,
  PaymentRequest,
  RefundOutcome,
  RefundRequest
} from '../../domain/payment-ports.ts'

export interface HttpPaymentGatewayOptions {
  /** The provider's API base URL, e.g. `https://api.provider.example` (FC_PAYMENT_URL). */
  url: string
  /** The merchant's secret API key, sent as HTTP Basic user name (FC_PAYMENT_SECRET_KEY). */
  secretKey: string
  /** How long one call may take before its outcome counts as unknown (FC_PAYMENT_TIMEOUT_MS). */
  timeoutMs: number
  /** The currency of a request that names none (FC_DEFAULT_CURRENCY). */
  defaultCurrency: string
  /** The provider's verified callbacks: consulted first when a charge's outcome is unknown. */
  notices?: Pick<PaymentNoticeStore, 'latest'>
}

/** A payment as the provider's API answers it (confirm, query, cancel) and as its callbacks carry it. */
interface ProviderPayment {
  paymentKey: string
  orderId: string
  /** DONE: captured; ABORTED: refused; CANCELED: paid back; IN_PROGRESS: not decided yet. */
  status: 'DONE' | 'ABORTED' | 'CANCELED' | 'IN_PROGRESS'
  amount: number
  currency: string
  failure?: { code: string; message: string }
  cancels?: Array<{ transactionKey: string }>
}

/** The provider's error body. */
interface ProviderError {
  code: string
  message: string
}

/** What the provider's answer to one call was; `unknown` when none came (timeout, network, 5xx). */
type Answer =
  | { kind: 'ok'; payment: ProviderPayment }
  | { kind: 'refused'; status: number; error: ProviderError }
  | { kind: 'unknown'; why: string }

/** Refusals of a confirm that mean "not charged": the buyer's card, the key, the provider's rules. */
const DECLINE_STATUSES = new Set([400, 402, 403, 409])

/** The header a provider's callback is signed in: `t=<unix seconds>,v1=<hex HMAC-SHA256>`. */
export const CALLBACK_SIGNATURE_HEADER = 'fc-provider-signature'
/** A callback older or newer than this (seconds) is refused: a captured one cannot be replayed later. */
export const CALLBACK_TOLERANCE_SEC = 300

/**
 * The gateway to a real payment provider over HTTP, in the style of Toss Payments and Stripe: a
 * charge is one confirm call, `Idempotency-Key` = the reservation id, with the amount in minor
 * units and the sale's currency, and the buyer's payment key when the buyer authorised with the
 * provider first (without one the provider charges server-side, if the merchant's contract allows
 * it, and refuses otherwise: the booking then fails as declined).
 *
 * An outcome is never guessed: a confirm that does not answer in time (or answers 5xx, or the
 * connection breaks) is resolved by the provider's verified callback for the order when one was
 * recorded, and otherwise by asking the provider for the order (GET by order id). Only a payment
 * the provider reports DONE, for this amount and currency, is approved. When even the query does
 * not settle it, the outcome is `timeout`: the booking fails and a refund is due, which gives back
 * whatever the provider did capture (refunds go through the provider's cancel, idempotent too).
 */
export class HttpPaymentGateway implements PaymentGateway {
  readonly #o: HttpPaymentGatewayOptions
  readonly #auth: string

  constructor(options: HttpPaymentGatewayOptions) {
    this.#o = { ...options, url: options.url.replace(/\/+$/, '') }
    this.#auth = `Basic ${Buffer.from(`${options.secretKey}:`).toString('base64')}`
  }

  async charge(request: PaymentRequest): Promise<PaymentOutcome> {
    const currency = request.currency ?? this.#o.defaultCurrency
    const answer = await this.#call('POST', '/v1/payments/confirm', request.reservationId, {
      orderId: request.reservationId,
      amount: request.amount,
      currency,
      ...(request.paymentKey ? { paymentKey: request.paymentKey } : {})
    })
    if (answer.kind === 'ok') return this.#outcome(answer.payment, request.amount, currency)
    if (answer.kind === 'refused' && DECLINE_STATUSES.has(answer.status))
      return { status: 'declined', reason: answer.error.message || answer.error.code }
    if (answer.kind === 'refused') throw providerError('confirm', answer.status, answer.error.code)
    return this.#resolve(request.reservationId, request.amount, currency)
  }

  async refund(request: RefundRequest): Promise<RefundOutcome> {
    const answer = await this.#call(
      'POST',
      `/v1/payments/orders/${encodeURIComponent(request.reservationId)}/cancel`,
      `cancel:${request.reservationId}`,
      { cancelReason: 'booking refunded' }
    )
    if (answer.kind === 'unknown') return { status: 'timeout' }
    if (answer.kind === 'refused') {
      // No payment for the order, or one that was never captured (refused): nothing to give back.
      if (answer.status === 404 || answer.error.code === 'NOT_CANCELABLE')
        return { status: 'nothing_charged' }
      throw providerError('cancel', answer.status, answer.error.code)
    }
    const payment = answer.payment
    if (payment.status === 'ABORTED') return { status: 'nothing_charged' }
    if (payment.status !== 'CANCELED') return { status: 'timeout' }
    return { status: 'refunded', providerRef: payment.cancels?.at(-1)?.transactionKey ?? payment.paymentKey }
  }

  /** The outcome of an order whose confirm went unanswered: the verified callback, else the provider's record. */
  async #resolve(orderId: string, amount: number, currency: string): Promise<PaymentOutcome> {
    const notice = await this.#o.notices?.latest(orderId)
    if (notice && (notice.status === 'approved' || notice.status === 'declined')) {
      if (notice.status === 'declined') return { status: 'declined', reason: 'declined by the provider' }
      if (notice.amount === amount && notice.currency === currency && notice.paymentKey)
        return { status: 'approved', providerRef: notice.paymentKey }
    }
    const answer = await this.#call('GET', `/v1/payments/orders/${encodeURIComponent(orderId)}`)
    if (answer.kind === 'ok') return this.#outcome(answer.payment, amount, currency)
    // 404: the provider never took the confirm (or it is still on its way): unknown. The refund
    // that a timed-out booking owes gives back whatever may still be captured.
    return { status: 'timeout' }
  }

  #outcome(payment: ProviderPayment, amount: number, currency: string): PaymentOutcome {
    switch (payment.status) {
      case 'DONE':
        if (payment.amount !== amount || payment.currency !== currency)
          // Never confirm a booking for another amount: the message is retried and then
          // dead-lettered, and giving up fails the booking with a refund due.
          throw new Error(
            `the provider captured ${payment.amount} ${payment.currency} for order ${payment.orderId}, not ${amount} ${currency}`
          )
        return { status: 'approved', providerRef: payment.paymentKey }
      case 'ABORTED':
        return { status: 'declined', reason: payment.failure?.message ?? 'declined by the provider' }
      case 'CANCELED':
        return { status: 'declined', reason: 'the payment was cancelled at the provider' }
      case 'IN_PROGRESS':
        return { status: 'timeout' }
    }
  }

  async #call(
    method: 'GET' | 'POST',
    path: string,
    idempotencyKey?: string,
    body?: unknown
  ): Promise<Answer> {
    let res: Response
    try {
      res = await fetch(`${this.#o.url}${path}`, {
        method,
        headers: {
          authorization: this.#auth,
          accept: 'application/json',
          ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' })
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(this.#o.timeoutMs)
      })
    } catch (err) {
      return { kind: 'unknown', why: err instanceof Error ? err.name : 'error' }
    }
    let json: unknown
    try {
      json = await res.json()
    } catch {
      return { kind: 'unknown', why: `unreadable answer (${res.status})` }
    }
    if (res.status >= 500) return { kind: 'unknown', why: `status ${res.status}` }
    if (res.ok) return { kind: 'ok', payment: json as ProviderPayment }
    const error = json as Partial<ProviderError>
    return {
      kind: 'refused',
      status: res.status,
      error: { code: String(error.code ?? res.status), message: String(error.message ?? '') }
    }
  }
}

function providerError(call: string, status: number, code: string): Error {
  // The status and the provider's code only: its message may carry what does not belong in logs.
  const err = new Error(`the payment provider refused the ${call}: ${status} ${code}`)
  err.name = 'PaymentProviderError'
  return err
}

const NOTICE_STATUS: Record<ProviderPayment['status'], NoticeStatus> = {
  DONE: 'approved',
  ABORTED: 'declined',
  CANCELED: 'cancelled',
  IN_PROGRESS: 'pending'
}

/** The signature of a callback body sent at `t` (unix seconds): hex HMAC-SHA256 of `<t>.<body>`. */
export function callbackSignature(secret: string, t: number, rawBody: string): string {
  return createHmac('sha256', secret).update(`${t}.${rawBody}`).digest('hex')
}

/**
 * Verifies the provider's callbacks: `fc-provider-signature: t=<unix seconds>,v1=<hex>` where the
 * hex is the HMAC-SHA256 of `<t>.<raw body>` with the shared callback secret (compared in constant
 * time; several `v1` are accepted, so the provider can roll its secret), `t` within
 * {@link CALLBACK_TOLERANCE_SEC} of now. The same event delivered twice has the same `eventId`,
 * which the notice store records once.
 */
export class ProviderCallbackVerifier implements PaymentCallbackVerifier {
  readonly #secret: string

  constructor(callbackSecret: string) {
    this.#secret = callbackSecret
  }

  verify(
    rawBody: string,
    headers: Record<string, string | string[] | undefined>,
    now: number
  ): PaymentNotice | undefined {
    const header = headers[CALLBACK_SIGNATURE_HEADER]
    if (typeof header !== 'string' || header.length > 1024) return undefined
    let t: number | undefined
    const given: string[] = []
    for (const part of header.split(',')) {
      const [name, value = ''] = part.trim().split('=', 2)
      if (name === 't' && /^[0-9]{1,12}$/.test(value)) t = Number(value)
      else if (name === 'v1' && /^[0-9a-f]{64}$/.test(value)) given.push(value)
    }
    if (t === undefined || given.length === 0) return undefined
    if (Math.abs(now / 1000 - t) > CALLBACK_TOLERANCE_SEC) return undefined
    const expected = Buffer.from(callbackSignature(this.#secret, t, rawBody), 'hex')
    if (!given.some((v) => timingSafeEqual(Buffer.from(v, 'hex'), expected))) return undefined
    let body: { eventId?: unknown; data?: Partial<ProviderPayment> }
    try {
      body = JSON.parse(rawBody)
    } catch {
      return undefined
    }
    const data = body.data
    if (
      typeof body.eventId !== 'string' ||
      !data ||
      typeof data.orderId !== 'string' ||
      typeof data.amount !== 'number' ||
      typeof data.currency !== 'string' ||
      data.status === undefined ||
      !(data.status in NOTICE_STATUS)
    )
      return undefined
    return {
      eventId: body.eventId.slice(0, 200),
      orderId: data.orderId.slice(0, 200),
      status: NOTICE_STATUS[data.status],
      paymentKey: typeof data.paymentKey === 'string' ? data.paymentKey.slice(0, 200) : null,
      amount: data.amount,
      currency: data.currency.slice(0, 3)
    }
  }
}
