import { Type } from '@sinclair/typebox'
import { AccessCode } from './access.ts'
import { AccessToken, IsoTime, StrictObject } from './common.ts'

/** Where a buyer stands in a sale's waiting room. */
export const QueueState = Type.Union([
  Type.Literal('waiting'),
  Type.Literal('admitted'),
  Type.Literal('expired'),
  Type.Literal('closed')
])

/** The proof-of-work solution, checked (and used up) when the sale's difficulty is above 0. */
export const ChallengeSolution = StrictObject({
  challengeId: Type.String({ minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9_.-]+$' }),
  nonce: Type.String({ minLength: 1, maxLength: 64 })
})

/** `POST /v1/events/:id/queue`: no body, or the solved challenge, and a presale code to redeem on the way. */
export const QueueJoinRequest = Type.Union([
  Type.Null(),
  StrictObject({ challenge: Type.Optional(ChallengeSolution), code: Type.Optional(AccessCode) })
])

const queueStatusFields = {
  state: QueueState,
  position: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], {
    description: 'buyers ahead plus one (0 once admitted); null while pre-queued before the sale opens'
  }),
  etaSec: Type.Union([Type.Number({ minimum: 0 }), Type.Null()]),
  ticket: Type.Union([Type.Integer(), Type.Null()]),
  accessToken: Type.Optional(Type.String({ description: 'once admitted: send it as X-Access-Token' })),
  expiresAt: Type.Optional(IsoTime),
  preQueue: Type.Optional(
    Type.Boolean({ description: 'the sale has not opened: the place is in the pre-queue' })
  )
}

/** `GET /v1/events/:id/queue`, heartbeat and leave. */
export const QueueStatusResponse = Type.Object({
  ...queueStatusFields,
  queueToken: Type.Optional(Type.String({ description: 'a fresh queue token (they expire)' }))
})

/** `POST /v1/events/:id/queue` */
export const QueueJoinResponse = Type.Object({ ...queueStatusFields, queueToken: Type.String() })

/** `?queueToken=`: the queue stream's credential for clients that cannot send headers (EventSource). */
export const QueueStreamQuery = Type.Object({
  queueToken: Type.Optional(Type.String({ minLength: 16, maxLength: 512, pattern: '^[A-Za-z0-9_.-]+$' }))
})

/** `GET /v1/events/:id/queue/fairness`: the commitment to the pre-queue's order. */
export const FairnessResponse = Type.Object({
  seedHash: Type.String(),
  seed: Type.Union([Type.String(), Type.Null()], { description: 'revealed once the sale has opened' }),
  opensAt: Type.Union([IsoTime, Type.Null()]),
  sealed: Type.Boolean(),
  algorithm: Type.String()
})

/** The data of the queue stream's `admitted` event. */
export const QueueAdmittedEvent = Type.Object({
  state: Type.Literal('admitted'),
  accessToken: AccessToken,
  expiresAt: IsoTime,
  ticket: Type.Union([Type.Integer(), Type.Null()])
})
