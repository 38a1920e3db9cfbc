/**
 * The port of the payment provider: one charge per booking, refunded whole. The simulated
 * gateway and the HTTP provider's gateway (adapters/payment) implement it; a provider's signed
 * callbacks arrive as {@link PaymentNotice}s.
 */

export type PaymentOutcome =
  | { status: 'approved'; providerRef: string }
  | { status: 'declined'; reason: string }
  | { status: 'timeout' }

export interface PaymentRequest {
  reservationId: string
  userId: string
  /** In minor units of `currency`. */
  amount: number
  /**
   * The sale's currency (ISO 4217). Absent in a request accepted before requests carried it: the
   * gateway then charges in the default currency (FC_DEFAULT_CURRENCY).
   */
  currency?: string
  /**
   * The buyer's authorisation at the provider (Toss style: the buyer authorised the payment on the
   * provider's page and got this key back). Absent: the provider charges server-side, if it allows.
   */
  paymentKey?: string
  /** `approve` | `decline` | `timeout` forces an outcome (tests, demos); otherwise the configured rates apply. */
  simulate?: 'approve' | 'decline' | 'timeout'
}

/** Give back whatever was captured for one reservation (all of it: a booking is one charge). */
export interface RefundRequest {
  reservationId: string
  amount: number
  /** The charge's reference when the booking recorded one; a timed-out charge has none. */
  providerRef: string | null
}

export type RefundOutcome =
  | { status: 'refunded'; providerRef: string }
  /** The provider holds no captured charge for the reservation (declined, timed out unpaid, never charged). */
  | { status: 'nothing_charged' }
  /** No answer in time: ask again later (refunding is idempotent per reservation). */
  | { status: 'timeout' }

/**
 * A payment provider. Charging the same reservation twice must not charge twice; refunding it
 * twice must not pay back twice.
 */
export interface PaymentGateway {
  charge(request: PaymentRequest): Promise<PaymentOutcome>
  refund(request: RefundRequest): Promise<RefundOutcome>
}

/** What a provider's callback says became of one payment. */
export type NoticeStatus = 'approved' | 'declined' | 'cancelled' | 'pending'

/** A provider's callback about one payment, after its signature and timestamp were checked. */
export interface PaymentNotice {
  /** The provider's id of this callback: a callback delivered again (or replayed) has the same one. */
  eventId: string
  /** The order the payment is for: the reservation id. */
  orderId: string
  status: NoticeStatus
  paymentKey: string | null
  amount: number
  currency: string
}

/**
 * Reads a provider's callback: checks its signature (HMAC over the body with the shared callback
 * secret) and its timestamp, and returns what it says, or undefined when it is not authentic.
 */
export interface PaymentCallbackVerifier {
  verify(
    rawBody: string,
    headers: Record<string, string | string[] | undefined>,
    now: number
  ): PaymentNotice | undefined
}

/** PostgreSQL: the verified callbacks, once each (replay protection by event id). */
export interface PaymentNoticeStore {
  /** Records a verified notice; false when this event was recorded before (a duplicate or a replay). */
  record(notice: PaymentNotice): Promise<boolean>
  /** The latest notice recorded for an order. */
  latest(orderId: string): Promise<PaymentNotice | undefined>
}
