import type { Pool } from 'pg'
import type {
  DeadLetter,
  DeadLetterEntry,
  DeadLetterStore,
  PipelineKind
} from '../../domain/pipeline-ports.ts'
import { sql } from './sql.ts'

interface FailedEventRow {
  id: string
  topic: string
  source_partition: number
  source_offset: string
  message_key: string | null
  payload: DeadLetter
  reason: string
  attempts: number
  sale_id: string | null
  kind: PipelineKind
  replays: number
  resolution: 'replayed' | 'failed' | null
  created_at: Date
  resolved_at: Date | null
}

/** {@link DeadLetterStore} on the `failed_events` table. */
export class PgDeadLetterStore implements DeadLetterStore {
  readonly #pool: Pool

  constructor(pool: Pool) {
    this.#pool = pool
  }

  async record(letters: readonly DeadLetter[]): Promise<void> {
    if (letters.length === 0) return
    const rows = letters.map((l) => ({
      topic: l.topic,
      source_partition: l.partition,
      source_offset: l.offset,
      message_key: l.key,
      payload: l,
      reason: l.reason,
      attempts: l.attempts,
      sale_id: l.saleId,
      kind: l.kind,
      replays: l.replays
    }))
    await this.#pool.query(sql('insert-failed-events'), [JSON.stringify(rows)])
  }

  async list(filter: {
    saleId?: string
    limit: number
    includeResolved?: boolean
  }): Promise<DeadLetterEntry[]> {
    const { rows } = await this.#pool.query<FailedEventRow>(sql('select-failed-events'), [
      filter.saleId ?? null,
      filter.limit,
      filter.includeResolved ?? false
    ])
    return rows.map(toEntry)
  }

  async listRetryable(policy: {
    maxReplays: number
    baseDelaySec: number
    limit: number
  }): Promise<DeadLetterEntry[]> {
    const { rows } = await this.#pool.query<FailedEventRow>(sql('select-retryable-failed-events'), [
      policy.maxReplays,
      policy.baseDelaySec,
      policy.limit
    ])
    return rows.map(toEntry)
  }

  async countExhausted(maxReplays: number): Promise<number> {
    const { rows } = await this.#pool.query<{ depth: number }>(sql('count-exhausted-failed-events'), [
      maxReplays
    ])
    return rows[0]?.depth ?? 0
  }

  async get(id: string): Promise<DeadLetterEntry | undefined> {
    if (!/^[0-9]{1,18}$/.test(id)) return undefined
    const { rows } = await this.#pool.query<FailedEventRow>(sql('select-failed-event'), [id])
    return rows[0] ? toEntry(rows[0]) : undefined
  }

  async resolve(id: string, resolution: 'replayed' | 'failed'): Promise<boolean> {
    const { rowCount } = await this.#pool.query(sql('resolve-failed-event'), [id, resolution])
    return (rowCount ?? 0) > 0
  }

  async depth(saleId?: string): Promise<number> {
    const { rows } = await this.#pool.query<{ depth: number }>(sql('count-failed-events'), [saleId ?? null])
    return rows[0]?.depth ?? 0
  }
}

function toEntry(row: FailedEventRow): DeadLetterEntry {
  return {
    ...row.payload,
    id: String(row.id),
    resolution: row.resolution,
    createdAt: row.created_at.toISOString(),
    resolvedAt: row.resolved_at?.toISOString() ?? null
  }
}
