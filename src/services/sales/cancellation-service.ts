import type { CancelDecision, CancellationStore } from '../../domain/cancellation-ports.ts'
import { groupIdsOf, saleOf } from '../../domain/ids.ts'
import type { InventoryStore } from '../../domain/inventory-ports.ts'
import { FcError } from '../../errors.ts'
import { holdIdOf } from './buyer-service.ts'

const REASON = 'cancelled by the buyer'

/** The answer to a cancel, the same however often it is asked. */
export interface CancelledReservation {
  reservationId: string
  status: 'cancelled'
  cancelledAt: string
}

export interface CancelledClaim {
  claimId: string
  status: 'cancelled'
  cancelledAt: string
}

/**
 * Buyers cancel confirmed bookings within their sale's window (`cancelWindowSec`). Two steps, in
 * this order: PostgreSQL first (the booking becomes cancelled, a refund is due, the
 * `reservation.cancelled` event is recorded, in one transaction), then the inventory core frees
 * the unit (SOLD -> available, one atomic script). A crash between the two leaves Redis saying
 * sold for a booking the database has cancelled: the reconciler counts a cancelled booking as free
 * and repairs it, and a retry of the cancel (answered the same) runs the script again, which is
 * replay-safe. The other order could free a seat, sell it to someone else, and then fail to
 * record the cancellation: a seat booked twice.
 *
 * Only the owner may cancel; anyone else hears "not found", as for a booking that does not exist.
 */
export class CancellationService {
  readonly #store: CancellationStore
  readonly #inventory: Pick<InventoryStore, 'cancelSold'>

  constructor(deps: { store: CancellationStore; inventory: Pick<InventoryStore, 'cancelSold'> }) {
    this.#store = deps.store
    this.#inventory = deps.inventory
  }

  async cancelReservation(userId: string, reservationId: string): Promise<CancelledReservation> {
    if (!saleOf(reservationId, 'r')) throw notFound('reservation')
    // A hold of several seats is booked, and cancelled, as a whole: under its first reservation.
    const decision = await this.#store.cancelReservation({
      reservationId,
      group: groupIdsOf(reservationId) ?? [],
      userId,
      reason: REASON
    })
    const cancelled = refuse(decision, 'reservation')
    const lead = decision.leadId ?? reservationId
    await this.#free(cancelled.saleId, holdIdOf(lead))
    return { reservationId: lead, status: 'cancelled', cancelledAt: cancelled.cancelledAt.toISOString() }
  }

  async cancelClaim(userId: string, claimId: string): Promise<CancelledClaim> {
    if (!saleOf(claimId, 'c')) throw notFound('claim')
    const decision = await this.#store.cancelClaim({ claimId, userId, reason: REASON })
    const cancelled = refuse(decision, 'claim')
    await this.#free(cancelled.saleId, claimId)
    return { claimId, status: 'cancelled', cancelledAt: cancelled.cancelledAt.toISOString() }
  }

  /** Sets a sale's window (0: not cancellable). */
  async setWindow(saleId: string, seconds: number): Promise<{ id: string; cancelWindowSec: number }> {
    if (!(await this.#store.setCancelWindow(saleId, seconds)))
      throw new FcError('FC_NOT_FOUND', 'No such sale')
    return { id: saleId, cancelWindowSec: seconds }
  }

  /**
   * The unit back to stock. Also on a repeated cancel: the first one's script may not have run (a
   * crash after the commit). A sale not loaded in Redis is left alone: its warm-up reads the
   * database, which already says cancelled.
   */
  async #free(saleId: string, unitId: string): Promise<void> {
    await this.#inventory.cancelSold({ saleId, unitId, reason: REASON })
  }
}

function refuse(
  decision: CancelDecision,
  what: 'reservation' | 'claim'
): Extract<CancelDecision, { outcome: 'cancelled' }> {
  switch (decision.outcome) {
    case 'cancelled':
      return decision
    case 'not_found':
      throw notFound(what)
    case 'not_confirmed':
      throw new FcError('FC_NOT_CANCELLABLE', `This ${what} is not confirmed: there is nothing to cancel`)
    case 'not_cancellable':
      throw new FcError('FC_NOT_CANCELLABLE', `This sale does not allow cancelling a ${what}`)
    case 'window_closed':
      throw new FcError('FC_CANCEL_WINDOW_CLOSED')
  }
}

function notFound(what: 'reservation' | 'claim'): FcError {
  return new FcError('FC_NOT_FOUND', `No such ${what}`)
}
