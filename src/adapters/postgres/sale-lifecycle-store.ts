import type { Pool } from 'pg'
import type { SaleLifecycleStore, TrackedSale } from '../../domain/lifecycle-ports.ts'
import type { SaleStatus } from '../../domain/sale.ts'
import type { SalePhase } from '../../domain/sale-phase.ts'
import { type SaleRow, toSale } from './sale-repository.ts'
import { sql } from './sql.ts'

/** PostgreSQL implementation of {@link SaleLifecycleStore}. */
export class PgSaleLifecycleStore implements SaleLifecycleStore {
  readonly #pool: Pool

  constructor(pool: Pool) {
    this.#pool = pool
  }

  async trackedSales(): Promise<TrackedSale[]> {
    const { rows } = await this.#pool.query<SaleRow & { phase: SalePhase | null; phase_seq: number }>(
      sql('select-lifecycle-sales')
    )
    return rows.map((r) => ({ sale: toSale(r), phase: r.phase, phaseSeq: r.phase_seq }))
  }

  async recordPhase(
    saleId: string,
    seq: number,
    phase: SalePhase,
    atMs: number,
    status?: SaleStatus
  ): Promise<boolean> {
    const { rowCount } = await this.#pool.query(sql('record-sale-phase'), [
      saleId,
      seq,
      phase,
      status ?? null,
      atMs
    ])
    return (rowCount ?? 0) > 0
  }
}
