/**
 * The port of buyer cancellations: PostgreSQL decides and records a cancellation (the source of
 * truth goes first; the inventory core frees the unit after, see CancellationService).
 */

/** What the store decided about one cancellation. */
export type CancelDecision =
  /** Cancelled: now (`fresh`), or by an earlier request (the same answer again). */
  | { outcome: 'cancelled'; saleId: string; cancelledAt: Date; fresh: boolean }
  /** No such booking, or another user's (the same answer: nobody learns what others booked). */
  | { outcome: 'not_found' }
  /** Not confirmed (pending, failed, expired): there is nothing to cancel. */
  | { outcome: 'not_confirmed' }
  /** The sale's bookings are not cancellable (its window is 0). */
  | { outcome: 'not_cancellable' }
  /** The sale's cancellation window has passed since the booking was confirmed. */
  | { outcome: 'window_closed' }

/** PostgreSQL: cancellations, each decided and recorded in one transaction. */
export interface CancellationStore {
  /**
   * Cancels the confirmed reservations of the hold `reservationId` belongs to (a hold of several
   * seats: those of `group`, its possible ids, that exist; the first carries the payment) owned by
   * `userId`, within the sale's window: in one transaction the rows become `cancelled`, a refund
   * of the hold's amount is due, and the `reservation.cancelled` webhook event is recorded.
   * Concurrent calls are decided one at a time. `leadId`: the hold's first reservation.
   */
  cancelReservation(a: {
    reservationId: string
    group: readonly string[]
    userId: string
    reason: string
  }): Promise<CancelDecision & { leadId?: string }>
  /** Cancels an issued coupon claim of `userId` within the sale's window. */
  cancelClaim(a: { claimId: string; userId: string; reason: string }): Promise<CancelDecision>
  /** Sets a sale's cancellation window; false when there is no such sale. */
  setCancelWindow(saleId: string, seconds: number): Promise<boolean>
}
