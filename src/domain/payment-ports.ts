/**
 * The port of the payment provider: one charge per booking, refunded whole. The simulated
 * gateway (adapters/payment) implements it.
 */

export type PaymentOutcome =
  | { status: 'approved'; providerRef: string }
  | { status: 'declined'; reason: string }
  | { status: 'timeout' }

export interface PaymentRequest {
  reservationId: string
  userId: string
  amount: number
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
