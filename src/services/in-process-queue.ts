import type { BookingQueue, BookingRequest, ClaimRequest } from '../domain/pipeline-ports.ts'
import type { BookingProcessor } from './booking-processor.ts'

/**
 * A hand-off that finishes bookings inside the API process. It keeps nothing durable: a crash
 * leaves accepted requests pending until the reconciler finds them. The Kafka pipeline replaces it
 * wherever durability matters; it exists for tests and single-process demos.
 */
export class InProcessBookingQueue implements BookingQueue {
  readonly #processor: BookingProcessor
  readonly #inFlight = new Set<Promise<unknown>>()
  readonly #onError: (err: unknown) => void

  constructor(processor: BookingProcessor, onError: (err: unknown) => void = () => {}) {
    this.#processor = processor
    this.#onError = onError
  }

  async publishBooking(request: BookingRequest): Promise<void> {
    this.#track(this.#processor.book(request))
  }

  async publishClaim(request: ClaimRequest): Promise<void> {
    this.#track(this.#processor.issue(request))
  }

  /** Requests handed off and not yet finished. */
  get depth(): number {
    return this.#inFlight.size
  }

  /** Waits until everything handed off so far is finished. */
  async drain(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight])
  }

  #track(p: Promise<unknown>): void {
    const tracked = p.catch(this.#onError).finally(() => this.#inFlight.delete(tracked))
    this.#inFlight.add(tracked)
  }
}
