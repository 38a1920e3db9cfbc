/**
 * The ports of the durable booking pipeline: the API's hand-off to it (`BookingHandoff`), the
 * PostgreSQL side of bookings and coupon claims, the dead-letter record, raw re-publishing for the
 * reprocessor, refunds, and the outbox its relay publishes. Adapters implement them; the pipeline
 * services and workers depend only on these.
 */

/** The reason recorded when confirming would have booked a seat twice (I1). */
export const SEAT_ALREADY_BOOKED = 'seat already booked by another reservation'

/** A reservation's status in the source of truth. */
export type ReservationStatus = 'pending' | 'confirmed' | 'failed' | 'expired' | 'cancelled'

/** An accepted booking, as the pipeline records it. */
export interface BookingRow {
  reservationId: string
  holdId: string
  saleId: string
  seatId: string
  userId: string
  /** What is charged under this reservation id: a hold's whole price on its first row, 0 on the others. */
  amount: number
  /**
   * On the other seats of a hold of several seats: the reservation id of the hold's first seat,
   * which carries the payment, the refund and the buyer's result event for the whole hold. The
   * rows of one group end in the same status, always.
   */
  group?: string
}

/** The reason recorded when part of a hold of several seats was already settled (by the reconciler). */
export const PART_OF_HOLD_SETTLED = 'part of the hold was already settled'

/**
 * The reason recorded when a booking's hold was gone from Redis's reload of its sale (Redis lost
 * the sale after the booking was accepted, before the hold had reached PostgreSQL).
 */
export const HOLD_LOST = 'the hold was lost with the inventory data before the booking was processed'

/** How one reservation ended, with the payment made for it (none when it was never charged). */
export interface BookingOutcome {
  reservationId: string
  status: 'confirmed' | 'failed'
  reason?: string
  payment?: { status: 'approved' | 'declined' | 'timeout'; providerRef?: string }
}

/** A booking in its final state, as written once: the accepted request and how it ended. */
export type SettledBooking = BookingRow & BookingOutcome

/** What {@link BookingStore.begin} found for a batch, before anything is charged. */
export interface BookingStart {
  /** Reservations that already have a row, with its status: a final one is never charged again. */
  recorded: Map<string, ReservationStatus>
  /**
   * Reservations whose seat another reservation already confirmed (I1): they can only fail, so
   * they are failed without being charged.
   */
  seatTaken: Set<string>
}

/** A coupon claim to issue or refuse. */
export interface ClaimRow {
  claimId: string
  saleId: string
  userId: string
}

/** PostgreSQL: reservations, payments, claims and their outbox rows, written set-based and idempotently. */
export interface BookingStore {
  /**
   * Before charging, in one statement: claims each reservation for the booking consumer (its
   * attempt row, the fence the reconciler's stale-pending settlement respects) and reports which
   * ones already have a row (a replay, or one the reconciler settled first) and which seats are
   * already confirmed by another reservation.
   */
  begin(rows: readonly BookingRow[]): Promise<BookingStart>
  /** Forgets the attempts of requests that were never accepted (their publish was refused). */
  discard(reservationIds: readonly string[]): Promise<void>
  /**
   * In one transaction: the reservations in their final state, their payments, one outbox row per
   * reservation written now. A reservation that would be a second confirmed booking of its seat
   * (I1) ends `failed`. Returns each reservation's status afterwards (a replay returns the status
   * recorded before: the first outcome stands).
   */
  settle(bookings: readonly SettledBooking[], at: Date): Promise<Map<string, ReservationStatus>>
  /** Issues coupons (confirmed, with a code) or refuses claims (`failed`), with outbox rows; idempotent. */
  settleClaims(
    claims: readonly ClaimRow[],
    outcome: { status: 'confirmed' } | { status: 'failed'; reason: string },
    at: Date
  ): Promise<Map<string, 'confirmed' | 'failed'>>
}

/** What the pipeline does with a message: a booking request or a coupon claim. */
export type PipelineKind = 'booking' | 'claim' | 'unknown'

/** A message a consumer gave up on, as carried by the dead-letter topic (versioned JSON). */
export interface DeadLetter {
  v: 1
  kind: PipelineKind
  saleId: string | null
  /** Where the message was read from. */
  topic: string
  partition: number
  offset: string
  key: string | null
  /** The message value exactly as received, base64. */
  value: string
  headers: Record<string, string>
  reason: string
  attempts: number
  /** How often it had been replayed before this failure. */
  replays: number
  failedAt: string
}

/** A dead letter as recorded in `failed_events`. */
export interface DeadLetterEntry extends DeadLetter {
  id: string
  resolution: 'replayed' | 'failed' | null
  createdAt: string
  resolvedAt: string | null
}

/** The automatic retry schedule of dead letters, before any operator acts. */
export interface DeadLetterRetryPolicy {
  /** A message replayed this many times is left to an operator. */
  maxReplays: number
  /** The wait before the first replay; doubled for each replay after it. */
  baseDelaySec: number
}

/** A booking or claim that reached its final status in this process (metrics). */
export interface TerminalOutcome {
  saleId: string
  kind: PipelineKind
  outcome: 'confirmed' | 'failed'
  /** When the API accepted it (ms); the time to its final status is measured from here. */
  acceptedAt: number
}

/** Told of every booking and claim the pipeline finishes (metrics; must not throw or block). */
export interface PipelineObserver {
  terminal(outcomes: readonly TerminalOutcome[]): void
}

/** PostgreSQL: the queryable record of dead letters (depth, replay, give-up). */
export interface DeadLetterStore {
  /** Records dead letters; one already recorded (same source position) is skipped. */
  record(letters: readonly DeadLetter[]): Promise<void>
  list(filter: { saleId?: string; limit: number; includeResolved?: boolean }): Promise<DeadLetterEntry[]>
  get(id: string): Promise<DeadLetterEntry | undefined>
  /**
   * Unresolved, non-poison dead letters replayed fewer than `maxReplays` times whose back-off
   * (`baseDelaySec` x 2^replays since they were set aside) is over, oldest first.
   */
  listRetryable(policy: DeadLetterRetryPolicy & { limit: number }): Promise<DeadLetterEntry[]>
  /** Unresolved dead letters no retry will take any more (the cap reached, or poison). */
  countExhausted(maxReplays: number): Promise<number>
  /** Marks one handled; false when it already was (someone else resolved it first). */
  resolve(id: string, resolution: 'replayed' | 'failed'): Promise<boolean>
  /** Unresolved dead letters, of one sale or overall. */
  depth(saleId?: string): Promise<number>
}

/** Sends messages to the pipeline's topics as they are: the dead-letter topic and replays. */
export interface PipelinePublisher {
  /** Publishes dead letters to the dead-letter topic; resolves once the broker acknowledged. */
  deadLetter(letters: readonly DeadLetter[]): Promise<void>
  /** Sends a dead letter's original message back to its topic, marked as replay number `replays`. */
  replay(letter: DeadLetter, replays: number): Promise<void>
}

/** A refund the pipeline owes, as the refund worker takes it. */
export interface DueRefund {
  reservationId: string
  saleId: string
  userId: string
  amount: number
  /** This one included. */
  attempts: number
  /** The approved charge's reference, when the booking recorded one. */
  providerRef: string | null
}

/** Refunds by status. */
export interface RefundCounts {
  due: number
  refunded: number
  nothingCharged: number
}

/**
 * PostgreSQL: the refunds owed for failed reservations that may have been charged. The rows are
 * written with the failed reservation (BookingStore.settle); the refund worker settles them.
 */
export interface RefundStore {
  /** Up to `limit` due refunds, each kept from other workers for `leaseMs`. */
  claimDue(limit: number, leaseMs: number): Promise<DueRefund[]>
  /** Records the provider's answer; a refund already settled keeps its first one. */
  finish(
    reservationId: string,
    outcome: { status: 'refunded'; providerRef: string } | { status: 'nothing_charged' }
  ): Promise<void>
  /** Asks again after `delayMs`; `error` says why (never a secret). */
  retryLater(reservationId: string, error: string, delayMs: number): Promise<void>
  /** Of one sale, or of every sale. */
  counts(saleId?: string): Promise<RefundCounts>
}

/** A confirmed hold handed to the pipeline: one charge, one booking row per seat. */
export interface BookingRequest {
  v: 1
  reservationId: string
  holdId: string
  saleId: string
  seatId: string
  userId: string
  /** What is charged, once, for the whole hold: the sum of its seats' prices. */
  amount: number
  /**
   * A hold of several seats: its other seats, each its own unit and reservation (one booking row
   * per seat), booked together with the first or not at all. Absent for a hold of one seat.
   */
  seats?: BookedSeat[]
  /** The sale's currency (ISO 4217) of `amount`; absent in requests accepted before it was carried. */
  currency?: string
  /** `key`: the buyer's authorisation at the payment provider, when the buyer authorised first. */
  payment: { simulate?: 'approve' | 'decline' | 'timeout'; key?: string }
  acceptedAt: number
}

/** One more seat of a hold of several seats (see {@link BookingRequest.seats}). */
export interface BookedSeat {
  holdId: string
  reservationId: string
  seatId: string
}

/** A coupon claim handed to the pipeline. */
export interface ClaimRequest {
  v: 1
  claimId: string
  saleId: string
  userId: string
  acceptedAt: number
}

/**
 * The hand-off from the API to the booking pipeline. `publish*` resolves only once the request is
 * durably accepted (Kafka: acknowledged by the brokers); if it throws, nothing was accepted and the
 * caller compensates.
 */
export interface BookingHandoff {
  publishBooking(request: BookingRequest): Promise<void>
  publishClaim(request: ClaimRequest): Promise<void>
}

/** One outbox row to publish. */
export interface OutboxRow {
  id: string
  topic: string
  key: string | null
  payload: unknown
}

/** The outbox table (implemented by the PostgreSQL adapter). */
export interface OutboxSource {
  relayBatch(limit: number, publish: (rows: OutboxRow[]) => Promise<void>): Promise<number>
  listen(onNotify: () => void, onError: (err: unknown) => void): Promise<() => Promise<void>>
}

/** Where rows go; resolves once the broker acknowledged every message (an idempotent acks=all producer). */
export interface RelayPublisher {
  send(
    messages: ReadonlyArray<{ topic: string; key?: string; value: unknown; headers?: Record<string, string> }>
  ): Promise<void>
}
