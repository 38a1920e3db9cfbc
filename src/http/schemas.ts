import { type Static, type TSchema, Type } from '@sinclair/typebox'
import { childIdPattern, SALE_ID_PATTERN, SEAT_ID_PATTERN } from '../domain/ids.ts'
import { type ErrorCode, errorCatalogue } from '../errors.ts'

/**
 * TypeBox schemas shared by the routes. Validation happens once, at the edge, against these: the
 * services behind a route can trust the shapes they receive.
 *
 * Header schemas must never set `additionalProperties: false`: every request carries headers the
 * route does not name, and unknown fields are refused, not stripped.
 */

const codes = Object.keys(errorCatalogue) as ErrorCode[]

/** The body of every error response (see `docs/errors.md`). */
export const ErrorBody = Type.Object(
  {
    statusCode: Type.Integer({ minimum: 400, maximum: 599 }),
    code: Type.Union(codes.map((c) => Type.Literal(c))),
    error: Type.String(),
    message: Type.String(),
    details: Type.Optional(Type.Unknown())
  },
  { description: 'The one error shape: a stable code, its HTTP status and a message' }
)

/**
 * Response schemas for the given error statuses, to spread into a route's `response`:
 * `response: { 201: HoldBody, ...errorResponses(400, 401, 409) }`.
 */
export function errorResponses<S extends number>(...statuses: S[]): Record<S, typeof ErrorBody> {
  return Object.fromEntries(statuses.map((s) => [s, ErrorBody])) as Record<S, typeof ErrorBody>
}

/** The user id format (the `sub` of a bearer token). */
export const USER_ID_PATTERN = '^[A-Za-z0-9_.:@-]{1,64}$'
/** A user id: what a bearer token's `sub` must look like. */
export const UserId = Type.String({ minLength: 1, maxLength: 64, pattern: USER_ID_PATTERN })

/** A sale (event) id, e.g. `e3k9x0c1q7m2z8a` (see `src/domain/ids.ts`). */
export const SaleId = Type.String({ pattern: SALE_ID_PATTERN, description: 'a sale (event) id' })
/** A seat id, `<section>-<row>-<number>`, e.g. `A-3-12`. */
export const SeatId = Type.String({ pattern: SEAT_ID_PATTERN, description: 'section-row-number' })
/** A hold id: its sale's id, `.h`, 16 base36 characters. */
export const HoldId = Type.String({ pattern: childIdPattern('h') })
/** A claim id: its sale's id, `.c`, 16 base36 characters. */
export const ClaimId = Type.String({ pattern: childIdPattern('c') })
/** A reservation id: its sale's id, `.r`, 16 base36 characters. */
export const ReservationId = Type.String({ pattern: childIdPattern('r') })

/** `/v1/events/:id/...` and `/v1/admin/events/:id/...` */
export const SaleIdParam = Type.Object({ id: SaleId })
export type SaleIdParam = Static<typeof SaleIdParam>

/** `/v1/holds/:holdId/...` */
export const HoldIdParam = Type.Object({ holdId: HoldId })
export type HoldIdParam = Static<typeof HoldIdParam>

/** `/v1/claims/:id` */
export const ClaimIdParam = Type.Object({ id: ClaimId })
export type ClaimIdParam = Static<typeof ClaimIdParam>

/** `/v1/reservations/:id` */
export const ReservationIdParam = Type.Object({ id: ReservationId })
export type ReservationIdParam = Static<typeof ReservationIdParam>

/** The format of an `Idempotency-Key` header value. */
export const IDEMPOTENCY_KEY_PATTERN = '^[A-Za-z0-9_.:-]{1,128}$'
/** An `Idempotency-Key` header value. */
export const IdempotencyKey = Type.String({ minLength: 1, maxLength: 128, pattern: IDEMPOTENCY_KEY_PATTERN })

/** A required `Idempotency-Key` header (header names arrive lower-cased). */
export const IdempotencyKeyHeader = Type.Object({ 'idempotency-key': IdempotencyKey })
export type IdempotencyKeyHeader = Static<typeof IdempotencyKeyHeader>

/** A signed access token (compact JWS) as sent in `X-Access-Token`; its signature is checked by the service. */
export const AccessToken = Type.String({ minLength: 16, maxLength: 2048, pattern: '^[A-Za-z0-9_.-]+$' })

/** A required `X-Access-Token` header: the caller's admission to a sale. */
export const AccessTokenHeader = Type.Object({ 'x-access-token': AccessToken })
export type AccessTokenHeader = Static<typeof AccessTokenHeader>

/** Both headers a hold or claim needs. */
export const HoldHeaders = Type.Object({ 'idempotency-key': IdempotencyKey, 'x-access-token': AccessToken })
export type HoldHeaders = Static<typeof HoldHeaders>

/** An object schema that refuses unknown fields, for request bodies. */
export function StrictObject<T extends Record<string, TSchema>>(properties: T) {
  return Type.Object(properties, { additionalProperties: false })
}
