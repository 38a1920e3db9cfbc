import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { DeadLetterReprocessor } from '../../services/pipeline/dlq-reprocessor.ts'
import { requireAdmin } from '../auth.ts'
import {
  ADMIN,
  DeadLetterEntry,
  DeadLetterIdParam,
  DeadLetterList,
  DeadLetterQuery,
  DeadLetterReplayReport,
  DeadLetterReplayRequest,
  errorResponses,
  WITH_BODY
} from '../schemas.ts'

const tags = ['dead letters']

/** The operator's dead-letter console: list, replay to the original topics, give one up. Admins only. */
export function deadLetterRoutes(reprocessor: DeadLetterReprocessor): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.addHook('onRequest', requireAdmin)

    app.get(
      '/v1/admin/dead-letters',
      {
        schema: {
          summary: 'Messages the booking pipeline gave up on',
          tags,
          querystring: DeadLetterQuery,
          response: { 200: DeadLetterList, ...errorResponses(ADMIN) }
        }
      },
      async (req) => {
        const { saleId, limit, all } = req.query
        const items = await reprocessor.list({
          limit: limit ?? 100,
          includeResolved: all ?? false,
          ...(saleId ? { saleId } : {})
        })
        return { depth: await reprocessor.depth(saleId), items }
      }
    )

    app.post(
      '/v1/admin/dead-letters/replay',
      {
        schema: {
          summary: 'Send dead letters back to their topics',
          tags,
          body: DeadLetterReplayRequest,
          response: { 200: DeadLetterReplayReport, ...errorResponses(ADMIN, WITH_BODY) }
        }
      },
      async (req) => {
        const body = req.body ?? {}
        return reprocessor.replay({
          ...(body.saleId ? { saleId: body.saleId } : {}),
          ...(body.limit ? { limit: body.limit } : {})
        })
      }
    )

    app.post(
      '/v1/admin/dead-letters/:id/fail',
      {
        schema: {
          summary: 'Give a dead letter up',
          tags,
          params: DeadLetterIdParam,
          response: {
            200: DeadLetterEntry,
            ...errorResponses(ADMIN, WITH_BODY, ['FC_NOT_FOUND', 'FC_INVALID_STATE'])
          }
        }
      },
      async (req) => reprocessor.fail(req.params.id)
    )
  }
}
