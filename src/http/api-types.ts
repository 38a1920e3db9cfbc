/**
 * The JSON shapes of the HTTP API v1 as clients see them (see `../shared/DESIGN.md`), derived from
 * the route schemas (`schemas/`): one definition per shape, so a renamed field breaks the build of
 * the server, the web app (`web/`) and the typed client alike. Types only.
 */
import type { Static } from '@sinclair/typebox'
import type { ErrorCode } from '../errors.ts'
import type { CodeUsageResponse as CodeUsageResponseSchema } from './schemas/access.ts'
import type { DevTokenResponse as DevTokenResponseSchema } from './schemas/auth.ts'
import type {
  BookingView,
  ChallengeResponse as ChallengeResponseSchema,
  ClaimResponse as ClaimResponseSchema,
  ConfirmResponse as ConfirmResponseSchema,
  ExtendResponse as ExtendResponseSchema,
  HoldRequest as HoldRequestSchema,
  HoldResponse as HoldResponseSchema,
  MyBookings as MyBookingsSchema,
  RefundState as RefundStateSchema,
  ReleaseResponse as ReleaseResponseSchema,
  ResultEvent as ResultEventSchema,
  SimulatedPayment as SimulatedPaymentSchema
} from './schemas/buyer.ts'
import type { ErrorBody } from './schemas/common.ts'
import type {
  AuditEntryView as AuditEntryViewSchema,
  AuditPage as AuditPageSchema,
  SaleEditRequest as SaleEditRequestSchema
} from './schemas/edits.ts'
import type {
  FairnessResponse as FairnessResponseSchema,
  QueueJoinResponse as QueueJoinResponseSchema,
  QueueState as QueueStateSchema,
  QueueStatusResponse as QueueStatusResponseSchema
} from './schemas/queue.ts'
import type {
  AdminSaleList as AdminSaleListSchema,
  AdmissionPatchRequest as AdmissionPatchRequestSchema,
  AdmissionPatchResponse as AdmissionPatchResponseSchema,
  AdmissionSettingsView as AdmissionSettingsViewSchema,
  CreatedSale as CreatedSaleSchema,
  CreateSaleRequest as CreateSaleRequestSchema,
  LayoutSection as LayoutSectionSchema,
  PublicSale as PublicSaleSchema,
  RequestStatus as RequestStatusSchema,
  SaleKind as SaleKindSchema,
  SalePhase as SalePhaseSchema,
  SaleStatsResponse as SaleStatsResponseSchema,
  SaleStatus as SaleStatusSchema,
  SeatCode as SeatCodeSchema,
  SeatDelta as SeatDeltaSchema,
  SeatLayout as SeatLayoutSchema,
  SeatStateBody as SeatStateBodySchema,
  SeatState as SeatStateSchema,
  SeatsResponse as SeatsResponseSchema,
  SeatView as SeatViewSchema,
  SectionSpec as SectionSpecSchema,
  SectionStatsView as SectionStatsViewSchema
} from './schemas/sales.ts'

export type { ErrorCode }

/** Every error answer. */
export type ApiErrorBody = Static<typeof ErrorBody>

export type SaleKind = Static<typeof SaleKindSchema>
export type SaleStatus = Static<typeof SaleStatusSchema>
/** Where a sale stands on its timeline (docs/queue.md, "Lifecycle"). */
export type SalePhase = Static<typeof SalePhaseSchema>
export type SeatState = Static<typeof SeatStateSchema>
export type RequestStatus = Static<typeof RequestStatusSchema>
export type SectionSpec = Static<typeof SectionSpecSchema>

/** `POST /v1/dev/token` */
export type DevTokenResponse = Static<typeof DevTokenResponseSchema>

/** `POST /v1/admin/events` (body) */
export type CreateSaleRequest = Static<typeof CreateSaleRequestSchema>
/** The answer to `POST /v1/admin/events`, and each item of `GET /v1/admin/events`. */
export type CreatedSale = Static<typeof CreatedSaleSchema>
/** `GET /v1/admin/events?status=&limit=`: the newest sales first. */
export type AdminSaleList = Static<typeof AdminSaleListSchema>
export type AdmissionSettingsView = Static<typeof AdmissionSettingsViewSchema>
/** `PATCH /v1/admin/events/:id/admission` */
export type AdmissionPatchRequest = Static<typeof AdmissionPatchRequestSchema>
export type AdmissionPatchResponse = Static<typeof AdmissionPatchResponseSchema>
/** One section of the stats: its seats by state (pending = paid for, booking under way). */
export type SectionStatsView = Static<typeof SectionStatsViewSchema>
/** `GET /v1/admin/events/:id/stats`; more fields may come (the schema allows them). */
export type SaleStatsResponse = Static<typeof SaleStatsResponseSchema> & { [more: string]: unknown }

/** `GET /v1/events/:id` */
export type PublicSale = Static<typeof PublicSaleSchema>
/** One seat of `GET /v1/events/:id/seats`. */
export type SeatView = Static<typeof SeatViewSchema>
export type SeatsResponse = Static<typeof SeatsResponseSchema>
/** `GET /v1/events/:id/seats/layout` */
export type SeatLayout = Static<typeof SeatLayoutSchema>
export type LayoutSection = Static<typeof LayoutSectionSchema>
/** `GET /v1/events/:id/seats/state` */
export type SeatStateBody = Static<typeof SeatStateBodySchema>
/** One character per seat in layout order. */
export type SeatCode = Static<typeof SeatCodeSchema>
/** The data of a `delta` event of `GET /v1/events/:id/seats/stream`. */
export type SeatDelta = Static<typeof SeatDeltaSchema>

/** `POST /v1/events/:id/holds` (body): one seat, named seats, or the best of a section. */
export type HoldRequest = Static<typeof HoldRequestSchema>
/** `POST /v1/events/:id/holds` (201) */
export type HoldResponse = Static<typeof HoldResponseSchema>
/** `POST /v1/holds/:holdId/extend` */
export type ExtendResponse = Static<typeof ExtendResponseSchema>
/** `DELETE /v1/holds/:holdId` */
export type ReleaseResponse = Static<typeof ReleaseResponseSchema>
export type SimulatedPayment = Static<typeof SimulatedPaymentSchema>
/** `POST /v1/holds/:holdId/confirm` (`payment.simulate` in its body) */
export type ConfirmResponse = Static<typeof ConfirmResponseSchema>
/** `POST /v1/events/:id/claims` (202) */
export type ClaimResponse = Static<typeof ClaimResponseSchema>
/** `POST /v1/events/:id/challenge`: find a nonce with SHA-256(salt + nonce) starting with `difficulty` zero bits. */
export type ChallengeResponse = Static<typeof ChallengeResponseSchema>

export type QueueState = Static<typeof QueueStateSchema>
/** `POST /v1/events/:id/queue` */
export type QueueJoinResponse = Static<typeof QueueJoinResponseSchema>
/** `GET /v1/events/:id/queue`, and the data of the queue stream's events. */
export type QueueStatusResponse = Static<typeof QueueStatusResponseSchema>
/** `GET /v1/events/:id/queue/fairness` */
export type FairnessResponse = Static<typeof FairnessResponseSchema>

export type RefundState = Static<typeof RefundStateSchema>
/** `GET /v1/reservations/:id`, `GET /v1/claims/:id`. */
export type RequestResult = Static<typeof BookingView>
/** Each item of `GET /v1/me/reservations`. */
export type MyBooking = Static<typeof BookingView>
export type MyBookings = Static<typeof MyBookingsSchema>
/** The data of a `result` event of `GET /v1/me/stream`. */
export type ResultEvent = Static<typeof ResultEventSchema>

/** `GET /v1/admin/events/:id/report`: the post-sale report (docs/operations.md, "Post-sale report"). */
export type { SaleReport as SaleReportResponse } from '../domain/report-ports.ts'

/** `GET /v1/admin/events/:id/access/codes`: code batches and their usage (docs/queue.md, "Access rules"). */
export type CodeUsageResponse = Static<typeof CodeUsageResponseSchema>

/** `PATCH /v1/admin/events/:id`: an edit of a running sale (docs/operations.md). */
export type SaleEditRequest = Static<typeof SaleEditRequestSchema>
/** One accepted edit in a sale's audit log. */
export type AuditEntryView = Static<typeof AuditEntryViewSchema>
/** `GET /v1/admin/events/:id/audit`: a page of the audit log, newest first. */
export type AuditPage = Static<typeof AuditPageSchema>
