import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { ChallengeService } from '../../services/traffic/challenge-service.ts'
import { authenticate, currentUser } from '../auth.ts'
import { SaleIdParam, StrictObject } from '../schemas.ts'

// Bodiless POSTs arrive as null; a body, if sent, must be an empty object.
const EmptyBody = Type.Union([Type.Null(), StrictObject({})])

/**
 * `POST /v1/events/:id/challenge` -> 201 `{challengeId, salt, difficulty, expiresAt}`: a
 * proof-of-work challenge for the caller, to solve before joining the sale's queue when the sale's
 * difficulty is above 0 (at 0 the answer says so and joining needs nothing).
 */
export function challengeRoutes(challenges: ChallengeService): FastifyPluginAsyncTypebox {
  return async (plain) => {
    const app = plain.withTypeProvider<TypeBoxTypeProvider>()
    app.addHook('onRequest', authenticate)
    app.post(
      '/v1/events/:id/challenge',
      { schema: { params: SaleIdParam, body: EmptyBody } },
      async (req, reply) => {
        reply.code(201)
        return challenges.issue(req.params.id, currentUser(req).id)
      }
    )
  }
}
