import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { ChallengeService } from '../../services/traffic/challenge-service.ts'
import { authenticate, currentUser } from '../auth.ts'
import {
  BEARER,
  ChallengeResponse,
  EmptyBody,
  errorResponses,
  NAMES_SALE,
  PUBLIC_ROUTE,
  SaleIdParam,
  WITH_BODY
} from '../schemas.ts'

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
      {
        schema: {
          summary: 'Get a proof-of-work challenge',
          description: 'Solve it before joining the queue of a sale whose difficulty is above 0.',
          tags: ['queue'],
          security: [{ bearer: [] }],
          params: SaleIdParam,
          body: EmptyBody,
          response: { 201: ChallengeResponse, ...errorResponses(PUBLIC_ROUTE, BEARER, WITH_BODY, NAMES_SALE) }
        }
      },
      async (req, reply) => {
        reply.code(201)
        return challenges.issue(req.params.id, currentUser(req).id)
      }
    )
  }
}
