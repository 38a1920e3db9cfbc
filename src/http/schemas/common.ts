import { type Static, type TSchema, Type } from '@sinclair/typebox'
import { childIdPattern, SALE_ID_PATTERN, SEAT_ID_PATTERN } from '../../domain/ids.ts'
import { type ErrorCode, errorCatalogue } from '../../errors.ts'

/**
 * TypeBox schemas shared by the routes. Validation happens once, at the edge, against these: the
 * services behind a route can trust the shapes they receive. Response schemas describe every
 * answer a route gives; `GET /openapi.json` is generated from them, and the test profile checks
 * each answer against them (`response-validation.ts`).
 *
 * Header schemas must never set `additionalProperties: false`: every request carries headers the
 * route does not name, and unknown fields are refused, not stripped.
 */

const codes = Object.keys(errorCatalogue) as ErrorCode[]

/** One error code of the catalogue (`docs/errors.md`). */
export const ErrorCodeSchema = Type.Union(
  codes.map((c) => Type.Literal(c)),
  { description: 'a stable code of the error catalogue (docs/errors.md)' }
)

function errorBodyOf(status: number | undefined, allowed: readonly ErrorCode[], description: string) {
  return Type.Object(
    {
      statusCode:
        status === undefined
          ? Type.Integer({ minimum: 400, maximum: 599 })
          : Type.Literal(status, { description: 'the HTTP status again' }),
      code:
        allowed.length === codes.length ? ErrorCodeSchema : Type.Union(allowed.map((c) => Type.Literal(c))),
      error: Type.String({ description: 'the HTTP reason phrase' }),
      message: Type.String({ description: 'what went wrong, for people' }),
      details: Type.Optional(
        Type.Unknown({ description: 'more about it: the offending field, the limit that was hit' })
      )
    },
    { description }
  )
}

/** The body of every error response (see `docs/errors.md`). */
export const ErrorBody = errorBodyOf(
  undefined,
  codes,
  'The one error shape: a stable code, its HTTP status and a message'
)
export type ErrorBody = Static<typeof ErrorBody>

/**
 * Codes every route of the public listener may answer: a malformed URL, a client over its failed
 * requests budget, an instance shutting down or overloaded, our own failure.
 */
export const ANY_ROUTE: readonly ErrorCode[] = [
  'FC_VALIDATION',
  'FC_RATE_LIMITED',
  'FC_INTERNAL',
  'FC_UNAVAILABLE',
  'FC_OVERLOADED'
]
/** Routes outside `/v1/admin/` also refuse blocked clients. */
export const PUBLIC_ROUTE: readonly ErrorCode[] = [...ANY_ROUTE, 'FC_BLOCKED']
/** Routes that read a JSON body (POST, PUT, PATCH, DELETE). */
export const WITH_BODY: readonly ErrorCode[] = ['FC_PAYLOAD_TOO_LARGE', 'FC_UNSUPPORTED_MEDIA_TYPE']
/** Routes that need a bearer token. */
export const BEARER: readonly ErrorCode[] = ['FC_UNAUTHORIZED']
/** Routes that need an admin's bearer token (admin routes skip the blocklist). */
export const ADMIN: readonly ErrorCode[] = [...ANY_ROUTE, 'FC_UNAUTHORIZED', 'FC_FORBIDDEN']
/** Routes that name a sale (or a hold, claim or reservation of one): an unknown one is 404. */
export const NAMES_SALE: readonly ErrorCode[] = ['FC_NOT_FOUND']

/**
 * The error responses of a route, one schema per HTTP status, each naming the codes that status
 * carries on this route (in its description and as the allowed values of `code`), to spread into
 * its `response`: `response: { 201: HoldResponse, ...errorResponses(PUBLIC_ROUTE, BEARER, [...]) }`.
 */
export function errorResponses(...lists: ReadonlyArray<readonly ErrorCode[]>): Record<number, TSchema> {
  const byStatus = new Map<number, ErrorCode[]>()
  for (const code of new Set(lists.flat())) {
    const status = errorCatalogue[code].status
    const list = byStatus.get(status) ?? []
    list.push(code)
    byStatus.set(status, list)
  }
  const out: Record<number, TSchema> = {}
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    out[status] = errorBodyOf(status, list, `Error: ${list.join(', ')}`)
  }
  return out
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
export function StrictObject<T extends Record<string, TSchema>>(
  properties: T,
  options: { description?: string } = {}
) {
  return Type.Object(properties, { ...options, additionalProperties: false })
}

/** Bodiless POSTs arrive as null; a body, if sent, must be an empty object. */
export const EmptyBody = Type.Union([Type.Null(), StrictObject({})])

/** An ISO 8601 date-time as the API writes it (`Date.toISOString()`). */
export const IsoTime = Type.String({ format: 'date-time' })

/** ISO 4217 code of a sale's prices and amounts. */
export const Currency = Type.String({ description: 'ISO 4217 code, e.g. KRW' })

/** Digits of a currency's minor unit: KRW 0, JPY 0, USD 2 (a price of 1999 USD is 19.99). */
export const CurrencyDigits = Type.Integer({
  minimum: 0,
  maximum: 4,
  description: "digits of the currency's minor unit"
})

/**
 * The 200 of a Server-Sent Events route: `text/event-stream`, the events named in `description`.
 * (The stream takes the response over; nothing JSON is sent on success.)
 */
export function eventStream(description: string) {
  return {
    description,
    content: { 'text/event-stream': { schema: Type.String({ description }) } }
  }
}

/** `304 Not Modified`: no body. */
export const NotModified = Type.Null({
  description: 'Not Modified: the body named by If-None-Match is current'
})
