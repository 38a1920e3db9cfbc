import type { PaymentGateway } from '../../domain/payment-ports.ts'
import type { RefundStore } from '../../domain/pipeline-ports.ts'
import { forEachLimited } from './booking-pipeline.ts'

/** What became of one refund in a round. */
export type RefundRoundOutcome = 'refunded' | 'nothing_charged' | 'retry'

export interface RefundWorkerOptions {
  store: RefundStore
  payments: PaymentGateway
  /** Refunds taken per round (default 100). */
  batch?: number
  /** Provider calls in flight (default 16). */
  concurrency?: number
  /** How long a taken refund is kept from other workers: well above one provider call (default 60 s). */
  leaseMs?: number
  onOutcome?: (outcome: RefundRoundOutcome) => void
}

const FIRST_RETRY_MS = 1000
const LAST_RETRY_MS = 300_000

/**
 * Settles the refunds the booking pipeline owes (written with each failed reservation that may
 * have been charged, see migration 0006): takes the due ones, asks the provider to give back what
 * it captured for each reservation, and records the answer. One the provider does not settle (a
 * timeout, an error) is asked again with a growing delay (1 s, 2 s, 4 s, ... at most 5 minutes)
 * for as long as it takes: money owed is never dropped. The provider is idempotent per
 * reservation and a taken refund is leased to one worker, so nobody is paid back twice.
 */
export class RefundWorker {
  readonly #o: Required<Omit<RefundWorkerOptions, 'onOutcome'>> & Pick<RefundWorkerOptions, 'onOutcome'>

  constructor(options: RefundWorkerOptions) {
    this.#o = { batch: 100, concurrency: 16, leaseMs: 60_000, ...options }
  }

  /** One round: returns how many refunds it handled (settled or put off). */
  async runOnce(): Promise<number> {
    const due = await this.#o.store.claimDue(this.#o.batch, this.#o.leaseMs)
    await forEachLimited(due, this.#o.concurrency, async (refund) => {
      let outcome: RefundRoundOutcome = 'retry'
      try {
        const answer = await this.#o.payments.refund({
          reservationId: refund.reservationId,
          amount: refund.amount,
          providerRef: refund.providerRef
        })
        if (answer.status === 'timeout') {
          await this.#retry(refund.reservationId, 'provider timeout', refund.attempts)
        } else {
          await this.#o.store.finish(refund.reservationId, answer)
          outcome = answer.status
        }
      } catch (err) {
        // The name only: a provider's message may carry what does not belong in the database.
        await this.#retry(refund.reservationId, err instanceof Error ? err.name : 'error', refund.attempts)
      }
      this.#o.onOutcome?.(outcome)
    })
    return due.length
  }

  async #retry(reservationId: string, error: string, attempts: number): Promise<void> {
    const delayMs = Math.min(LAST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1))
    await this.#o.store.retryLater(reservationId, error, delayMs)
  }
}
