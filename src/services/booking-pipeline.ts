import type {
  BookingOutcome,
  BookingRow,
  BookingStore,
  ClaimRow,
  ReservationStatus
} from '../domain/pipeline-ports.ts'
import type { InventoryResult, InventoryStore, PaymentGateway, PaymentOutcome } from '../domain/ports.ts'
import type { BookingRequest, ClaimRequest } from './booking-queue.ts'

/** Requests of a batch that failed on their own (their payment call threw), by id, with the error. */
export type ItemFailures = Map<string, unknown>

/** The inventory core could not finalise now (its sale is not loaded: Redis lost it, re-warm pending). */
export class InventoryNotReadyError extends Error {
  constructor(saleId: string) {
    super(`the inventory of sale ${saleId} is not loaded`)
    this.name = 'InventoryNotReadyError'
  }
}

/**
 * The durable half of a booking, for a batch at a time: record it in PostgreSQL, charge it, write
 * the outcome and its outbox row in one transaction, and only then finalise Redis (seat SOLD, or
 * released with its stock returned). Every step is idempotent, so a batch delivered again after a
 * crash is absorbed: rows already terminal are not charged again, only re-finalised in Redis.
 *
 * A whole-batch failure (PostgreSQL or Redis down) throws; a failure of one request (its payment
 * call threw) is returned, so the caller retries just those.
 */
export class BookingPipeline {
  readonly #store: BookingStore
  readonly #inventory: InventoryStore
  readonly #payments: PaymentGateway
  readonly #paymentConcurrency: number

  constructor(deps: {
    store: BookingStore
    inventory: InventoryStore
    payments: PaymentGateway
    /** Payment calls in flight per batch (default 64): the provider's latency dominates a batch. */
    paymentConcurrency?: number
  }) {
    this.#store = deps.store
    this.#inventory = deps.inventory
    this.#payments = deps.payments
    this.#paymentConcurrency = Math.max(1, deps.paymentConcurrency ?? 64)
  }

  async processBookings(requests: readonly BookingRequest[]): Promise<ItemFailures> {
    const byId = uniqueBy(requests, (r) => r.reservationId)
    const statuses = await this.#store.insertPending([...byId.values()].map(rowOf))
    const { live, stale } = await this.#splitPending(byId, statuses)
    await this.#store.discardPending(stale)

    const failures: ItemFailures = new Map()
    const outcomes: BookingOutcome[] = []
    await forEachLimited(live, this.#paymentConcurrency, async (request) => {
      try {
        outcomes.push(outcomeOf(request.reservationId, await this.#charge(request)))
      } catch (err) {
        failures.set(request.reservationId, err)
      }
    })
    const settled = await this.#store.complete(outcomes, new Date())
    for (const [id, status] of settled) statuses.set(id, status)
    // Only after the commit: Redis must never say SOLD for a booking the database does not have.
    await this.#finaliseAll(byId, statuses, failures)
    return failures
  }

  /**
   * The final failure of bookings (given up after retries and a replay, or by an operator): each
   * one still pending ends `failed` with an outbox row, and its seat goes back to stock. One the
   * database already confirmed is finalised as sold instead: giving up never undoes a booking.
   */
  async failBookings(requests: readonly BookingRequest[], reason: string): Promise<void> {
    const byId = uniqueBy(requests, (r) => r.reservationId)
    const statuses = await this.#store.insertPending([...byId.values()].map(rowOf))
    const { live, stale } = await this.#splitPending(byId, statuses)
    await this.#store.discardPending(stale)
    const settled = await this.#store.complete(
      live.map((r) => ({ reservationId: r.reservationId, status: 'failed', reason })),
      new Date()
    )
    for (const [id, status] of settled) statuses.set(id, status)
    await this.#finaliseAll(byId, statuses, new Map())
  }

  /** Issues coupons for accepted claims: a confirmed row with a code and an outbox row each, then SOLD in Redis. */
  async processClaims(requests: readonly ClaimRequest[]): Promise<ItemFailures> {
    await this.#settleClaims(requests, { status: 'confirmed' })
    return new Map()
  }

  /** The final failure of claims: recorded `failed` with an outbox row, the unit returned to stock. */
  async failClaims(requests: readonly ClaimRequest[], reason: string): Promise<void> {
    await this.#settleClaims(requests, { status: 'failed', reason })
  }

  async #settleClaims(
    requests: readonly ClaimRequest[],
    outcome: { status: 'confirmed' } | { status: 'failed'; reason: string }
  ): Promise<void> {
    const byId = uniqueBy(requests, (r) => r.claimId)
    // Only units still pending in Redis were accepted and are not finished. A missing unit was
    // refused (its publish failed and the API compensated) or finished long ago: nothing to do.
    const units = await Promise.all(
      [...byId.values()].map(async (r) => ({
        r,
        unit: await this.#inventory.getHold(r.saleId, r.claimId)
      }))
    )
    const live: ClaimRow[] = units
      .filter(({ unit }) => unit?.state === 'pending')
      .map(({ r }) => ({ claimId: r.claimId, saleId: r.saleId, userId: r.userId }))
    const statuses = await this.#store.settleClaims(live, outcome, new Date())
    await Promise.all(
      live.map((c) => {
        const status = statuses.get(c.claimId)
        // A claim recorded before (a replay) keeps its first outcome, in Redis too.
        return this.#finalise(c.saleId, c.claimId, status === 'confirmed', 'coupon not issued')
      })
    )
  }

  /**
   * Splits bookings whose row is pending into those accepted and unfinished (the unit is pending
   * in Redis with this reservation) and stale ones: a request whose publish was reported failed,
   * and compensated, but reached the broker anyway. A stale row is dropped, never charged.
   */
  async #splitPending(
    byId: Map<string, BookingRequest>,
    statuses: Map<string, ReservationStatus>
  ): Promise<{ live: BookingRequest[]; stale: string[] }> {
    const pending = [...byId.values()].filter((r) => statuses.get(r.reservationId) === 'pending')
    const holds = await Promise.all(pending.map((r) => this.#inventory.getHold(r.saleId, r.holdId)))
    const live: BookingRequest[] = []
    const stale: string[] = []
    pending.forEach((r, i) => {
      const hold = holds[i]
      if (hold?.state === 'pending' && hold.reservationId === r.reservationId) live.push(r)
      else if (hold?.state !== 'sold') stale.push(r.reservationId)
    })
    return { live, stale }
  }

  async #charge(request: BookingRequest): Promise<PaymentOutcome> {
    return this.#payments.charge({
      reservationId: request.reservationId,
      userId: request.userId,
      amount: request.amount,
      ...(request.payment.simulate ? { simulate: request.payment.simulate } : {})
    })
  }

  async #finaliseAll(
    byId: Map<string, BookingRequest>,
    statuses: Map<string, ReservationStatus>,
    skip: ItemFailures
  ): Promise<void> {
    await Promise.all(
      [...byId.values()].map((r) => {
        const status = statuses.get(r.reservationId)
        if (status === undefined || status === 'pending' || skip.has(r.reservationId)) return undefined
        return this.#finalise(r.saleId, r.holdId, status === 'confirmed', `reservation ${status}`)
      })
    )
  }

  /** Replay-safe: SOLD twice is "already", releasing a unit that is gone is "nothing to do". */
  async #finalise(saleId: string, unitId: string, sold: boolean, reason: string): Promise<void> {
    const r: InventoryResult<void> = sold
      ? await this.#inventory.pendingToSold({ saleId, holdId: unitId })
      : await this.#inventory.pendingToReleased({ saleId, holdId: unitId, reason })
    // Retried: the re-warm worker reloads the sale from PostgreSQL, then this goes through.
    if (!r.ok && r.refusal === 'not_warm') throw new InventoryNotReadyError(saleId)
  }
}

function rowOf(r: BookingRequest): BookingRow {
  return {
    reservationId: r.reservationId,
    holdId: r.holdId,
    saleId: r.saleId,
    seatId: r.seatId,
    userId: r.userId,
    amount: r.amount
  }
}

function outcomeOf(reservationId: string, payment: PaymentOutcome): BookingOutcome {
  switch (payment.status) {
    case 'approved':
      return {
        reservationId,
        status: 'confirmed',
        payment: { status: 'approved', providerRef: payment.providerRef }
      }
    case 'declined':
      return {
        reservationId,
        status: 'failed',
        reason: `payment declined: ${payment.reason}`,
        payment: { status: 'declined' }
      }
    case 'timeout':
      return { reservationId, status: 'failed', reason: 'payment timed out', payment: { status: 'timeout' } }
  }
}

function uniqueBy<T>(items: readonly T[], id: (item: T) => string): Map<string, T> {
  const out = new Map<string, T>()
  for (const item of items) if (!out.has(id(item))) out.set(id(item), item)
  return out
}

/** Runs `work` over `items` with at most `limit` calls in flight. */
async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>
): Promise<void> {
  let next = 0
  const lane = async () => {
    while (next < items.length) {
      const item = items[next++] as T
      await work(item)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane))
}
