import { Type } from '@sinclair/typebox'
import { SECTION_NAME } from '../../domain/ids.ts'
import {
  AccessToken,
  ClaimId,
  Currency,
  HoldId,
  IdempotencyKey,
  IsoTime,
  ReservationId,
  SaleId,
  SeatId,
  StrictObject
} from './common.ts'
import { RequestStatus } from './sales.ts'

/** The optional headers of the buyer's inventory routes (the service refuses what is missing). */
export const BuyerHeaders = Type.Object({
  'idempotency-key': Type.Optional(IdempotencyKey),
  'x-access-token': Type.Optional(AccessToken)
})

/** Most seats one hold may name (the per-user limit's largest value); the sale's own limit is checked after. */
export const MAX_SEATS_PER_HOLD = 100

/**
 * `POST /v1/events/:id/holds`: exactly one of one seat (`seatId`, the original form), several
 * named seats (`seatIds`), or the best `quantity` seats of a section (side by side in one row
 * unless `adjacent` is false).
 */
export const HoldRequest = Type.Union([
  StrictObject({ seatId: SeatId }),
  StrictObject({
    seatIds: Type.Array(SeatId, { minItems: 1, maxItems: MAX_SEATS_PER_HOLD, uniqueItems: true })
  }),
  StrictObject({
    section: Type.String({ pattern: SECTION_NAME.source }),
    quantity: Type.Integer({ minimum: 1, maximum: MAX_SEATS_PER_HOLD }),
    adjacent: Type.Optional(Type.Boolean())
  })
])

/** `POST /v1/events/:id/holds` (201) */
export const HoldResponse = Type.Object({
  holdId: HoldId,
  seatId: Type.String({ description: "the hold's first seat (the one seat of a `{seatId}` hold)" }),
  seatIds: Type.Array(Type.String(), { description: 'every seat of the hold, `seatId` first' }),
  expiresAt: IsoTime,
  amount: Type.Integer({ description: "the sum of the seats' prices, minor units: what confirm charges" }),
  currency: Currency
})

/** `POST /v1/holds/:holdId/extend` */
export const ExtendResponse = Type.Object({ holdId: HoldId, expiresAt: IsoTime })

/** `DELETE /v1/holds/:holdId` */
export const ReleaseResponse = Type.Object({ holdId: HoldId, status: Type.Literal('released') })

/** The outcome a confirm may ask the simulated gateway for (development and test profiles only). */
export const SimulatedPayment = Type.Union([
  Type.Literal('approve'),
  Type.Literal('decline'),
  Type.Literal('timeout')
])

const PaymentMethod = Type.Optional(Type.String({ maxLength: 32, pattern: '^[a-z_]+$' }))

/** The buyer's authorisation at the payment provider (docs/payments.md); absent: charged server-side. */
const PaymentKey = Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9_.:-]+$' }))

/**
 * The confirm body. `payment.simulate` (the buyer picks the outcome) exists only where payments
 * are simulated (development and test profiles); elsewhere the field is unknown, so it is refused
 * with 400 FC_VALIDATION like any unknown field, before anything happens.
 */
export function confirmRequest(simulatedPayments: boolean) {
  return StrictObject({
    payment: Type.Optional(
      simulatedPayments
        ? StrictObject({ simulate: Type.Optional(SimulatedPayment), method: PaymentMethod, key: PaymentKey })
        : StrictObject({ method: PaymentMethod, key: PaymentKey })
    )
  })
}
/** The confirm body where payments are simulated (the widest form; see {@link confirmRequest}). */
export const ConfirmRequest = confirmRequest(true)

/** `POST /v1/holds/:holdId/confirm` (202) */
export const ConfirmResponse = Type.Object({ reservationId: ReservationId, status: Type.Literal('pending') })

/** `POST /v1/events/:id/claims` (202) */
export const ClaimResponse = Type.Object({ claimId: ClaimId, status: Type.Literal('pending') })

/** `POST /v1/events/:id/challenge` (201): find a nonce with SHA-256(salt + nonce) starting with `difficulty` zero bits. */
export const ChallengeResponse = Type.Object({
  challengeId: Type.String(),
  salt: Type.String(),
  difficulty: Type.Integer({ minimum: 0, maximum: 32 }),
  expiresAt: IsoTime
})

/** A refund of a failed reservation that may have been charged. */
export const RefundState = Type.Union([
  Type.Literal('due'),
  Type.Literal('refunded'),
  Type.Literal('nothing_charged')
])

/** A reservation or claim as its buyer sees it: `GET /v1/reservations/:id`, `GET /v1/claims/:id`, each of `GET /v1/me/reservations`. */
export const BookingView = Type.Object({
  type: Type.Union([Type.Literal('reservation'), Type.Literal('claim')]),
  id: Type.String({ description: 'the reservation or claim id' }),
  status: RequestStatus,
  saleId: SaleId,
  seatId: Type.Optional(Type.String({ description: "a reservation's first seat" })),
  seatIds: Type.Optional(
    Type.Array(Type.String(), { description: 'every seat of a reservation, `seatId` first' })
  ),
  reason: Type.Optional(Type.String()),
  amount: Type.Optional(
    Type.Integer({ description: 'reservations: what it costs, minor units of `currency`' })
  ),
  currency: Type.Optional(Currency),
  amountText: Type.Optional(
    Type.String({
      description: '`amount` written for the reader\'s Accept-Language (ko: "₩60,000", en: "$19.99")'
    })
  ),
  couponCode: Type.Optional(Type.String()),
  refund: Type.Optional(RefundState),
  createdAt: Type.Optional(IsoTime),
  updatedAt: Type.Optional(IsoTime)
})

/** `GET /v1/me/reservations`: the caller's bookings, newest first. */
export const MyBookings = Type.Object({ items: Type.Array(BookingView) })

/** The data of a `result` event of `GET /v1/me/stream`: an outcome, correlated by its reservation or claim id. */
export const ResultEvent = Type.Object({
  v: Type.Literal(1),
  type: Type.Union([Type.Literal('reservation'), Type.Literal('claim')]),
  id: Type.String({ description: 'the reservation or claim id of the 202' }),
  saleId: SaleId,
  userId: Type.String(),
  status: Type.Union([Type.Literal('confirmed'), Type.Literal('failed')]),
  reason: Type.Optional(Type.String()),
  couponCode: Type.Optional(Type.String()),
  refund: Type.Optional(Type.Literal('due')),
  at: IsoTime
})
