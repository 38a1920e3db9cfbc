/**
 * The outbox relay: publishes the rows the pipeline wrote to `outbox` (in the same transaction as
 * the outcome they announce) to their topic, then marks them published.
 *
 * Latency (seed 001 lines 11-103 and 6670-6709: a polling relay delays every message by up to its
 * poll period, and a single-threaded relay falls behind under bursts): the relay sleeps on
 * PostgreSQL LISTEN, woken by a statement trigger on `outbox` whose NOTIFY is delivered when the
 * writing transaction commits; a slow poll (1 s) only covers missed notifications (a dropped
 * LISTEN connection). Chosen over an in-process nudge because the writer (booking consumer) and
 * the relay may live in different processes, and over log tailing (Debezium) because it needs no
 * extra service. Throughput: batches of up to 500 rows, one produce request each; several relays
 * may run (`FOR UPDATE SKIP LOCKED`), each taking rows no other live relay holds.
 *
 * Delivery is at-least-once: a relay that dies after the broker acknowledged but before its commit
 * leaves the rows unpublished, and they go out again. Receivers dedupe by the event's id. Order is
 * per batch only (two relays may overtake each other); results are per request, so none is needed.
 */

import type { OutboxSource, RelayPublisher } from '../domain/pipeline-ports.ts'

/** The Kafka header carrying the outbox row id, for tracing a message back to its row. */
export const OUTBOX_ID_HEADER = 'fc-outbox-id'

/** Options of {@link OutboxRelay}. */
export interface OutboxRelayOptions {
  source: OutboxSource
  publisher: RelayPublisher
  /** Rows per batch and transaction (default 500). */
  batchSize?: number
  /** Poll period when no notification arrives, ms (default 1000). */
  pollMs?: number
  /** Told about failed batches (retried at the next wake-up or poll) and LISTEN trouble. */
  onError?: (err: unknown) => void
}

/** Publishes the outbox; `start()` runs it in the background, `runOnce()` drains it now. */
export class OutboxRelay {
  readonly #source: OutboxSource
  readonly #publisher: RelayPublisher
  readonly #batchSize: number
  readonly #pollMs: number
  readonly #onError: (err: unknown) => void
  #unlisten: (() => Promise<void>) | undefined
  #timer: NodeJS.Timeout | undefined
  #running: Promise<void> | undefined
  #again = false
  #stopped = true
  #stopping = false
  /** Rows this relay published since it was made. */
  published = 0

  constructor(options: OutboxRelayOptions) {
    this.#source = options.source
    this.#publisher = options.publisher
    this.#batchSize = options.batchSize ?? 500
    this.#pollMs = options.pollMs ?? 1000
    this.#onError = options.onError ?? (() => undefined)
  }

  /** Starts listening and polling; resolves once the LISTEN connection is up. */
  async start(): Promise<void> {
    if (!this.#stopped) return
    this.#stopped = false
    this.#stopping = false
    this.#unlisten = await this.#source.listen(() => this.#wake(), this.#onError)
    this.#poll()
  }

  /** Stops, waiting for the batch in hand to be published and committed. */
  async stop(): Promise<void> {
    this.#stopped = true
    this.#stopping = true
    clearTimeout(this.#timer)
    await this.#unlisten?.()
    this.#unlisten = undefined
    await this.#running
  }

  /** Publishes batches until one comes back short; returns how many rows went out. */
  async runOnce(): Promise<number> {
    let total = 0
    for (;;) {
      const n = await this.#source.relayBatch(this.#batchSize, (rows) =>
        this.#publisher.send(
          rows.map((r) => ({
            topic: r.topic,
            ...(r.key === null ? {} : { key: r.key }),
            value: r.payload,
            headers: { [OUTBOX_ID_HEADER]: r.id }
          }))
        )
      )
      total += n
      this.published += n
      if (n < this.#batchSize || this.#stopping) return total
    }
  }

  #poll(): void {
    if (this.#stopped) return
    this.#timer = setTimeout(() => {
      this.#wake()
      this.#poll()
    }, this.#pollMs)
    this.#timer.unref()
  }

  /** Runs now, or once more right after the run in progress (a notification arrived meanwhile). */
  #wake(): void {
    if (this.#stopped) return
    if (this.#running) {
      this.#again = true
      return
    }
    this.#running = this.runOnce()
      .then(
        () => undefined,
        (err: unknown) => this.#onError(err)
      )
      .finally(() => {
        this.#running = undefined
        if (this.#again) {
          this.#again = false
          this.#wake()
        }
      })
  }
}
