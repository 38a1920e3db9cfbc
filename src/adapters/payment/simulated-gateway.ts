import { createHash } from 'node:crypto'
import { setTimeout as delay } from 'node:timers/promises'
import type { PaymentGateway, PaymentOutcome, PaymentRequest } from '../../domain/ports.ts'

export interface SimulatedGatewayOptions {
  latencyMs: number
  declineRate: number
  timeoutRate: number
  /** How long a charge may take before the caller gives up on it. */
  timeoutMs: number
  /** Source of randomness in [0, 1); injectable so tests can pin outcomes. */
  random?: () => number
}

/**
 * The payment provider of a system with no real one: configurable latency, decline and timeout
 * rates, and `simulate` per request. Like a real provider it is idempotent per reservation: a
 * retried charge returns the first outcome instead of charging again.
 */
export class SimulatedGateway implements PaymentGateway {
  readonly #options: SimulatedGatewayOptions
  readonly #outcomes = new Map<string, PaymentOutcome>()
  /** Charges made, by reservation; a test can assert that nobody was charged twice. */
  readonly charges = new Map<string, number>()

  constructor(options: SimulatedGatewayOptions) {
    this.#options = options
  }

  async charge(request: PaymentRequest): Promise<PaymentOutcome> {
    const known = this.#outcomes.get(request.reservationId)
    if (known && known.status !== 'timeout') return known
    const random = this.#options.random ?? Math.random
    const draw = random()
    const decision =
      request.simulate ??
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
}
