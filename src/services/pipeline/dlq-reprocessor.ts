import type { DeadLetterEntry, DeadLetterStore, PipelinePublisher } from '../../domain/pipeline-ports.ts'
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
