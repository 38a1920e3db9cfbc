import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { DrawCommitments } from '../../services/waiting-room/draw-commitment.ts'
import { authenticate, currentUser } from '../auth.ts'
import {
  BEARER,
  DrawCommitmentResponse,
  EntrantPageQuery,
  EntrantPageResponse,
  errorResponses,
  InclusionProofResponse,
  NAMES_SALE,
  PUBLIC_ROUTE,
  SaleIdParam
} from '../schemas.ts'

const tags = ['queue']

/**
 * The published pre-queue draw (docs/queue.md, "verifiable draw"): the commitment and the entrant
 * list are public, served from PostgreSQL; the inclusion proof is the caller's own (bearer token).
 */
export function queueDrawRoutes(draw: DrawCommitments): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/v1/events/:id/queue/fairness/commitment',
      {
        schema: {
          summary: "The commitment to the pre-queue's entrants and seed",
          description:
            'The seed hash from before opening; the Merkle root of the entrant list from the sealing at opening; ' +
            'the seed only once that root is published.',
          tags,
          params: SaleIdParam,
          response: { 200: DrawCommitmentResponse, ...errorResponses(PUBLIC_ROUTE, NAMES_SALE) }
        }
      },
      async (req) => draw.commitment(req.params.id)
    )

    app.get(
      '/v1/events/:id/queue/fairness/entrants',
      {
        schema: {
          summary: "The pre-queue's committed entrant list, a page at a time",
          description:
            'In leaf order (ascending entrant id), with each entrant’s drawn rank. 404 until committed.',
          tags,
          params: SaleIdParam,
          querystring: EntrantPageQuery,
          response: { 200: EntrantPageResponse, ...errorResponses(PUBLIC_ROUTE, NAMES_SALE) }
        }
      },
      async (req) => draw.entrants(req.params.id, req.query.offset, req.query.limit)
    )

    app.register(async (plain) => {
      const guarded = plain.withTypeProvider<TypeBoxTypeProvider>()
      guarded.addHook('onRequest', authenticate)
      guarded.get(
        '/v1/events/:id/queue/fairness/proof',
        {
          schema: {
            summary: 'My inclusion proof and drawn rank in the pre-queue',
            description: '404 until the entrant list is committed, or when the caller was not pre-queued.',
            tags,
            security: [{ bearer: [] }],
            params: SaleIdParam,
            response: { 200: InclusionProofResponse, ...errorResponses(PUBLIC_ROUTE, BEARER, NAMES_SALE) }
          }
        },
        async (req) => draw.proof(req.params.id, currentUser(req).id)
      )
    })
  }
}
