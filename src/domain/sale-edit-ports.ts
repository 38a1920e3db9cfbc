/**
 * The ports of editing a running sale: the source of truth that records an edit and its audit row
 * in one transaction (PostgreSQL), and the inventory core that applies the same edit atomically
 * with holds and claims (one Redis script). docs/api.md, "Editing a running sale".
 */
import type { AdmissionSettings, Sale, SaleStatus, Seat, SectionSpec } from './sale.ts'

/** One accepted edit as the audit log keeps it: who, when, what, and the fields before and after. */
export interface AuditEntry {
  id: string
  saleId: string
  /** The admin token's subject. */
  actor: string
  /** `settings`, `admission`, `stock` or `status`. */
  action: string
  before: Record<string, unknown>
  after: Record<string, unknown>
  at: Date
}

/** What an edit changes in PostgreSQL (only the fields given change). */
export interface SaleChange {
  action: string
  before: Record<string, unknown>
  after: Record<string, unknown>
  perUserLimit?: number
  holdTtlSec?: number
  admission?: AdmissionSettings
  /** The whole new sections list (layout order), when prices or rows changed or sections were added. */
  sections?: SectionSpec[]
  /** New prices of existing sections' seats. */
  prices?: ReadonlyMap<string, number>
  /** Units for sale: the coupon quantity, or the seated sale's seats that are not withdrawn. */
  capacity?: number
  /** Coupon sales: the new quantity (what the inventory core checks against what is taken). */
  quantity?: number
  status?: SaleStatus
  /** When the sale closes by itself (null: no planned close); absent: unchanged. */
  closesAt?: Date | null
  addSeats?: readonly Seat[]
  withdrawSeats?: readonly string[]
}

/** What the inventory core is asked to apply; every field optional. */
export interface InventoryEdit {
  saleId: string
  actor: string
  limit?: number
  holdTtlMs?: number
  /** Coupon sales: the new quantity. */
  capacity?: number
  addSeats?: readonly string[]
  withdrawSeats?: readonly string[]
}

/** Why the inventory core refused an edit (nothing changed). */
export type InventoryEditRefusal =
  | { refusal: 'not_warm' }
  /** A buyer holds or owns more than the new limit: `owned` is the most any buyer has. */
  | { refusal: 'limit_below_owned'; owned: number }
  /** Fewer units than are held, pending and sold: `taken` is how many are. */
  | { refusal: 'capacity_below_taken'; taken: number }
  | { refusal: 'seat_sold'; seatId: string }
  | { refusal: 'seat_unknown'; seatId: string }
  | { refusal: 'seat_exists'; seatId: string }

/** What the inventory core did: the ledger entry recording it, and how the withdrawn seats went. */
export interface InventoryEditDone {
  /** The edit's entry in the sale's ledger stream. */
  ledgerId: string
  /** Withdrawn seats that were free: gone now. */
  withdrawnNow: number
  /** Withdrawn seats that were held or pending: gone when their hold ends. */
  withdrawnLater: number
}

export type InventoryEditResult = ({ ok: true } & InventoryEditDone) | ({ ok: false } & InventoryEditRefusal)

/** The inventory core's side of an edit. */
export interface InventoryEditor {
  editSale(edit: InventoryEdit): Promise<InventoryEditResult>
}

/** PostgreSQL's side of an edit, and the audit log. */
export interface SaleEditStore {
  /**
   * One transaction holding the sale's row lock (edits of one sale run one at a time): `plan`
   * decides the change from the sale as stored (and throws to refuse), the change and its audit
   * row are written, then `apply` runs the inventory side. Commits only if `apply` resolves;
   * the ledger entry `apply` returns is recorded in the same transaction (so the ledger sink and
   * the reconciler see the edit's entry only once the edit is committed).
   */
  edit<T extends { ledgerId: string } | undefined>(
    saleId: string,
    actor: string,
    plan: (sale: Sale, seats: SeatIndex) => SaleChange,
    apply: (change: SaleChange) => Promise<T>
  ): Promise<{ entry: AuditEntry; result: T }>
  /** One page of a sale's audit log, newest first; `before` is an entry id (the previous page's last). */
  audit(saleId: string, page: { limit: number; before?: string }): Promise<AuditEntry[]>
}

/** A seated sale's seats as stored, for planning an edit: live ones (not withdrawn) by section. */
export interface SeatIndex {
  /** Every seat id the sale has ever had (withdrawn ones too: an id is never reused). */
  all: ReadonlySet<string>
  /** Seat ids not withdrawn, by section. */
  liveBySection: ReadonlyMap<string, readonly string[]>
  /** Rows per section (the highest row number). */
  rows: ReadonlyMap<string, number>
}
