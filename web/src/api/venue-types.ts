/**
 * The shapes of the venue-scale routes (docs/step 2 contract): the static layout, the compact
 * state, its delta stream, multi-seat holds and money. Structural, so the web app builds against
 * the contract whatever the server's own type names are.
 */
import type { HoldResponse, PublicSale } from '../../../src/http/api-types.ts'

/** The currency a sale without one is in (the server's default, FC_DEFAULT_CURRENCY). */
export const DEFAULT_CURRENCY = 'KRW'

export type SaleView = PublicSale & { currency?: string; currencyDigits?: number }

export const currencyOf = (x: { currency?: unknown }): string =>
  typeof x.currency === 'string' && x.currency !== '' ? x.currency : DEFAULT_CURRENCY

export interface LayoutSection {
  name: string
  /** Minor units of the sale's currency. */
  price: number
  rows: number
  seatsPerRow: number
  /** Index of the section's first seat in layout order. */
  offset: number
}

export interface SeatLayout {
  saleId: string
  currency: string
  seatCount: number
  sections: LayoutSection[]
}

/** One character per seat in layout order. */
export type SeatCode = 'a' | 'h' | 's'

export interface SeatStateBody {
  saleId?: string
  version: string
  states: string
}

export interface SeatDelta {
  from: string
  version: string
  changes: [number, SeatCode][]
}

/** `POST /v1/events/:id/holds` by ids or best available. */
export type HoldRequest =
  | { seatId: string }
  | { seatIds: string[] }
  | { section: string; quantity: number; adjacent?: boolean }

export type MultiHoldResponse = HoldResponse & { seatIds?: string[]; amount?: number; currency?: string }

export interface SectionStats {
  name: string
  price: number
  capacity: number
  available: number
  held: number
  pending: number
  sold: number
}
