import type { LedgerSource, SaleRepository } from '../domain/ports.ts'

/** Entries moved per batch: one PostgreSQL transaction each. */
const BATCH = 500

/**
 * Drains each sale's ledger stream (appended atomically by the inventory scripts) into PostgreSQL:
 * the insert-only stock ledger and the holds table. One process per sale at a time (a lease), in
 * stream order; a replay after a crash is absorbed by the ledger's unique source id.
 */
export class LedgerSink {
  readonly #source: LedgerSource
  readonly #repo: SaleRepository
  readonly #owner: string

  constructor(deps: { source: LedgerSource; repo: SaleRepository; owner: string }) {
    this.#source = deps.source
    this.#repo = deps.repo
    this.#owner = deps.owner
  }

  /** Moves everything currently in the sale's ledger; returns how many entries it moved. */
  async drain(saleId: string): Promise<number> {
    if (!(await this.#source.tryLease(saleId, 'ledger', this.#owner, 10_000))) return 0
    let moved = 0
    for (;;) {
      // Trimmed entries are gone, so reading from the start always yields what is still to move.
      const entries = await this.#source.readLedger(saleId, '0', BATCH)
      if (entries.length === 0) return moved
      await this.#repo.applyLedger(entries)
      await this.#source.trimLedger(saleId, entries[entries.length - 1]!.sourceId)
      moved += entries.length
      if (entries.length < BATCH) return moved
    }
  }
}
