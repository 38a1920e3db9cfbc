/** The kinds of sale firstcome runs. */
export type SaleKind = 'coupon' | 'seated'

/**
 * Life of a sale: `warming` while its stock is loaded into Redis and verified, `open` for buyers,
 * `paused` by an operator, `closed` when it is over. A sale is visible to buyers only once warm.
 */
export type SaleStatus = 'warming' | 'open' | 'paused' | 'closed'

export interface AdmissionSettings {
  /** Buyers admitted per second from the waiting room. */
  ratePerSec: number
  /** Most buyers admitted at once. */
  maxActive: number
  /** Lifetime of an access token, seconds. */
  accessTtlSec: number
  /** While true no one new is admitted. */
  paused: boolean
  /**
   * Safety-net mode: arrivals pass straight through (admitted at once) while nobody waits and the
   * sale is under `maxActive` and `ratePerSec`; the queue forms only past them and dissolves once
   * drained. Absent (sales stored before it existed) means false.
   */
  safetyNet?: boolean
}

export interface SectionSpec {
  name: string
  rows: number
  seatsPerRow: number
  /** Price in the sale currency's minor unit (KRW and JPY have none: 60000 is 60,000 won). */
  price: number
}

export interface Sale {
  id: string
  name: string
  kind: SaleKind
  /** Units for sale: the coupon quantity, or the number of seats. */
  capacity: number
  perUserLimit: number
  holdTtlSec: number
  opensAt: Date | null
  /** Joins before this are refused (FC_QUEUE_NOT_OPEN); null or absent: the waiting room is open from the start. */
  preQueueOpensAt?: Date | null
  /** The sale closes by itself at this time (the sale-lifecycle worker); null or absent: never. */
  closesAt?: Date | null
  /** Most buyers waiting at once (pre-queue included); a new arrival past it is refused (FC_QUEUE_FULL). */
  maxWaiting?: number | null
  status: SaleStatus
  admission: AdmissionSettings
  challenge: { difficulty: number }
  /** Sections in the order the operator created them (the layout order). */
  sections: SectionSpec[]
  /** ISO 4217 code, upper case: the currency of every price and amount of the sale. */
  currency: string
  /** How long after confirmation a buyer may cancel (seconds); 0: bookings are not cancellable. */
  cancelWindowSec: number
  createdAt: Date
}

/** What an operator asks for when creating a sale: the body of `POST /v1/admin/events`. */
export interface CreateSaleRequest {
  name: string
  kind: SaleKind
  quantity?: number
  seats?: { sections: SectionSpec[] }
  perUserLimit: number
  holdTtlSec?: number
  opensAt?: string
  /** ISO time before `opensAt`: joins before it are refused. */
  preQueueOpensAt?: string
  /** ISO time after `opensAt` (and in the future): the sale closes by itself then. */
  closesAt?: string
  /** Most buyers waiting at once. */
  maxWaiting?: number
  admission: { ratePerSec: number; maxActive: number; accessTtlSec: number; safetyNet?: boolean }
  challenge?: { difficulty: number }
  /** ISO 4217 code, upper case (default: the server's FC_DEFAULT_CURRENCY). */
  currency?: string
  /** Seconds after confirmation during which buyers may cancel; 0 or absent: not cancellable. */
  cancelWindowSec?: number
}

export interface Seat {
  id: string
  section: string
  row: number
  number: number
  price: number
}

export type SeatState = 'available' | 'held' | 'sold'

/** A seat's state as the operator counts it: `pending` (paid for, booking under way) apart from `held`. */
export type SeatStockState = 'available' | 'held' | 'pending' | 'sold'

/** Where a held unit stands. `pending` waits for the booking pipeline. */
export type HoldState = 'held' | 'pending' | 'sold' | 'released' | 'expired'

/** A buyer-visible booking or claim status. */
export type RequestStatus = 'pending' | 'confirmed' | 'failed' | 'expired' | 'cancelled'

export interface Hold {
  id: string
  saleId: string
  seatId: string
  /**
   * Every seat of the hold, `seatId` first: one for a plain hold; a hold of several seats
   * (docs/inventory.md) lists its group's seats on its own unit, and only its first seat on the others.
   */
  seatIds: string[]
  /** The hold's units, one per seat in the order of `seatIds` (its own id first). */
  unitIds: string[]
  userId: string
  state: HoldState
  expiresAt: number
  extensions: number
  reservationId: string | null
}

/** Live counts of one sale's inventory, as Redis sees them. */
export interface StockCounts {
  capacity: number
  available: number
  held: number
  pending: number
  confirmed: number
}

/** The section of a seat id (`${section}-${row}-${number}`; section names have no dash). */
export function sectionOf(seatId: string): string {
  const dash = seatId.indexOf('-')
  return dash < 0 ? seatId : seatId.slice(0, dash)
}

/** Seats built from a sale's sections: rows x seatsPerRow per section. */
export function buildSeatMap(sections: readonly SectionSpec[]): Seat[] {
  const seats: Seat[] = []
  for (const s of sections) {
    for (let row = 1; row <= s.rows; row++) {
      for (let number = 1; number <= s.seatsPerRow; number++) {
        seats.push({ id: `${s.name}-${row}-${number}`, section: s.name, row, number, price: s.price })
      }
    }
  }
  return seats
}
