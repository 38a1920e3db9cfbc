import type { InventoryResult, InventoryStore } from '../../domain/inventory-ports.ts'
import type { PaymentGateway, PaymentOutcome } from '../../domain/payment-ports.ts'
import type {
  BookingRequest,
  ClaimRequest,
  PipelineObserver,
  TerminalOutcome
} from '../../domain/pipeline-ports.ts'
import {
  type BookingOutcome,
  type BookingRow,
  type BookingStore,
  type ClaimRow,
  HOLD_LOST,
  PART_OF_HOLD_SETTLED,
  type ReservationStatus,
  SEAT_ALREADY_BOOKED,
  type SettledBooking
} from '../../domain/pipeline-ports.ts'
import type { Hold } from '../../domain/sale.ts'
import { OperationalError } from '../../errors.ts'

/** Requests of a batch that failed on their own (their payment call threw), by id, with the error. */
export type ItemFailures = Map<string, unknown>

/** The inventory core could not finalise now (its sale is not loaded: Redis lost it, re-warm pending). */
export class InventoryNotReadyError extends OperationalError {
  constructor(saleId: string) {
    super('FC_INVENTORY_NOT_READY', `the inventory of sale ${saleId} is not loaded`)
    this.name = 'InventoryNotReadyError'
  }
}

/**
 * The durable half of a booking, for a batch at a time: claim the batch in PostgreSQL, charge it,
 * write each reservation in its final state with its payment and its outbox row in one statement
 * (one transaction), and only then finalise Redis (seat SOLD, or released with its stock
 * returned). Every step is idempotent, so a batch delivered again after a crash is absorbed: rows
 * already final are not charged again, only re-finalised in Redis.
 *
 * Per batch: (1) `begin`, one statement: an attempt row per reservation id (insert-only, narrow)
 * and the ids that already have a row, read BEFORE any charge; (2) the Redis check (the unit must
 * be pending with this reservation); (3) the charges, at most `paymentConcurrency` in flight;
 * (4) `settle`, one statement: reservations (confirmed / failed), payments, outbox rows; (5) Redis.
 * No reservation is written pending and then updated: that update was the consumer's cost (a
 * non-HOT update through every index of `reservations`, in a second transaction).
 *
 * Crash windows (the consumer commits Kafka offsets only after this returns, so a crash anywhere
 * replays the batch):
 * - after `begin`, before or during the charges: the attempt rows stay; the replay finds them
 *   (not claimed again), finds no reservation row, and charges. The provider is idempotent by
 *   reservation id, so a charge that did go through returns its first outcome, never a second
 *   charge. The attempt row keeps the reconciler off the unit meanwhile, as the pending row did.
 * - after the charges, before `settle` commits: the same; nothing was written, nothing is lost
 *   (the outcome lives at the provider and is returned again).
 * - after `settle` commits, before Redis: the replay finds the final rows in `begin`, charges
 *   nothing, writes nothing, and only finalises Redis (replay-safe scripts).
 * - a payment call that throws fails only its request (returned to the caller, retried, then
 *   dead-lettered); its attempt row stays, so the reconciler leaves it to the retries.
 *
 * The stale-pending fence: the reconciler settles a unit pending too long by inserting its attempt
 * row and a `failed` reservation in one statement. Whoever inserts the attempt row first owns the
 * outcome (the primary key serialises the two): if the reconciler did, `begin` finds the id taken
 * and, reading again with a fresh snapshot, the `failed` row: nothing is charged, nothing changes,
 * Redis is only re-finalised as released. If the consumer did, the reconciler writes nothing and
 * leaves Redis alone. So no buyer is charged for a booking the reconciler failed.
 *
 * Redis losing a sale after a booking was accepted: the re-warm reloads it from PostgreSQL, whose
 * copy of the holds trails Redis by a ledger flush, so the unit may show held again (the move to
 * pending had not reached the copy) or not at all (neither had the hold). Such a request is not
 * stale: the inventory core's `adoptPending` moves a unit its buyer still holds to pending with
 * this reservation, and the booking goes on; a missing unit settles the request failed
 * ({@link HOLD_LOST}). It tells them from the compensated case by the sale's last cold load: only
 * bookings accepted before it are adopted.
 *
 * A hold of several seats is one request: one charge (the sum of its prices, under the first seat's
 * reservation id), one booking row per seat (so I1's unique index covers every seat), all rows in
 * the same final status, then one Redis script that sells or releases the whole group.
 *
 * A whole-batch failure (PostgreSQL or Redis down) throws; a failure of one request (its payment
 * call threw) is returned, so the caller retries just those.
 */
export class BookingPipeline {
  readonly #store: BookingStore
  readonly #inventory: InventoryStore
  readonly #payments: PaymentGateway
  readonly #paymentConcurrency: number
  readonly #observer: PipelineObserver | undefined

  constructor(deps: {
    store: BookingStore
    inventory: InventoryStore
    payments: PaymentGateway
    /** Payment calls in flight per batch (default 64): the provider's latency dominates a batch. */
    paymentConcurrency?: number
    /** Told of every booking and claim finished here (metrics). */
    observer?: PipelineObserver
  }) {
    this.#store = deps.store
    this.#inventory = deps.inventory
    this.#payments = deps.payments
    this.#observer = deps.observer
    this.#paymentConcurrency = Math.max(1, deps.paymentConcurrency ?? 64)
  }

  async processBookings(requests: readonly BookingRequest[]): Promise<ItemFailures> {
    const byId = uniqueBy(requests, (r) => r.reservationId)
    const { statuses, live, seatTaken, notReady } = await this.#begin(byId)

    // Their sale is not loaded in Redis (lost, re-warm pending): retried on their own, so the
    // rest of the batch (other sales) goes on.
    const failures: ItemFailures = new Map(
      notReady.map((r) => [r.reservationId, new InventoryNotReadyError(r.saleId)])
    )
    // I1 already decided in the database: these can only fail, so they are not charged.
    const settled: SettledBooking[] = seatTaken.flatMap(({ request, reason }) =>
      rowsOf(request).map((row) => ({ ...row, status: 'failed' as const, reason }))
    )
    // Charged before anything is written: the provider is idempotent by reservation id, so a
    // replay of this batch (crash before the commit below) gets the same outcome, not a new charge.
    await forEachLimited(live, this.#paymentConcurrency, async (request) => {
      try {
        const outcome = outcomeOf(request.reservationId, await this.#charge(request))
        for (const row of rowsOf(request)) {
          // The payment is recorded once, on the hold's first row.
          const { payment: _charged, ...unpaid } = outcome
          settled.push({
            ...row,
            ...(row.group === undefined ? outcome : unpaid),
            reservationId: row.reservationId
          })
        }
      } catch (err) {
        failures.set(request.reservationId, err)
      }
    })
    const written = await this.#store.settle(settled, new Date())
    for (const [id, status] of written) statuses.set(id, status)
    this.#observe(byId, written)
    // Only after the commit: Redis must never say SOLD for a booking the database does not have.
    await this.#finaliseAll(byId, statuses, failures)
    return failures
  }

  /**
   * The final failure of bookings (given up after retries and a replay, or by an operator): each
   * one not yet final ends `failed` with an outbox row, and its seat goes back to stock. One the
   * database already confirmed is finalised as sold instead: giving up never undoes a booking.
   */
  async failBookings(requests: readonly BookingRequest[], reason: string): Promise<void> {
    const byId = uniqueBy(requests, (r) => r.reservationId)
    const { statuses, live, seatTaken, notReady } = await this.#begin(byId)
    const settled = await this.#store.settle(
      [...seatTaken.map((t) => t.request), ...live, ...notReady].flatMap((r) =>
        rowsOf(r).map((row) => ({ ...row, status: 'failed' as const, reason }))
      ),
      new Date()
    )
    for (const [id, status] of settled) statuses.set(id, status)
    this.#observe(byId, settled)
    // A sale Redis does not hold has nothing to finalise there: its next load reads the rows.
    await this.#finaliseAll(byId, statuses, new Map(notReady.map((r) => [r.reservationId, undefined])))
  }

  /** Issues coupons for accepted claims: a confirmed row with a code and an outbox row each, then SOLD in Redis. */
  async processClaims(requests: readonly ClaimRequest[]): Promise<ItemFailures> {
    const notReady = await this.#settleClaims(requests, { status: 'confirmed' })
    // Their sale is not loaded in Redis (lost, re-warm pending): retried on their own.
    return new Map(notReady.map((r) => [r.claimId, new InventoryNotReadyError(r.saleId)]))
  }

  /** The final failure of claims: recorded `failed` with an outbox row, the unit returned to stock. */
  async failClaims(requests: readonly ClaimRequest[], reason: string): Promise<void> {
    await this.#settleClaims(requests, { status: 'failed', reason })
  }

  /** Returns the claims whose sale Redis does not hold now (nothing decided for them; see failClaims). */
  async #settleClaims(
    requests: readonly ClaimRequest[],
    outcome: { status: 'confirmed' } | { status: 'failed'; reason: string }
  ): Promise<ClaimRequest[]> {
    const byId = uniqueBy(requests, (r) => r.claimId)
    // Only units still pending in Redis were accepted and are not finished. A missing unit was
    // refused (its publish failed and the API compensated) or finished long ago: nothing to do;
    // unless Redis lost the sale after the claim was accepted, before the claim reached
    // PostgreSQL's copy: then the claim is settled failed, never left without an outcome.
    const requested = [...byId.values()]
    const units = await this.#units(requested.map((r) => ({ saleId: r.saleId, unitId: r.claimId })))
    const row = (r: ClaimRequest): ClaimRow => ({ claimId: r.claimId, saleId: r.saleId, userId: r.userId })
    const live: ClaimRow[] = requested.filter((_, i) => units[i]?.state === 'pending').map(row)
    const lost: ClaimRow[] = []
    const notReady: ClaimRequest[] = []
    for (const [i, r] of requested.entries()) {
      if (units[i] !== undefined) continue
      const gone = await this.#inventory.adoptPending({
        saleId: r.saleId,
        userId: r.userId,
        acceptedAt: r.acceptedAt,
        units: [{ holdId: r.claimId, reservationId: r.claimId }]
      })
      if (gone.ok && gone.value === 'lost') lost.push(row(r))
      else if (!gone.ok && gone.refusal === 'not_warm') notReady.push(r)
    }
    const now = new Date()
    const statuses = await this.#store.settleClaims(live, outcome, now)
    for (const [id, status] of await this.#store.settleClaims(
      lost,
      { status: 'failed', reason: HOLD_LOST },
      now
    ))
      statuses.set(id, status)
    // Given up for good (failClaims): those of a sale Redis does not hold end failed as well, with
    // nothing to finalise in Redis (its next load reads the rows).
    const given = outcome.status === 'failed' ? notReady.map(row) : []
    for (const [id, status] of await this.#store.settleClaims(given, outcome, now)) statuses.set(id, status)
    live.push(...lost)
    this.#observer?.terminal(
      [...live, ...given].flatMap((c) => {
        const status = statuses.get(c.claimId)
        const r = byId.get(c.claimId)
        if (!r || (status !== 'confirmed' && status !== 'failed')) return []
        return [{ saleId: c.saleId, kind: 'claim' as const, outcome: status, acceptedAt: r.acceptedAt }]
      })
    )
    // A claim recorded before (a replay) keeps its first outcome, in Redis too.
    await this.#finaliseMany(
      live.map((c) => ({ saleId: c.saleId, unitId: c.claimId, status: statuses.get(c.claimId) })),
      'coupon not issued'
    )
    return notReady
  }

  /** The units of a batch, in its order: one read per sale, not one per unit. */
  async #units(wanted: ReadonlyArray<{ saleId: string; unitId: string }>): Promise<Array<Hold | undefined>> {
    const out = new Array<Hold | undefined>(wanted.length)
    await Promise.all(
      [
        ...groupBy(
          wanted.map((w, i) => ({ ...w, i })),
          (w) => w.saleId
        )
      ].map(async ([saleId, list]) => {
        const units = await this.#inventory.getHolds(
          saleId,
          list.map((w) => w.unitId)
        )
        list.forEach((w, j) => {
          out[w.i] = units[j]
        })
      })
    )
    return out
  }

  /**
   * Finalises units in Redis after their outcome is committed: the sold ones in one call per sale
   * (chunked by the adapter), the released ones one by one (a failure is the rare case). A unit
   * without a final status is left alone.
   */
  async #finaliseMany(
    units: ReadonlyArray<{ saleId: string; unitId: string; status: ReservationStatus | undefined }>,
    reason: string | ((status: ReservationStatus) => string)
  ): Promise<void> {
    const sold = units.filter((u) => u.status === 'confirmed')
    const released = units.filter(
      (u) => u.status !== undefined && u.status !== 'pending' && u.status !== 'confirmed'
    )
    await Promise.all([
      ...[...groupBy(sold, (u) => u.saleId)].map(async ([saleId, list]) => {
        const r = await this.#inventory.pendingToSoldMany(
          saleId,
          list.map((u) => u.unitId)
        )
        // Retried: the re-warm worker reloads the sale from PostgreSQL, then this goes through.
        if (!r.ok && r.refusal === 'not_warm') throw new InventoryNotReadyError(saleId)
      }),
      ...released.map((u) =>
        this.#finalise(
          u.saleId,
          u.unitId,
          false,
          typeof reason === 'string' ? reason : reason(u.status as ReservationStatus)
        )
      )
    ])
  }

  /**
   * Claims the batch in PostgreSQL (`begin`, before any charge) and splits the bookings that are
   * not final yet into those accepted and unfinished (the unit is pending in Redis with this
   * reservation), split again by whether their seat is already confirmed by another reservation,
   * and stale ones: a request whose publish was reported failed, and compensated, but reached the
   * broker anyway. A stale one is never charged and its attempt is forgotten, so the reconciler may
   * settle the unit if it is ever left pending again. Returns the statuses of rows already final.
   */
  async #begin(byId: Map<string, BookingRequest>): Promise<{
    statuses: Map<string, ReservationStatus>
    live: BookingRequest[]
    seatTaken: Array<{ request: BookingRequest; reason: string }>
    /** Their sale is not loaded in Redis: nothing can be decided for them now. */
    notReady: BookingRequest[]
  }> {
    const start = await this.#store.begin([...byId.values()].flatMap(rowsOf))
    const statuses = start.recorded
    // Not final: no row yet, or a pending row written before migration 0005 (settled in place).
    const open = [...byId.values()].filter((r) => {
      const status = statuses.get(r.reservationId)
      return status === undefined || status === 'pending'
    })
    const holds = await this.#units(open.map((r) => ({ saleId: r.saleId, unitId: r.holdId })))
    const live: BookingRequest[] = []
    const seatTaken: Array<{ request: BookingRequest; reason: string }> = []
    const stale: string[] = []
    const unmatched: BookingRequest[] = []
    const notReady: BookingRequest[] = []
    const accept = (r: BookingRequest) => {
      const others = (r.seats ?? []).map((s) => s.reservationId)
      // A hold's seats are booked together: if one of them cannot be, none is.
      if ([r.reservationId, ...others].some((id) => start.seatTaken.has(id)))
        seatTaken.push({ request: r, reason: SEAT_ALREADY_BOOKED })
      else if (others.some((id) => statuses.has(id) && statuses.get(id) !== 'pending'))
        seatTaken.push({ request: r, reason: PART_OF_HOLD_SETTLED })
      else live.push(r)
    }
    open.forEach((r, i) => {
      const hold = holds[i]
      if (hold?.state === 'pending' && hold.reservationId === r.reservationId) accept(r)
      else if (hold?.state !== 'sold') unmatched.push(r)
    })
    // Not pending with this reservation: put back by the API's compensation (stale), or Redis lost
    // the sale after the booking was accepted and its reload from PostgreSQL, which trails Redis by
    // a ledger flush, shows the hold held again or not at all. The inventory core tells them apart.
    for (const r of unmatched) {
      const adopted = await this.#inventory.adoptPending({
        saleId: r.saleId,
        userId: r.userId,
        acceptedAt: r.acceptedAt,
        units: rowsOf(r).map((row) => ({ holdId: row.holdId, reservationId: row.reservationId }))
      })
      if (adopted.ok && adopted.value === 'adopted') accept(r)
      else if (adopted.ok) seatTaken.push({ request: r, reason: HOLD_LOST })
      else if (adopted.refusal === 'not_warm') notReady.push(r)
      else
        stale.push(
          r.reservationId,
          ...rowsOf(r)
            .slice(1)
            .map((row) => row.reservationId)
            .filter((id) => !statuses.has(id))
        )
    }
    await this.#store.discard(stale)
    for (const id of stale) statuses.delete(id)
    return { statuses, live, seatTaken, notReady }
  }

  /** Tells the observer of the bookings this call settled (one outcome per request, not per seat). */
  #observe(byId: Map<string, BookingRequest>, written: ReadonlyMap<string, ReservationStatus>): void {
    if (!this.#observer) return
    const outcomes: TerminalOutcome[] = []
    for (const r of byId.values()) {
      const status = written.get(r.reservationId)
      if (status === 'confirmed' || status === 'failed')
        outcomes.push({ saleId: r.saleId, kind: 'booking', outcome: status, acceptedAt: r.acceptedAt })
    }
    if (outcomes.length > 0) this.#observer.terminal(outcomes)
  }

  async #charge(request: BookingRequest): Promise<PaymentOutcome> {
    return this.#payments.charge({
      reservationId: request.reservationId,
      userId: request.userId,
      amount: request.amount,
      ...(request.currency ? { currency: request.currency } : {}),
      ...(request.payment.key ? { paymentKey: request.payment.key } : {}),
      ...(request.payment.simulate ? { simulate: request.payment.simulate } : {})
    })
  }

  async #finaliseAll(
    byId: Map<string, BookingRequest>,
    statuses: Map<string, ReservationStatus>,
    skip: ItemFailures
  ): Promise<void> {
    await this.#finaliseMany(
      [...byId.values()]
        .filter((r) => !skip.has(r.reservationId))
        .map((r) => ({ saleId: r.saleId, unitId: r.holdId, status: statuses.get(r.reservationId) })),
      (status) => `reservation ${status}`
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

/** The booking rows of a request: one per seat, the hold's first seat (which carries the amount) first. */
function rowsOf(r: BookingRequest): BookingRow[] {
  const first: BookingRow = {
    reservationId: r.reservationId,
    holdId: r.holdId,
    saleId: r.saleId,
    seatId: r.seatId,
    userId: r.userId,
    amount: r.amount
  }
  return [
    first,
    ...(r.seats ?? []).map((s) => ({
      reservationId: s.reservationId,
      holdId: s.holdId,
      saleId: r.saleId,
      seatId: s.seatId,
      userId: r.userId,
      amount: 0,
      group: r.reservationId
    }))
  ]
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

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>()
  for (const item of items) {
    const list = out.get(key(item))
    if (list) list.push(item)
    else out.set(key(item), [item])
  }
  return out
}

function uniqueBy<T>(items: readonly T[], id: (item: T) => string): Map<string, T> {
  const out = new Map<string, T>()
  for (const item of items) if (!out.has(id(item))) out.set(id(item), item)
  return out
}

/** Runs `work` over `items` with at most `limit` calls in flight. */
export async function forEachLimited<T>(
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
