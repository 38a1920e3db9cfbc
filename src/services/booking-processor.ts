import type { InventoryStore } from '../domain/inventory-ports.ts'
import type { PaymentGateway, PaymentOutcome } from '../domain/payment-ports.ts'
import type { BookingRequest, ClaimRequest } from '../domain/pipeline-ports.ts'

export type BookingResult =
  | { reservationId: string; status: 'confirmed'; payment: PaymentOutcome }
  | { reservationId: string; status: 'failed'; reason: string; payment: PaymentOutcome }

/**
 * Finishes an accepted booking: charges the payment, then finalises the inventory (seat SOLD, or
 * released with its stock returned). Every step is idempotent, so a replayed request is harmless.
 */
export class BookingProcessor {
  readonly #inventory: InventoryStore
  readonly #payments: PaymentGateway

  constructor(deps: { inventory: InventoryStore; payments: PaymentGateway }) {
    this.#inventory = deps.inventory
    this.#payments = deps.payments
  }

  async book(request: BookingRequest): Promise<BookingResult> {
    const payment = await this.#payments.charge({
      reservationId: request.reservationId,
      userId: request.userId,
      amount: request.amount,
      ...(request.payment.simulate ? { simulate: request.payment.simulate } : {})
    })
    if (payment.status === 'approved') {
      await this.#inventory.pendingToSold({ saleId: request.saleId, holdId: request.holdId })
      return { reservationId: request.reservationId, status: 'confirmed', payment }
    }
    const reason = payment.status === 'declined' ? `payment declined: ${payment.reason}` : 'payment timed out'
    await this.#inventory.pendingToReleased({ saleId: request.saleId, holdId: request.holdId, reason })
    return { reservationId: request.reservationId, status: 'failed', reason, payment }
  }

  async issue(request: ClaimRequest): Promise<void> {
    await this.#inventory.pendingToSold({ saleId: request.saleId, holdId: request.claimId })
  }
}
