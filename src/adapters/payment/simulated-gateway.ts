import { createHash } from 'node:crypto'
import { setTimeout as delay } from 'node:timers/promises'
import type {
  PaymentGateway,
  PaymentOutcome,
  PaymentRequest,
  RefundOutcome,
  RefundRequest
} from '../../domain/payment-ports.ts'

export interface SimulatedGatewayOptions {
  latencyMs: number
  declineRate: number
  timeoutRate: number
  /** How long a charge may take before the caller gives up on it. */
  timeoutMs: number
  /** Source of randomness in [0, 1); injectable so tests can pin outcomes. */
  random?: () => number
  /**
   * Obey a request's `simulate` (the buyer's choice of outcome); true by default. False in
   * production: the configured rates alone decide, whatever a request carries.
   */
  obeySimulate?: boolean
}

/**
 * The payment provider of a system with no real one: configurable latency, decline and timeout
 * rates, and `simulate` per request. Like a real provider it is idempotent per reservation: a
 * retried charge returns the first outcome instead of charging again, a retried refund the first
 * refund. Its records live in the process's memory: a refund asked for in another process than
 * the charge counts as captured when the booking recorded the charge's reference.
 */
export class SimulatedGateway implements PaymentGateway {
  readonly #options: SimulatedGatewayOptions
  readonly #outcomes = new Map<string, PaymentOutcome>()
  /** Charges made, by reservation; a test can assert that nobody was charged twice. */
  readonly charges = new Map<string, number>()
  /** Refunds paid, by reservation; a test can assert that nobody was paid back twice. */
  readonly refunds = new Map<string, number>()
  readonly #refunded = new Map<string, RefundOutcome>()

  constructor(options: SimulatedGatewayOptions) {
    this.#options = options
  }

  async charge(request: PaymentRequest): Promise<PaymentOutcome> {
    const known = this.#outcomes.get(request.reservationId)
    if (known && known.status !== 'timeout') return known
    const random = this.#options.random ?? Math.random
    const draw = random()
    const decision =
      (this.#options.obeySimulate === false ? undefined : request.simulate) ??
      (draw < this.#options.timeoutRate
        ? 'timeout'
        : draw < this.#options.timeoutRate + this.#options.declineRate
          ? 'decline'
          : 'approve')
    if (decision === 'timeout') {
      // The provider never answers in time; the caller's deadline decides.
      await delay(this.#options.timeoutMs)
      const outcome: PaymentOutcome = { status: 'timeout' }
      this.#outcomes.set(request.reservationId, outcome)
      return outcome
    }
    if (this.#options.latencyMs > 0) await delay(this.#options.latencyMs)
    const outcome: PaymentOutcome =
      decision === 'decline'
        ? { status: 'declined', reason: 'card declined' }
        : {
            status: 'approved',
            providerRef: `sim_${createHash('sha256').update(request.reservationId).digest('hex').slice(0, 20)}`
          }
    this.charges.set(
      request.reservationId,
      (this.charges.get(request.reservationId) ?? 0) + (outcome.status === 'approved' ? 1 : 0)
    )
    this.#outcomes.set(request.reservationId, outcome)
    return outcome
  }

  async refund(request: RefundRequest): Promise<RefundOutcome> {
    const known = this.#refunded.get(request.reservationId)
    if (known) return known
    if (this.#options.latencyMs > 0) await delay(this.#options.latencyMs)
    const charged =
      this.#outcomes.get(request.reservationId)?.status === 'approved' || request.providerRef !== null
    const outcome: RefundOutcome = charged
      ? {
          status: 'refunded',
          providerRef: `sim_rf_${createHash('sha256').update(request.reservationId).digest('hex').slice(0, 20)}`
        }
      : { status: 'nothing_charged' }
    if (charged) this.refunds.set(request.reservationId, (this.refunds.get(request.reservationId) ?? 0) + 1)
    this.#refunded.set(request.reservationId, outcome)
    return outcome
  }
}
