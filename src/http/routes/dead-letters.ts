import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { DeadLetterReprocessor } from '../../services/pipeline/dlq-reprocessor.ts'
import { requireAdmin } from '../auth.ts'
import { SaleId, StrictObject } from '../schemas.ts'

const ListQuery = Type.Object({
  saleId: Type.Optional(SaleId),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  all: Type.Optional(Type.Boolean({ description: 'include resolved dead letters' }))
})

// Bodiless POSTs arrive as null.
const ReplayBody = Type.Union([
  Type.Null(),
  StrictObject({
    saleId: Type.Optional(SaleId),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 }))
  })
])

const IdParam = Type.Object({ id: Type.String({ pattern: '^[0-9]{1,18}$' }) })

/** The operator's dead-letter console: list, replay to the original topics, give one up. Admins only. */
export function deadLetterRoutes(reprocessor: DeadLetterReprocessor): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.addHook('onRequest', requireAdmin)

    app.get('/v1/admin/dead-letters', { schema: { querystring: ListQuery } }, async (req) => {
      const { saleId, limit, all } = req.query
      const items = await reprocessor.list({
        limit: limit ?? 100,
        includeResolved: all ?? false,
        ...(saleId ? { saleId } : {})
      })
      return { depth: await reprocessor.depth(saleId), items }
    })

    app.post('/v1/admin/dead-letters/replay', { schema: { body: ReplayBody } }, async (req) => {
      const body = req.body ?? {}
      return reprocessor.replay({
        ...(body.saleId ? { saleId: body.saleId } : {}),
        ...(body.limit ? { limit: body.limit } : {})
      })
    })

    app.post('/v1/admin/dead-letters/:id/fail', { schema: { params: IdParam } }, async (req) =>
      reprocessor.fail(req.params.id)
    )
  }
}
