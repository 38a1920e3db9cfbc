import type { Pool } from 'pg'
import type { OutboxRow, OutboxSource } from '../../domain/pipeline-ports.ts'
import { listenFor } from './listen.ts'
import { transaction } from './pool.ts'
import { sql } from './sql.ts'

/**
 * The outbox table as the relay sees it: batches locked with `FOR UPDATE SKIP LOCKED` for the
 * length of one transaction, and a LISTEN connection that reports new rows.
 */
export class PgOutboxStore implements OutboxSource {
  readonly #pool: Pool
  readonly #url: string

  /** `url` opens the dedicated LISTEN connection (a pooled one could be handed to someone else). */
  constructor(pool: Pool, url: string) {
    this.#pool = pool
    this.#url = url
  }

  /**
   * Locks up to `limit` unpublished rows, hands them to `publish`, and marks them published in the
   * same transaction once it resolves. If `publish` throws, nothing is marked and the locks go:
   * the rows are taken again later (at-least-once). Returns how many rows were published.
   */
  async relayBatch(limit: number, publish: (rows: OutboxRow[]) => Promise<void>): Promise<number> {
    return transaction(this.#pool, async (client) => {
      const { rows } = await client.query<{
        id: string
        topic: string
        message_key: string | null
        payload: unknown
      }>(sql('claim-outbox-batch'), [limit])
      if (rows.length === 0) return 0
      await publish(rows.map((r) => ({ id: r.id, topic: r.topic, key: r.message_key, payload: r.payload })))
      await client.query(sql('mark-outbox-published'), [rows.map((r) => r.id)])
      return rows.length
    })
  }

  /**
   * Calls `onNotify` whenever a transaction that inserted outbox rows commits. Resolves once
   * listening, to a function that stops. A broken connection is reported through `onError` and
   * reopened after a second; the relay's poll covers what is missed meanwhile.
   */
  listen(onNotify: () => void, onError: (err: unknown) => void): Promise<() => Promise<void>> {
    return listenFor(this.#url, 'listen-outbox', 'firstcome-outbox-listen', onNotify, onError)
  }
}
