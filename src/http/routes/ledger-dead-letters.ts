import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { LedgerSink } from '../../services/pipeline/ledger-sink.ts'
import { requireAdmin } from '../auth.ts'
import {
  ADMIN,
  DeadLetterIdParam,
  errorResponses,
  LedgerDeadLetter,
  LedgerDeadLetterList,
  LedgerDeadLetterQuery,
  WITH_BODY
} from '../schemas.ts'

const tags = ['dead letters']
const ONE = {
  tags,
  params: DeadLetterIdParam,
  response: {
    200: LedgerDeadLetter,
    ...errorResponses(ADMIN, WITH_BODY, ['FC_NOT_FOUND', 'FC_INVALID_STATE'])
  }
}

/**
 * Stock-ledger entries PostgreSQL refused (admins only): list them with the reason, replay one
 * after repairing what stood in its way, or dismiss it. While a sale has any waiting, the
 * reconciler reports its drift without repairing it.
 */
export function ledgerDeadLetterRoutes(sink: LedgerSink): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.addHook('onRequest', requireAdmin)

    app.get(
      '/v1/admin/ledger-dead-letters',
      {
        schema: {
          summary: 'Stock-ledger entries PostgreSQL refused',
          tags,
          querystring: LedgerDeadLetterQuery,
          response: { 200: LedgerDeadLetterList, ...errorResponses(ADMIN) }
        }
      },
      async (req) => {
        const { saleId, limit, all } = req.query
        const items = await sink.list({
          limit: limit ?? 100,
          includeResolved: all ?? false,
          ...(saleId ? { saleId } : {})
        })
        return { depth: await sink.depth(saleId), items }
      }
    )

    app.post(
      '/v1/admin/ledger-dead-letters/:id/replay',
      { schema: { summary: 'Apply a ledger entry again, after repairing what stood in its way', ...ONE } },
      async (req) => sink.replay(req.params.id)
    )

    app.post(
      '/v1/admin/ledger-dead-letters/:id/dismiss',
      { schema: { summary: 'Give a ledger entry up', ...ONE } },
      async (req) => sink.dismiss(req.params.id)
    )
  }
}
