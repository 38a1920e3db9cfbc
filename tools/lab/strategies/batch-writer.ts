import type { Pool } from 'pg'
import { transaction } from '../../../src/adapters/postgres/pool.ts'
import { labSql } from '../lab-sql.ts'
import { now } from '../types.ts'

/** Largest batch of one write, like the pipeline consumer's batches (seed 004: batch the inserts). */
const MAX_BATCH = 500

/**
 * Persists accepted purchases in batches, one transaction each (all the winners waiting, one
 * multi-row INSERT and one relative decrement), with one batch in flight: what queues up during a
 * write becomes the next batch. It stands in for firstcome's booking pipeline, which persists
 * accepted claims the same way, batched, after the buyer got the answer. `onCommit` hears each
 * committed batch, in the order the rows were added, with the commit time.
 */
export class BatchWriter<T extends { buyer: string }> {
  readonly #pool: Pool
  readonly #saleId: string
  readonly #onCommit: (batch: readonly T[], at: number) => void
  #queue: T[] = []
  #inflight: Promise<void> | undefined
  #failure: unknown

  constructor(pool: Pool, saleId: string, onCommit: (batch: readonly T[], at: number) => void) {
    this.#pool = pool
    this.#saleId = saleId
    this.#onCommit = onCommit
  }

  /** Queues accepted purchases; the write starts at once unless a batch is in flight. */
  add(rows: readonly T[]): void {
    for (const r of rows) this.#queue.push(r)
    this.#inflight ??= this.#loop().finally(() => {
      this.#inflight = undefined
    })
  }

  async #loop(): Promise<void> {
    while (this.#queue.length > 0) {
      const batch = this.#queue.splice(0, MAX_BATCH)
      try {
        await transaction(this.#pool, async (client) => {
          await client.query(labSql('insert-purchases'), [this.#saleId, batch.map((b) => b.buyer)])
          await client.query(labSql('decrement-remaining'), [this.#saleId, batch.length])
        })
      } catch (err) {
        this.#failure ??= err
        continue
      }
      this.#onCommit(batch, now())
    }
  }

  /** Resolves once everything added so far is committed; rejects if any batch failed. */
  async drain(): Promise<void> {
    while (this.#inflight) await this.#inflight
    if (this.#failure) throw this.#failure
  }
}
