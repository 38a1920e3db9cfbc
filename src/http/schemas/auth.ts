import { Type } from '@sinclair/typebox'
import { StrictObject, UserId } from './common.ts'

/** `POST /v1/dev/token` (development only) */
export const DevTokenRequest = StrictObject({
  userId: UserId,
  role: Type.Optional(Type.Union([Type.Literal('admin'), Type.Literal('buyer')]))
})
export const DevTokenResponse = Type.Object({ token: Type.String({ description: 'an HS256 bearer token' }) })
