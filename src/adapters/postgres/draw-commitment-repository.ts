import { randomBytes } from 'node:crypto'
import type { Pool } from 'pg'
import type {
  DrawCommitmentRepository,
  StoredDrawCommitment,
  StoredEntrant
} from '../../domain/draw-commitment-ports.ts'
import { transaction } from './pool.ts'
import { sql } from './sql.ts'

/** The pre-queue's published draw in PostgreSQL (tables of migration 0047). */
export class PgDrawCommitmentRepository implements DrawCommitmentRepository {
  readonly #pool: Pool
  // A key never changes once stored, so a process may keep it for good.
  readonly #keys = new Map<string, string>()

  constructor(pool: Pool) {
    this.#pool = pool
  }

  async ensureEntrantKey(saleId: string): Promise<string> {
    const hit = this.#keys.get(saleId)
    if (hit) return hit
    // Racing processes each insert their own; ON CONFLICT keeps the first and all read it back.
    await this.#pool.query(sql('insert-entrant-key'), [saleId, randomBytes(32).toString('hex')])
    const { rows } = await this.#pool.query<{ entrant_key: string }>(sql('select-entrant-key'), [saleId])
    const key = rows[0]?.entrant_key
    if (!key) throw new Error(`entrant key of ${saleId} was not stored`)
    this.#keys.set(saleId, key)
    return key
  }

  prepare(
    saleId: string,
    c: { root: string; seedHash: string; entrantIds: readonly string[]; ranks: readonly number[] }
  ): Promise<'prepared' | 'published'> {
    return transaction(this.#pool, async (client) => {
      const up = await client.query(sql('upsert-draw-commitment'), [
        saleId,
        c.root,
        c.entrantIds.length,
        c.seedHash
      ])
      if (up.rowCount === 0) return 'published'
      await client.query(sql('delete-draw-entrants'), [saleId])
      if (c.entrantIds.length > 0)
        await client.query(sql('insert-draw-entrants'), [saleId, c.entrantIds, c.ranks])
      return 'prepared'
    })
  }

  async publish(saleId: string): Promise<void> {
    await this.#pool.query(sql('publish-draw-commitment'), [saleId])
  }

  async commitment(saleId: string): Promise<StoredDrawCommitment | undefined> {
    const { rows } = await this.#pool.query<{
      seed: string
      seed_hash: string
      seed_created_at: Date
      root: string | null
      entrant_count: number | null
      drawn_under: string | null
      prepared_at: Date | null
      committed_at: Date | null
    }>(sql('select-draw-commitment'), [saleId])
    const r = rows[0]
    if (!r) return undefined
    return {
      seedHash: r.seed_hash,
      seed: r.seed,
      seedCreatedAt: r.seed_created_at,
      entrants:
        r.root !== null && r.entrant_count !== null && r.drawn_under !== null && r.prepared_at !== null
          ? {
              root: r.root,
              count: r.entrant_count,
              seedHash: r.drawn_under,
              preparedAt: r.prepared_at,
              committedAt: r.committed_at
            }
          : null
    }
  }

  async entrants(saleId: string, offset: number, limit: number): Promise<StoredEntrant[]> {
    const { rows } = await this.#pool.query<{ idx: number; entrant_id: string; rank: number }>(
      sql('select-draw-entrants'),
      [saleId, offset, limit]
    )
    return rows.map((r) => ({ index: r.idx, entrantId: r.entrant_id, rank: r.rank }))
  }

  async entrant(saleId: string, entrantId: string): Promise<StoredEntrant | undefined> {
    const { rows } = await this.#pool.query<{ idx: number; rank: number }>(sql('select-draw-entrant'), [
      saleId,
      entrantId
    ])
    const r = rows[0]
    return r ? { index: r.idx, entrantId, rank: r.rank } : undefined
  }
}
