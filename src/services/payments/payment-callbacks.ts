import type { PaymentCallbackVerifier, PaymentNoticeStore } from '../../domain/payment-ports.ts'
import { FcError } from '../../errors.ts'

/**
 * The payment provider's callbacks (`POST /v1/payments/callback`): a callback counts only when its
 * signature and timestamp check out, and is recorded once per provider event (a duplicate or a
 * replay answers the same and changes nothing). A recorded success is what the booking pipeline
 * consults first when its own call to the provider went unanswered; nothing else trusts a callback.
 */
export class PaymentCallbacks {
  readonly #verifier: PaymentCallbackVerifier
  readonly #notices: Pick<PaymentNoticeStore, 'record'>
  readonly #now: () => number

  constructor(deps: {
    verifier: PaymentCallbackVerifier
    notices: Pick<PaymentNoticeStore, 'record'>
    now?: () => number
  }) {
    this.#verifier = deps.verifier
    this.#notices = deps.notices
    this.#now = deps.now ?? Date.now
  }

  /** Checks and records one callback; throws FC_SIGNATURE_INVALID when it is not authentic. */
  async receive(
    rawBody: string,
    headers: Record<string, string | string[] | undefined>
  ): Promise<{ duplicate: boolean }> {
    const notice = this.#verifier.verify(rawBody, headers, this.#now())
    if (!notice) throw new FcError('FC_SIGNATURE_INVALID')
    return { duplicate: !(await this.#notices.record(notice)) }
  }
}
