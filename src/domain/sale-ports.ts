/**
 * The ports of sales: the source of truth for a sale's definition and its stock ledger
 * (PostgreSQL), and the numbers the sale service reports without owning them.
 */
import type { InventorySnapshot, LedgerEntry } from './inventory-ports.ts'
import type { RefundCounts } from './pipeline-ports.ts'
import type { AdmissionSettings, Sale, SaleStatus, Seat } from './sale.ts'
import type { QueueCounts } from './waiting-room-ports.ts'

/** The seats, units and users named by a sale's ledger entries after a given one. */
export interface LedgerChanges {
  seats: ReadonlySet<string>
  units: ReadonlySet<string>
  users: ReadonlySet<string>
}

/** A sale and its seat map, for the request path's cache. */
export interface SaleDefinition {
  sale: Sale
  /**
   * The seat map (with the capacity it gives the sale), or absent when the caller's
   * `knownVersion` still names it: the caller keeps its copy and its capacity.
   */
  seats?: Seat[]
  /** Names this seat map; absent when the sale must be read in full each time (coupons, withdrawn seats). */
  version?: string
}

/** PostgreSQL: the source of truth for sales, seats, holds, bookings and the stock ledger. */
export interface SaleRepository {
  createSale(sale: Sale, seats: readonly Seat[]): Promise<void>
  getSale(saleId: string): Promise<Sale | undefined>
  listSales(statuses: readonly SaleStatus[]): Promise<Sale[]>
  /** The newest sales first, in any of `statuses` (any status when undefined), at most `limit`. */
  recentSales(statuses: readonly SaleStatus[] | undefined, limit: number): Promise<Sale[]>
  setStatus(saleId: string, status: SaleStatus): Promise<void>
  updateAdmission(saleId: string, admission: AdmissionSettings): Promise<void>
  loadSnapshot(saleId: string): Promise<InventorySnapshot | undefined>
  /**
   * The sale and its seat map as {@link loadSnapshot} gives them (the same capacity and seats),
   * without reading its live units when no seat is withdrawn: what the request path caches. Given
   * the `version` of an earlier answer, an unchanged seat map is not read again (`seats` absent).
   */
  loadDefinition(saleId: string, knownVersion?: string): Promise<SaleDefinition | undefined>
  /**
   * Applies ledger entries in order, idempotently (a replayed sourceId changes nothing), all or
   * none. Throws FC_INVALID_STATE (canRetry false) when PostgreSQL refuses one for good (a
   * constraint, a value it cannot store): trying the same entries again cannot succeed.
   */
  applyLedger(entries: readonly LedgerEntry[]): Promise<void>
  /**
   * What the sale's recorded ledger entries after the one with stream id `sourceId` name (every
   * entry's when that one is not recorded, e.g. '0-0').
   */
  ledgerChangesSince(saleId: string, sourceId: string): Promise<LedgerChanges>
}

/** Numbers about the pipeline that the sale service does not own (queue, dead letters, lag). */
export interface PipelineStats {
  queue(saleId: string): Promise<QueueCounts>
  dlqDepth(saleId: string): Promise<number>
  consumerLag(): Promise<number>
  ledgerBacklog(saleId: string): Promise<number>
  ledgerDeadLetters(saleId: string): Promise<number>
  refunds(saleId: string): Promise<RefundCounts>
}
