/**
 * The booking hand-off for tests that run without a broker: published requests go straight into
 * the real pipeline's batch processing (`BookingPipeline.processBookings` / `processClaims`) in
 * this process, in batches of what arrived meanwhile, one batch of each kind at a time, as a
 * consumer takes them from Kafka. The same SQL and the same invariants as production (the I1
 * index, the outbox row, Redis finalised only after the commit); what it leaves out is Kafka
 * itself: no retries, no dead letters. A request whose processing failed stays pending (the
 * reconciler's case) and is kept in `failures`.
 */

import type { BookingHandoff, BookingRequest, ClaimRequest } from '../../src/domain/pipeline-ports.ts'
import type { BookingPipeline } from '../../src/services/pipeline/booking-pipeline.ts'

/** Requests per batch, as a consumer's `maxBatchSize`. */
const BATCH = 500

export class DirectHandoff implements BookingHandoff {
  readonly #pipeline: BookingPipeline
  readonly #bookings: BookingRequest[] = []
  readonly #claims: ClaimRequest[] = []
  #running: Promise<void> | undefined
  /** Failures of processing so far, by request id (a payment call that threw, PostgreSQL down). */
  readonly failures = new Map<string, unknown>()

  constructor(pipeline: BookingPipeline) {
    this.#pipeline = pipeline
  }

  async publishBooking(request: BookingRequest): Promise<void> {
    this.#bookings.push(request)
    this.#start()
  }

  async publishClaim(request: ClaimRequest): Promise<void> {
    this.#claims.push(request)
    this.#start()
  }

  /** Waits until everything handed off so far is finished. */
  async drain(): Promise<void> {
    while (this.#running) await this.#running
  }

  #start(): void {
    this.#running ??= this.#run().finally(() => {
      this.#running = undefined
    })
  }

  async #run(): Promise<void> {
    while (this.#bookings.length > 0 || this.#claims.length > 0) {
      const bookings = this.#bookings.splice(0, BATCH)
      const claims = this.#claims.splice(0, BATCH)
      await Promise.all([
        this.#batch(
          bookings.map((r) => r.reservationId),
          () => this.#pipeline.processBookings(bookings)
        ),
        this.#batch(
          claims.map((r) => r.claimId),
          () => this.#pipeline.processClaims(claims)
        )
      ])
    }
  }

  async #batch(ids: string[], process: () => Promise<Map<string, unknown>>): Promise<void> {
    if (ids.length === 0) return
    try {
      for (const [id, err] of await process()) this.failures.set(id, err)
    } catch (err) {
      for (const id of ids) this.failures.set(id, err)
    }
  }
}

/** For `createRuntime(config, { handoff: directHandoff })`. */
export const directHandoff = (pipeline: BookingPipeline): DirectHandoff => new DirectHandoff(pipeline)
