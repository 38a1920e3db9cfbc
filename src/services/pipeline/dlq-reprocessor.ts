import type {
  DeadLetterEntry,
  DeadLetterRetryPolicy,
  DeadLetterStore,
  PipelinePublisher
} from '../../domain/pipeline-ports.ts'
import { FcError } from '../../errors.ts'
import type { BookingPipeline } from './booking-pipeline.ts'
import { parseBookingRequest, parseClaimRequest } from './pipeline-messages.ts'

/** What a replay did. */
export interface ReplayReport {
  /** Dead letters sent back to their topic. */
  replayed: string[]
  /** Poison left where it is: replaying it can only fail again (give it up instead). */
  skipped: string[]
}

/** What one run of the retry schedule did. */
export interface ScheduledRetryReport {
  /** Dead letters sent back to their topic by this run. */
  replayed: string[]
  /** Unresolved dead letters left for an operator (the cap reached, or poison), after this run. */
  exhausted: number
}

/**
 * The dead-letter reprocessor: replays dead letters to their original topic (after the cause is
 * fixed), or gives one up for good, which releases its stock and tells the buyer. A replayed
 * message that fails again past its retries is given up by the consumer itself.
 */
export class DeadLetterReprocessor {
  readonly #store: DeadLetterStore
  readonly #publisher: PipelinePublisher
  readonly #pipeline: BookingPipeline

  constructor(deps: { store: DeadLetterStore; publisher: PipelinePublisher; pipeline: BookingPipeline }) {
    this.#store = deps.store
    this.#publisher = deps.publisher
    this.#pipeline = deps.pipeline
  }

  list(filter: { saleId?: string; limit: number; includeResolved?: boolean }): Promise<DeadLetterEntry[]> {
    return this.#store.list(filter)
  }

  depth(saleId?: string): Promise<number> {
    return this.#store.depth(saleId)
  }

  /** Replays up to `limit` unresolved dead letters (of one sale, when given), oldest first. */
  async replay(filter: { saleId?: string; limit?: number } = {}): Promise<ReplayReport> {
    const entries = await this.#store.list({
      limit: filter.limit ?? 1000,
      ...(filter.saleId ? { saleId: filter.saleId } : {})
    })
    const report: ReplayReport = { replayed: [], skipped: [] }
    for (const entry of entries) {
      if (entry.reason.startsWith('poison')) {
        report.skipped.push(entry.id)
        continue
      }
      // Published first: a crash in between replays it once more, which the consumer absorbs.
      await this.#publisher.replay(entry, entry.replays + 1)
      await this.#store.resolve(entry.id, 'replayed')
      report.replayed.push(entry.id)
    }
    return report
  }

  /**
   * One run of the automatic retry schedule: replays up to `limit` dead letters whose back-off is
   * over (`baseDelaySec` x 2^replays) and that were replayed fewer than `maxReplays` times. A
   * replay that fails again comes back as a new dead letter with one replay more, so each message
   * is tried at most `maxReplays` times, further and further apart, then left to an operator.
   * Several workers may run it at once: a message replayed twice is absorbed by the pipeline
   * (one booking per seat, one claim per id), as after any redelivery.
   */
  async retryScheduled(policy: DeadLetterRetryPolicy & { limit: number }): Promise<ScheduledRetryReport> {
    const due = await this.#store.listRetryable(policy)
    const replayed: string[] = []
    for (const entry of due) {
      await this.#publisher.replay(entry, entry.replays + 1)
      if (await this.#store.resolve(entry.id, 'replayed')) replayed.push(entry.id)
    }
    return { replayed, exhausted: await this.#store.countExhausted(policy.maxReplays) }
  }

  /**
   * Gives a dead letter up: a booking still pending ends `failed` and its seat returns to stock (one
   * the database already confirmed stays confirmed); a claim is refused and its unit returned.
   */
  async fail(id: string): Promise<DeadLetterEntry> {
    const entry = await this.#store.get(id)
    if (!entry) throw new FcError('FC_NOT_FOUND', 'No such dead letter')
    if (entry.resolvedAt !== null)
      throw new FcError('FC_INVALID_STATE', `This dead letter was already ${entry.resolution}`)
    const bytes = Buffer.from(entry.value, 'base64')
    const reason = 'given up by an operator'
    if (entry.kind === 'booking') {
      const parsed = parseBookingRequest(bytes)
      if (parsed.ok) await this.#pipeline.failBookings([parsed.value], reason)
    } else if (entry.kind === 'claim') {
      const parsed = parseClaimRequest(bytes)
      if (parsed.ok) await this.#pipeline.failClaims([parsed.value], reason)
    }
    await this.#store.resolve(id, 'failed')
    return (await this.#store.get(id)) ?? entry
  }
}
