import { type Static, Type } from '@sinclair/typebox'
import { IsoTime, StrictObject, UserId } from './common.ts'

/** A presale or VIP code as a buyer types it (dashes and spaces are ignored, case too). */
export const AccessCode = Type.String({
  minLength: 4,
  maxLength: 40,
  pattern: '^[A-Za-z0-9 -]+$',
  description: 'a presale or VIP code, e.g. 7KQ2-MX4P-9BZT'
})

export const AccessMode = Type.Union([Type.Literal('open'), Type.Literal('allowlist'), Type.Literal('codes')])
export const CodeKind = Type.Union([Type.Literal('presale'), Type.Literal('vip')])

const Phase = StrictObject({
  name: Type.String({ minLength: 1, maxLength: 40 }),
  access: AccessMode,
  startsAt: IsoTime,
  endsAt: Type.Optional(Type.Union([IsoTime, Type.Null()])),
  units: Type.Optional(
    Type.Union([Type.Integer({ minimum: 0, maximum: 10_000_000 }), Type.Null()], {
      description: 'first phase only: the most it sells; the rest (and what it leaves) opens with the next'
    })
  )
})

/** `PUT /v1/admin/events/:id/access` */
export const AccessRulesRequest = StrictObject({
  mode: AccessMode,
  phases: Type.Optional(Type.Array(Phase, { maxItems: 8 }))
})
export type AccessRulesRequest = Static<typeof AccessRulesRequest>

/** The access rules of a sale. */
export const AccessRulesResponse = Type.Object({
  mode: AccessMode,
  current: AccessMode,
  phases: Type.Array(
    Type.Object({
      name: Type.String(),
      access: AccessMode,
      startsAt: IsoTime,
      endsAt: Type.Union([IsoTime, Type.Null()]),
      units: Type.Union([Type.Integer(), Type.Null()])
    })
  )
})

const Sha256Hex = Type.String({ pattern: '^[0-9a-fA-F]{64}$' })

/** `POST /v1/admin/events/:id/access/allowlist` */
export const AllowlistRequest = StrictObject({
  userIds: Type.Optional(Type.Array(UserId, { maxItems: 100_000 })),
  emails: Type.Optional(Type.Array(Type.String({ minLength: 3, maxLength: 254 }), { maxItems: 100_000 })),
  emailHashes: Type.Optional(Type.Array(Sha256Hex, { maxItems: 100_000 }))
})
export type AllowlistRequest = Static<typeof AllowlistRequest>

export const AllowlistResponse = Type.Object({ added: Type.Integer({ minimum: 0 }) })

/** `POST /v1/admin/events/:id/access/codes` */
export const GenerateCodesRequest = StrictObject({
  count: Type.Integer({ minimum: 1, maximum: 10_000 }),
  kind: Type.Optional(CodeKind),
  maxUses: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, description: '1: single use' })),
  perUserLimit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  startsAt: Type.Optional(IsoTime),
  endsAt: Type.Optional(IsoTime)
})
export type GenerateCodesRequest = Static<typeof GenerateCodesRequest>

export const GenerateCodesResponse = Type.Object({
  batchId: Type.String(),
  kind: CodeKind,
  maxUses: Type.Integer(),
  perUserLimit: Type.Union([Type.Integer(), Type.Null()]),
  startsAt: Type.Union([IsoTime, Type.Null()]),
  endsAt: Type.Union([IsoTime, Type.Null()]),
  codes: Type.Array(Type.String(), { description: 'the codes in plain text: shown this once, stored hashed' })
})

/** `GET /v1/admin/events/:id/access/codes` */
export const CodeUsageResponse = Type.Object({
  total: Type.Integer(),
  redeemed: Type.Integer({ description: 'uses over all codes' }),
  batches: Type.Array(
    Type.Object({
      batchId: Type.String(),
      kind: CodeKind,
      codes: Type.Integer(),
      maxUses: Type.Integer(),
      uses: Type.Integer(),
      usedUp: Type.Integer({ description: 'codes with no use left' }),
      perUserLimit: Type.Union([Type.Integer(), Type.Null()]),
      startsAt: Type.Union([IsoTime, Type.Null()]),
      endsAt: Type.Union([IsoTime, Type.Null()]),
      createdAt: IsoTime
    })
  )
})

/** `POST /v1/events/:id/access` */
export const RedeemRequest = StrictObject({ code: AccessCode })
export type RedeemRequest = Static<typeof RedeemRequest>

export const RedeemResponse = Type.Object({
  status: Type.Union([Type.Literal('redeemed'), Type.Literal('already')]),
  kind: CodeKind,
  perUserLimit: Type.Union([Type.Integer(), Type.Null()]),
  accessToken: Type.Optional(
    Type.String({ description: 'VIP codes: admitted now, send it as X-Access-Token' })
  ),
  expiresAt: Type.Optional(IsoTime)
})

/** `GET /v1/events/:id/access`: what the buyer page needs to show a code field. */
export const AccessInfoResponse = Type.Object({
  mode: AccessMode,
  needsCode: Type.Boolean(),
  phase: Type.Union([Type.String(), Type.Null()])
})
