import type {
  LedgerDeadLetter,
  LedgerDeadLetterStore,
  LedgerEntry,
  LedgerSource
} from '../../domain/inventory-ports.ts'
import type { SaleRepository } from '../../domain/sale-ports.ts'
import { FcError, isFcError } from '../../errors.ts'

/** Entries moved per batch: one PostgreSQL transaction each. */
const BATCH = 500

/** True when PostgreSQL refused the entries for good (see `SaleRepository.applyLedger`). */
function refused(err: unknown): err is FcError {
  return isFcError(err, 'FC_INVALID_STATE') && !err.canRetry
}

/**
 * Drains each sale's ledger stream (appended atomically by the inventory scripts) into PostgreSQL's
 * holds table, one row per unit in the state its latest entry left it. One process per sale at a
 * time (a lease), in stream order; a replay after a crash sets nothing back, as each row keeps the
 * position of the last entry applied to it (docs/inventory.md).
 *
 * An entry PostgreSQL refuses for good (a constraint, e.g. a seat whose row in PostgreSQL still
 * has a live holder that Redis no longer has) is set aside as a ledger dead letter with the reason,
 * and the entries behind it go on: one such entry used to fail its batch on every drain, which
 * stopped every later change of the sale, and the reconciler with it (it drains first). Entries
 * are then applied one by one, in order, so only the refused ones are set aside. Any other failure
 * (PostgreSQL down) leaves the stream as it is for the next drain.
 */
export class LedgerSink {
  readonly #source: LedgerSource
  readonly #repo: SaleRepository
  readonly #owner: string
  readonly #deadLetters: LedgerDeadLetterStore
  readonly #onDeadLetter: (entry: LedgerEntry, reason: string) => void

  constructor(deps: {
    source: LedgerSource
    repo: SaleRepository
    owner: string
    deadLetters: LedgerDeadLetterStore
    /** Told of each entry set aside (the runtime logs it). */
    onDeadLetter?: (entry: LedgerEntry, reason: string) => void
  }) {
    this.#source = deps.source
    this.#repo = deps.repo
    this.#owner = deps.owner
    this.#deadLetters = deps.deadLetters
    this.#onDeadLetter = deps.onDeadLetter ?? (() => {})
  }

  /** Moves everything currently in the sale's ledger; returns how many entries it moved. */
  async drain(saleId: string): Promise<number> {
    if (!(await this.#source.tryLease(saleId, 'ledger', this.#owner, 10_000))) return 0
    let moved = 0
    for (;;) {
      // Trimmed entries are gone, so reading from the start always yields what is still to move.
      const entries = await this.#source.readLedger(saleId, '0', BATCH)
      if (entries.length === 0) return moved
      await this.#apply(entries)
      await this.#source.trimLedger(saleId, entries[entries.length - 1]!.sourceId)
      moved += entries.length
      if (entries.length < BATCH) return moved
    }
  }

  /** One batch in one transaction; if PostgreSQL refuses it, entry by entry, refused ones set aside. */
  async #apply(entries: readonly LedgerEntry[]): Promise<void> {
    try {
      await this.#repo.applyLedger(entries)
      return
    } catch (err) {
      if (!refused(err)) throw err
    }
    for (const entry of entries) {
      try {
        await this.#repo.applyLedger([entry])
      } catch (err) {
        if (!refused(err)) throw err
        await this.#deadLetters.record(entry, err.message)
        this.#onDeadLetter(entry, err.message)
      }
    }
  }

  /** Refused entries waiting for an operator (or handled, with `includeResolved`). */
  list(filter: { saleId?: string; limit: number; includeResolved?: boolean }): Promise<LedgerDeadLetter[]> {
    return this.#deadLetters.list(filter)
  }

  /** Unresolved refused entries, of one sale or of all. */
  depth(saleId?: string): Promise<number> {
    return this.#deadLetters.depth(saleId)
  }

  /**
   * Applies a refused entry again (after an operator repaired what stood in its way): resolved as
   * `replayed` when PostgreSQL takes it now, else 409 FC_INVALID_STATE with the reason, unchanged.
   */
  async replay(id: string): Promise<LedgerDeadLetter> {
    const letter = await this.#waiting(id)
    await this.#repo.applyLedger([letter.entry])
    await this.#deadLetters.resolve(id, 'replayed')
    return { ...letter, resolution: 'replayed', resolvedAt: new Date().toISOString() }
  }

  /** Gives a refused entry up: PostgreSQL stays as it is, and the reconciler may repair Redis from it. */
  async dismiss(id: string): Promise<LedgerDeadLetter> {
    const letter = await this.#waiting(id)
    await this.#deadLetters.resolve(id, 'dismissed')
    return { ...letter, resolution: 'dismissed', resolvedAt: new Date().toISOString() }
  }

  async #waiting(id: string): Promise<LedgerDeadLetter> {
    const letter = await this.#deadLetters.get(id)
    if (!letter) throw new FcError('FC_NOT_FOUND', 'No such ledger dead letter')
    if (letter.resolution !== null)
      throw new FcError('FC_INVALID_STATE', `This ledger dead letter was ${letter.resolution} already`)
    return letter
  }
}
