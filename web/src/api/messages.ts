import type { ErrorCode } from '../../../src/errors.ts'

/**
 * What a buyer or operator reads for each refusal. A `Record` over every code: a code added to
 * `src/errors.ts` fails the web build until it has a message here.
 */
export const FRIENDLY: Record<ErrorCode, string> = {
  FC_VALIDATION: 'That request was not valid.',
  FC_UNAUTHORIZED: 'Please sign in again: your session is not valid.',
  FC_FORBIDDEN: 'You are not allowed to do this.',
  FC_BLOCKED: 'Too many suspicious requests from here: please wait a while before trying again.',
  FC_CHALLENGE_INVALID: 'The anti-bot puzzle was not accepted (it may have expired). Please try again.',
  FC_NOT_ADMITTED: 'You have not been admitted yet, or your turn has ended. Join the waiting room.',
  FC_NOT_FOUND: 'Not found.',
  FC_SOLD_OUT: 'Sold out: everything has been taken.',
  FC_SEAT_TAKEN: 'Someone else just took this seat. Pick another one.',
  FC_NO_SEATS_TOGETHER:
    'No seats side by side are left for that many in this section. Try fewer, or seats apart.',
  FC_LIMIT_REACHED: 'You already have as many as one buyer may have in this sale.',
  FC_NOT_OPEN: 'This sale is not open right now.',
  FC_SALE_CLOSED: 'This sale has closed: holds can no longer be extended or paid for.',
  FC_EXTEND_LIMIT: 'This hold cannot be extended any further.',
  FC_INVALID_STATE: 'This is no longer possible.',
  FC_SALE_LIVE: 'This sale is live in the inventory: reconcile it instead of warming it again.',
  FC_HOLD_EXPIRED: 'Your hold expired and the seat went back on sale.',
  FC_PAYLOAD_TOO_LARGE: 'That request was too large.',
  FC_UNSUPPORTED_MEDIA_TYPE: 'That request was not understood.',
  FC_IDEMPOTENCY_MISMATCH: 'That retry did not match the first attempt.',
  FC_RATE_LIMITED: 'Slow down: too many requests.',
  FC_TOO_MANY_STREAMS: 'Too many open tabs are following this: close one, then reload.',
  FC_UNKNOWN_CURRENCY: 'This currency is not known: use an ISO 4217 code such as KRW.',
  FC_INTERNAL: 'Something went wrong on our side.',
  FC_UNAVAILABLE: 'The service is busy right now.'
}
