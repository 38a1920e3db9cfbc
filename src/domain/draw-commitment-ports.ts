/**
 * The ports of the pre-queue's published draw (docs/queue.md, "verifiable draw"): the entrant
 * list committed at sealing, its Merkle root and the ranks drawn, kept in PostgreSQL.
 */

/** A sale's seed record and entrant commitment, as stored. */
export interface StoredDrawCommitment {
  seedHash: string
  /** The seed (revealed to the public only once the entrant commitment is published). */
  seed: string
  /** When the seed and its hash were drawn (the hash is public from then on). */
  seedCreatedAt: Date
  /** The entrant commitment, once prepared at sealing. */
  entrants: {
    root: string
    count: number
    /** The seed hash the draw was made under (always the sale's). */
    seedHash: string
    preparedAt: Date
    /** When the order was applied and the commitment published; null while only prepared. */
    committedAt: Date | null
  } | null
}

/** One entrant of the published list. */
export interface StoredEntrant {
  /** Position in ascending entrant id order: the leaf index. */
  index: number
  entrantId: string
  rank: number
}

/** PostgreSQL: the per-sale entrant key, the commitments and the entrant lists. */
export interface DrawCommitmentRepository {
  /** The sale's secret entrant key (hex), created on first call and never changed after. */
  ensureEntrantKey(saleId: string): Promise<string>
  /**
   * Stores a commitment and its entrants (ascending entrant ids, with their ranks) in one
   * transaction, replacing a prepared one; answers `published` and changes nothing when the
   * sale's commitment is already published.
   */
  prepare(
    saleId: string,
    c: { root: string; seedHash: string; entrantIds: readonly string[]; ranks: readonly number[] }
  ): Promise<'prepared' | 'published'>
  /** Marks the prepared commitment published (idempotent). */
  publish(saleId: string): Promise<void>
  commitment(saleId: string): Promise<StoredDrawCommitment | undefined>
  /** Entrants from index `offset`, at most `limit`, in index order. */
  entrants(saleId: string, offset: number, limit: number): Promise<StoredEntrant[]>
  entrant(saleId: string, entrantId: string): Promise<StoredEntrant | undefined>
}
