import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { LedgerSink } from '../../services/pipeline/ledger-sink.ts'
import { requireAdmin } from '../auth.ts'
import { SaleId } from '../schemas.ts'

const ListQuery = Type.Object({
  saleId: Type.Optional(SaleId),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  all: Type.Optional(Type.Boolean({ description: 'include replayed and dismissed entries' }))
})

const IdParam = Type.Object({ id: Type.String({ pattern: '^[0-9]{1,18}$' }) })

/**
 * Stock-ledger entries PostgreSQL refused (admins only): list them with the reason, replay one
 * after repairing what stood in its way, or dismiss it. While a sale has any waiting, the
 * reconciler reports its drift without repairing it.
 */
export function ledgerDeadLetterRoutes(sink: LedgerSink): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.addHook('onRequest', requireAdmin)

    app.get('/v1/admin/ledger-dead-letters', { schema: { querystring: ListQuery } }, async (req) => {
      const { saleId, limit, all } = req.query
      const items = await sink.list({
        limit: limit ?? 100,
        includeResolved: all ?? false,
        ...(saleId ? { saleId } : {})
      })
      return { depth: await sink.depth(saleId), items }
    })

    app.post('/v1/admin/ledger-dead-letters/:id/replay', { schema: { params: IdParam } }, async (req) =>
      sink.replay(req.params.id)
    )

    app.post('/v1/admin/ledger-dead-letters/:id/dismiss', { schema: { params: IdParam } }, async (req) =>
      sink.dismiss(req.params.id)
    )
  }
}
