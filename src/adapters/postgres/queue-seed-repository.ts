import { createHash, randomBytes } from 'node:crypto'
import type { Pool } from 'pg'
import type { QueueSeedRepository } from '../../domain/waiting-room-ports.ts'
import { sql } from './sql.ts'

/** Pre-queue shuffle seeds in PostgreSQL (table `queue_seeds`). */
export class PgQueueSeedRepository implements QueueSeedRepository {
  readonly #pool: Pool
  // A seed never changes once stored, so a process may keep it for good.
  readonly #cache = new Map<string, { seed: string; hash: string }>()

  constructor(pool: Pool) {
    this.#pool = pool
  }

  async ensureSeed(saleId: string): Promise<{ seed: string; hash: string }> {
    const hit = this.#cache.get(saleId)
    if (hit) return hit
    const seed = randomBytes(32).toString('hex')
    const hash = createHash('sha256').update(seed).digest('hex')
    // Racing processes each insert their own; ON CONFLICT keeps the first and all read it back.
    await this.#pool.query(sql('insert-queue-seed'), [saleId, seed, hash])
    const { rows } = await this.#pool.query<{ seed: string; seed_hash: string }>(sql('select-queue-seed'), [
      saleId
    ])
    const row = rows[0]
    if (!row) throw new Error(`queue seed of ${saleId} was not stored`)
    const stored = { seed: row.seed, hash: row.seed_hash }
    this.#cache.set(saleId, stored)
    return stored
  }
}
