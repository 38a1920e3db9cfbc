/**
 * The pipeline's message schemas (versioned JSON, field `v`) and their validation. Every consumed
 * message is checked against them: a message that fails is poison and goes to the dead-letter
 * topic at once, since no retry can ever make it valid.
 */
import { type Static, type TSchema, Type } from '@sinclair/typebox'
import { TypeCompiler } from '@sinclair/typebox/compiler'
import { childIdPattern, SALE_ID_PATTERN, SEAT_ID_PATTERN } from '../../domain/ids.ts'
import type { BookingRequest, ClaimRequest, DeadLetter } from '../../domain/pipeline-ports.ts'

const Simulate = Type.Union([Type.Literal('approve'), Type.Literal('decline'), Type.Literal('timeout')])
const UserIdText = Type.String({ minLength: 1, maxLength: 64 })
const PaymentKeyText = Type.String({ minLength: 1, maxLength: 200 })
const Millis = Type.Integer({ minimum: 0 })

/** `<prefix>.booking-requests`, keyed by `<saleId>:<seatId>`. */
export const BookingRequestSchema = Type.Object({
  v: Type.Literal(1),
  reservationId: Type.String({ pattern: childIdPattern('r') }),
  holdId: Type.String({ pattern: childIdPattern('h') }),
  saleId: Type.String({ pattern: SALE_ID_PATTERN }),
  seatId: Type.String({ pattern: SEAT_ID_PATTERN }),
  userId: UserIdText,
  amount: Type.Integer({ minimum: 0 }),
  seats: Type.Optional(
    Type.Array(
      Type.Object({
        holdId: Type.String({ pattern: childIdPattern('h') }),
        reservationId: Type.String({ pattern: childIdPattern('r') }),
        seatId: Type.String({ pattern: SEAT_ID_PATTERN })
      }),
      { maxItems: 1295 }
    )
  ),
  /** Absent in messages accepted before requests carried the sale's currency. */
  currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$' })),
  payment: Type.Object({ simulate: Type.Optional(Simulate), key: Type.Optional(PaymentKeyText) }),
  acceptedAt: Millis
})

/** `<prefix>.coupon-issues`, keyed by user id. */
export const ClaimRequestSchema = Type.Object({
  v: Type.Literal(1),
  claimId: Type.String({ pattern: childIdPattern('c') }),
  saleId: Type.String({ pattern: SALE_ID_PATTERN }),
  userId: UserIdText,
  acceptedAt: Millis
})

/** `<prefix>.dead-letters`: a message a consumer gave up on, with where it came from and why. */
export const DeadLetterSchema = Type.Object({
  v: Type.Literal(1),
  kind: Type.Union([Type.Literal('booking'), Type.Literal('claim'), Type.Literal('unknown')]),
  saleId: Type.Union([Type.String(), Type.Null()]),
  topic: Type.String({ minLength: 1 }),
  partition: Type.Integer({ minimum: 0 }),
  offset: Type.String({ pattern: '^[0-9]+$' }),
  key: Type.Union([Type.String(), Type.Null()]),
  value: Type.String(),
  headers: Type.Record(Type.String(), Type.String()),
  reason: Type.String(),
  attempts: Type.Integer({ minimum: 0 }),
  replays: Type.Integer({ minimum: 0 }),
  failedAt: Type.String()
})

// The schemas and the hand-written interfaces must describe the same shapes.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never
const sameShapes: [
  Same<Static<typeof BookingRequestSchema>, BookingRequest>,
  Same<Static<typeof ClaimRequestSchema>, ClaimRequest>,
  Same<Static<typeof DeadLetterSchema>, DeadLetter>
] = [true, true, true]
void sameShapes

/** A parsed message, or why it is poison. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string }

/** Parses and validates a JSON message value against a schema; never throws. */
export function parser<S extends TSchema>(schema: S): (bytes: Buffer) => Parsed<Static<S>> {
  const check = TypeCompiler.Compile(schema)
  return (bytes) => {
    let value: unknown
    try {
      value = JSON.parse(bytes.toString('utf8'))
    } catch {
      return { ok: false, reason: 'poison: not JSON' }
    }
    if (check.Check(value)) return { ok: true, value }
    const first = check.Errors(value).First()
    return {
      ok: false,
      reason: `poison: schema violation${first ? ` at ${first.path || '/'}: ${first.message}` : ''}`
    }
  }
}

export const parseBookingRequest = parser(BookingRequestSchema)
export const parseClaimRequest = parser(ClaimRequestSchema)
export const parseDeadLetter = parser(DeadLetterSchema)
