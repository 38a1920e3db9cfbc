import type { Pool } from 'pg'
import type { LedgerDeadLetter, LedgerDeadLetterStore, LedgerEntry } from '../../domain/inventory-ports.ts'
import { sql } from './sql.ts'

interface LedgerDeadLetterRow {
  id: string
  sale_id: string
  source_id: string
  entry: LedgerEntry
  reason: string
  resolution: 'replayed' | 'dismissed' | null
  created_at: Date
  resolved_at: Date | null
}

/** {@link LedgerDeadLetterStore} on the `ledger_dead_letters` table. */
export class PgLedgerDeadLetterStore implements LedgerDeadLetterStore {
  readonly #pool: Pool

  constructor(pool: Pool) {
    this.#pool = pool
  }

  async record(entry: LedgerEntry, reason: string): Promise<void> {
    await this.#pool.query(sql('insert-ledger-dead-letter'), [
      entry.saleId,
      entry.sourceId,
      JSON.stringify(entry),
      reason
    ])
  }

  async list(filter: {
    saleId?: string
    limit: number
    includeResolved?: boolean
  }): Promise<LedgerDeadLetter[]> {
    const { rows } = await this.#pool.query<LedgerDeadLetterRow>(sql('select-ledger-dead-letters'), [
      filter.saleId ?? null,
      filter.limit,
      filter.includeResolved ?? false
    ])
    return rows.map(toDeadLetter)
  }

  async get(id: string): Promise<LedgerDeadLetter | undefined> {
    if (!/^[0-9]{1,18}$/.test(id)) return undefined
    const { rows } = await this.#pool.query<LedgerDeadLetterRow>(sql('select-ledger-dead-letter'), [id])
    return rows[0] ? toDeadLetter(rows[0]) : undefined
  }

  async resolve(id: string, resolution: 'replayed' | 'dismissed'): Promise<boolean> {
    const { rowCount } = await this.#pool.query(sql('resolve-ledger-dead-letter'), [id, resolution])
    return (rowCount ?? 0) > 0
  }

  async depth(saleId?: string): Promise<number> {
    const { rows } = await this.#pool.query<{ depth: number }>(sql('count-ledger-dead-letters'), [
      saleId ?? null
    ])
    return rows[0]?.depth ?? 0
  }
}

function toDeadLetter(row: LedgerDeadLetterRow): LedgerDeadLetter {
  return {
    id: String(row.id),
    saleId: row.sale_id,
    sourceId: row.source_id,
    entry: row.entry,
    reason: row.reason,
    resolution: row.resolution,
    createdAt: row.created_at.toISOString(),
    resolvedAt: row.resolved_at?.toISOString() ?? null
  }
}
