/**
 * The JSON shapes of the HTTP API v1 as clients see them (see `../shared/DESIGN.md`). Types only:
 * the web app (`web/`) and the server share them, so a renamed field breaks the build of both.
 * Request bodies are validated by the TypeBox schemas in the routes; these describe answers.
 */

import type { SaleReport } from '../domain/report-ports.ts'
import type {
  CreateSaleRequest,
  RequestStatus,
  SaleKind,
  SaleStatus,
  SeatState,
  SectionSpec
} from '../domain/sale.ts'
import type { ErrorCode } from '../errors.ts'

export type { CreateSaleRequest, ErrorCode, RequestStatus, SaleKind, SaleStatus, SeatState, SectionSpec }

/** Every error answer. */
export interface ApiErrorBody {
  statusCode: number
  code: ErrorCode
  error: string
  message: string
  details?: unknown
}

/** `POST /v1/dev/token` */
export interface DevTokenResponse {
  token: string
}

/** `GET /v1/events/:id` */
export interface PublicSale {
  id: string
  name: string
  kind: SaleKind
  status: SaleStatus
  opensAt: string | null
  capacity: number
  remaining: number
  perUserLimit: number
  holdTtlSec: number
  challenge: { difficulty: number }
  /** In the order the operator created them (the layout order). */
  sections: SectionSpec[]
  /** ISO 4217 code of every price and amount of the sale (prices are integers in its minor unit). */
  currency: string
  /** Digits of the currency's minor unit: KRW 0, JPY 0, USD 2 (a price of 1999 USD is 19.99). */
  currencyDigits: number
  /** Seconds after confirmation during which buyers may cancel; 0: not cancellable. */
  cancelWindowSec: number
  /** True where a confirm may carry `payment.simulate` (development and test profiles only). */
  simulatedPayments?: boolean
}

/** One seat of `GET /v1/events/:id/seats`. */
export interface SeatView {
  id: string
  section: string
  row: number
  number: number
  /** Minor units of the sale's currency (`PublicSale.currency`). */
  price: number
  state: SeatState
}
export interface SeatsResponse {
  seats: SeatView[]
}

export interface AdmissionSettingsView {
  ratePerSec: number
  maxActive: number
  accessTtlSec: number
  paused: boolean
}

/** The answer to `POST /v1/admin/events`. */
export interface CreatedSale {
  id: string
  name: string
  kind: SaleKind
  status: SaleStatus
  capacity: number
  perUserLimit: number
  holdTtlSec: number
  opensAt: string | null
  admission: AdmissionSettingsView
  challenge: { difficulty: number }
  /** In the order the operator created them. */
  sections: SectionSpec[]
  /** ISO 4217 code of every price and amount of the sale. */
  currency: string
  /** Digits of the currency's minor unit (KRW 0, USD 2). */
  currencyDigits: number
  createdAt: string
}

/** `GET /v1/admin/events?status=&limit=`: the newest sales first, each as `POST` answered it. */
export interface AdminSaleList {
  events: CreatedSale[]
}

/** One section of `GET /v1/admin/events/:id/stats`: its seats by state (pending = paid for, booking under way). */
export interface SectionStatsView {
  name: string
  /** Minor units of the sale's currency. */
  price: number
  capacity: number
  available: number
  held: number
  pending: number
  sold: number
}

/** `GET /v1/admin/events/:id/stats`; more fields may come, so every extra is optional. */
export interface SaleStatsResponse {
  queue: { waiting: number; admitted: number; active: number; [more: string]: unknown }
  stock: { capacity: number; available: number; held: number; pending: number; confirmed: number }
  dlq: number
  consumerLag: number
  ledgerBacklog?: number
  /** Ledger entries PostgreSQL refused, waiting for an operator (`/v1/admin/ledger-dead-letters`). */
  ledgerDeadLetters?: number
  /** Refunds owed for the sale's failed reservations that may have been charged, by status. */
  refunds?: { due: number; refunded: number; nothingCharged: number }
  warm?: boolean
  /** ISO 4217 code of `revenue` and the section prices. */
  currency?: string
  currencyDigits?: number
  /** Seated sales: sections in the order the operator created them; [] for a coupon sale. */
  sections?: SectionStatsView[]
  /** What the sold seats are worth, minor units (sum of their prices). */
  revenue?: number
  [more: string]: unknown
}

/** `PATCH /v1/admin/events/:id/admission` */
export interface AdmissionPatchRequest {
  ratePerSec?: number
  maxActive?: number
  accessTtlSec?: number
  paused?: boolean
}
export interface AdmissionPatchResponse {
  admission: AdmissionSettingsView
}

/** `POST /v1/events/:id/holds` (201) */
export interface HoldResponse {
  holdId: string
  /** The hold's first seat (the one seat of a `{seatId}` hold). */
  seatId: string
  /** Every seat of the hold, `seatId` first. */
  seatIds: string[]
  expiresAt: string
  /** The sum of the seats' prices, in the sale's minor unit: what confirm charges, once. */
  amount: number
  /** ISO 4217 code of `amount` (the sale's currency). */
  currency: string
}
/** `POST /v1/holds/:holdId/extend` */
export interface ExtendResponse {
  holdId: string
  expiresAt: string
}

export type SimulatedPayment = 'approve' | 'decline' | 'timeout'
/** `POST /v1/holds/:holdId/confirm` (`payment.simulate` in its body) */
export interface ConfirmResponse {
  reservationId: string
  status: 'pending'
}
/** `POST /v1/events/:id/claims` (202) */
export interface ClaimResponse {
  claimId: string
  status: 'pending'
}

/** `POST /v1/events/:id/challenge`: find a nonce with SHA-256(salt + nonce) starting with `difficulty` zero bits. */
export interface ChallengeResponse {
  challengeId: string
  salt: string
  difficulty: number
  expiresAt: string
}

export type QueueState = 'waiting' | 'admitted' | 'expired' | 'closed'
/** `POST /v1/events/:id/queue` */
export interface QueueJoinResponse extends QueueStatusResponse {
  queueToken: string
}
/** `GET /v1/events/:id/queue`, and the data of the queue stream's events. */
export interface QueueStatusResponse {
  state: QueueState
  /** Buyers ahead plus one; null while pre-queued before the sale opens (the order is drawn then). */
  position: number | null
  etaSec: number | null
  ticket: number | null
  /** Present once admitted, with its expiry (ISO). */
  accessToken?: string
  expiresAt?: string
  /** True while the sale has not opened and the place is in the pre-queue. */
  preQueue?: boolean
  /** A fresh queue token (polls and heartbeats carry one; queue tokens expire). */
  queueToken?: string
}

/** `GET /v1/reservations/:id`, `GET /v1/claims/:id`, and the `result` events of `GET /v1/me/stream`. */
export interface RequestResult {
  status: RequestStatus
  type?: 'reservation' | 'claim'
  couponCode?: string
  /** A failed reservation that may have been charged: `due` until the money is back (`refunded`), or `nothing_charged`. */
  refund?: 'due' | 'refunded' | 'nothing_charged'
  reservationId?: string
  claimId?: string
  requestId?: string
  id?: string
  saleId?: string
  seatId?: string
  /** Every seat of a reservation, `seatId` first (several for a hold of several seats). */
  seatIds?: string[]
  reason?: string
  /** Reservations: what it costs, in minor units of `currency`. */
  amount?: number
  /** ISO 4217 code of `amount` (present with it). */
  currency?: string
  /** `amount` written out for the reader's Accept-Language (ko: "₩60,000", en: "$19.99"). */
  amountText?: string
  [more: string]: unknown
}

/** `GET /v1/me/reservations` */
export interface MyBooking {
  status: RequestStatus
  type?: 'reservation' | 'claim'
  couponCode?: string
  /** A failed reservation that may have been charged: `due` until the money is back (`refunded`), or `nothing_charged`. */
  refund?: 'due' | 'refunded' | 'nothing_charged'
  reason?: string
  saleId?: string
  seatId?: string | null
  /** Every seat of a reservation, `seatId` first (several for a hold of several seats). */
  seatIds?: string[]
  reservationId?: string
  claimId?: string
  id?: string
  kind?: string
  /** Reservations: what it costs, in minor units of `currency`. */
  amount?: number
  /** ISO 4217 code of `amount` (present with it). */
  currency?: string
  /** `amount` written out for the reader's Accept-Language (ko: "₩60,000", en: "$19.99"). */
  amountText?: string
  createdAt?: string
  [more: string]: unknown
}

/** `GET /v1/admin/events/:id/report`: the post-sale report (docs/operations.md, "Post-sale report"). */
export type SaleReportResponse = SaleReport
