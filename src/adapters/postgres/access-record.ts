import type { Pool } from 'pg'
import type {
  AccessMode,
  AccessPhase,
  AccessRecord,
  AccessRules,
  AccessSnapshot,
  CodeSpec,
  CodeUsage
} from '../../domain/access-ports.ts'
import { transaction } from './pool.ts'
import { sql } from './sql.ts'

interface CodeRow {
  code_hash: string
  batch_id: string
  kind: CodeSpec['kind']
  max_uses: number
  uses: number
  per_user_limit: number | null
  starts_at: Date | null
  ends_at: Date | null
  created_at: Date
}

/** The access rules, allowlists, hashed codes and redemptions in PostgreSQL: the record. */
export class PgAccessRecord implements AccessRecord {
  readonly #pool: Pool

  constructor(pool: Pool) {
    this.#pool = pool
  }

  async rules(saleId: string): Promise<AccessRules | undefined> {
    const { rows } = await this.#pool.query<{ mode: AccessMode; phases: AccessPhase[] }>(
      sql('select-sale-access'),
      [saleId]
    )
    const row = rows[0]
    return row ? { mode: row.mode, phases: row.phases } : undefined
  }

  async putRules(saleId: string, rules: AccessRules): Promise<void> {
    await this.#pool.query(sql('upsert-sale-access'), [saleId, rules.mode, JSON.stringify(rules.phases)])
  }

  async addAllowed(
    saleId: string,
    entries: ReadonlyArray<{ kind: 'user' | 'email'; value: string }>
  ): Promise<number> {
    const { rowCount } = await this.#pool.query(sql('insert-access-allowlist'), [
      saleId,
      entries.map((e) => e.kind),
      entries.map((e) => e.value)
    ])
    return rowCount ?? 0
  }

  async insertCodes(saleId: string, codes: readonly CodeSpec[]): Promise<void> {
    const first = codes[0]
    if (!first) return
    // One batch shares its settings: one statement for all of its codes.
    await this.#pool.query(sql('insert-access-codes'), [
      saleId,
      first.batchId,
      first.kind,
      first.maxUses,
      first.perUserLimit,
      first.startsAt === null ? null : new Date(first.startsAt),
      first.endsAt === null ? null : new Date(first.endsAt),
      codes.map((c) => c.hash)
    ])
  }

  async recordRedemption(
    saleId: string,
    userId: string,
    hash: string
  ): Promise<'recorded' | 'replay' | 'other' | 'used_up'> {
    return transaction(this.#pool, async (client) => {
      const { rows } = await client.query<{ code_hash: string; fresh: boolean }>(
        sql('insert-access-redemption'),
        [saleId, userId, hash]
      )
      const row = rows[0]
      if (!row) throw new Error(`redemption of ${saleId} by ${userId} was not stored`)
      if (!row.fresh) return row.code_hash === hash ? 'replay' : 'other'
      const used = await client.query(sql('use-access-code'), [saleId, hash])
      // Thrown so the transaction rolls the binding back: the record has no use left for it.
      if (used.rowCount === 0) throw new UsedUp()
      return 'recorded'
    }).catch((err: unknown) => {
      if (err instanceof UsedUp) return 'used_up' as const
      throw err
    })
  }

  async codes(saleId: string): Promise<CodeUsage[]> {
    const { rows } = await this.#pool.query<CodeRow>(sql('select-access-codes'), [saleId])
    return rows.map(usageOf)
  }

  async snapshot(saleId: string): Promise<Omit<AccessSnapshot, 'reserve'>> {
    return transaction(
      this.#pool,
      async (client) => {
        const codes = await client.query<CodeRow>(sql('select-access-codes'), [saleId])
        const bindings = await client.query<{ user_id: string; code_hash: string }>(
          sql('select-access-redemptions'),
          [saleId]
        )
        const allowed = await client.query<{ kind: 'user' | 'email'; value: string }>(
          sql('select-access-allowlist'),
          [saleId]
        )
        return {
          codes: codes.rows.map(usageOf),
          bindings: new Map(bindings.rows.map((r) => [r.user_id, r.code_hash])),
          allowed: allowed.rows.map((r) => `${r.kind === 'user' ? 'u' : 'e'}:${r.value}`)
        }
      },
      'snapshot'
    )
  }
}

class UsedUp extends Error {}

function usageOf(r: CodeRow): CodeUsage {
  return {
    hash: r.code_hash,
    batchId: r.batch_id,
    kind: r.kind,
    maxUses: r.max_uses,
    uses: r.uses,
    perUserLimit: r.per_user_limit,
    startsAt: r.starts_at?.getTime() ?? null,
    endsAt: r.ends_at?.getTime() ?? null,
    createdAt: r.created_at.getTime()
  }
}
