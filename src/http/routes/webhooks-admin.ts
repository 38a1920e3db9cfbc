import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { WEBHOOK_EVENT_TYPES } from '../../domain/webhook-ports.ts'
import { SECRET_PATTERN } from '../../services/webhooks/signature.ts'
import type { WebhookService } from '../../services/webhooks/webhook-service.ts'
import { requireAdmin } from '../auth.ts'
import { ADMIN, errorResponses, NAMES_SALE, StrictObject, WITH_BODY } from '../schemas.ts'

const tags = ['admin']

const EventType = Type.Union(
  WEBHOOK_EVENT_TYPES.map((t) => Type.Literal(t)),
  { description: 'a webhook event type (docs/webhooks.md)' }
)

const EndpointId = Type.String({ pattern: '^wh_[0-9a-f]{24}$', description: 'a webhook endpoint id' })
const DeliveryId = Type.String({
  pattern: '^msg_[0-9a-f]{32}$',
  description: 'a delivery id (the webhook-id header)'
})

const CreateBody = StrictObject({
  url: Type.String({
    minLength: 8,
    maxLength: 2048,
    pattern: '^https?://',
    description: 'https:// or http://'
  }),
  events: Type.Array(EventType, { minItems: 1, maxItems: WEBHOOK_EVENT_TYPES.length * 2 }),
  secret: Type.Optional(
    Type.String({
      pattern: SECRET_PATTERN,
      description: 'whsec_ and base64 of 24-64 bytes; generated when absent'
    })
  )
})

const Created = Type.Object({
  id: EndpointId,
  secret: Type.String({ description: 'the signing secret, shown this once' })
})

const Endpoint = Type.Object({
  id: EndpointId,
  url: Type.String(),
  events: Type.Array(EventType),
  disabled: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' })
})

const Delivery = Type.Object({
  id: DeliveryId,
  endpointId: EndpointId,
  eventId: Type.String(),
  eventType: Type.String(),
  status: Type.Union([Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('failed')]),
  attempts: Type.Integer({ minimum: 0 }),
  nextAttemptAt: Type.String({ format: 'date-time' }),
  lastStatusCode: Type.Union([Type.Integer(), Type.Null()]),
  lastError: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  deliveredAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()])
})

const IdParam = Type.Object({ id: EndpointId })
const DeliveryParams = Type.Object({ id: EndpointId, deliveryId: DeliveryId })
const DeliveriesQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 }))
})

/**
 * Webhook endpoints (admins only): register one (its URL checked against the target policy, see
 * docs/webhooks.md), list them (never with their secrets), remove one, list an endpoint's recent
 * deliveries and send one again.
 */
export function webhookAdminRoutes(webhooks: WebhookService): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.addHook('onRequest', requireAdmin)

    app.post(
      '/v1/admin/webhooks',
      {
        schema: {
          tags,
          body: CreateBody,
          response: { 201: Created, ...errorResponses(ADMIN, WITH_BODY, ['FC_WEBHOOK_TARGET_REFUSED']) }
        }
      },
      async (req, reply) => {
        const { url, events, secret } = req.body
        const created = await webhooks.create({ url, events, ...(secret === undefined ? {} : { secret }) })
        return reply.code(201).send(created)
      }
    )

    app.get(
      '/v1/admin/webhooks',
      {
        schema: {
          tags,
          response: { 200: Type.Object({ items: Type.Array(Endpoint) }), ...errorResponses(ADMIN) }
        }
      },
      async () => ({ items: await webhooks.list() })
    )

    app.delete(
      '/v1/admin/webhooks/:id',
      {
        schema: {
          tags,
          params: IdParam,
          response: { 204: Type.Null(), ...errorResponses(ADMIN, WITH_BODY, NAMES_SALE) }
        }
      },
      async (req, reply) => {
        await webhooks.remove(req.params.id)
        return reply.code(204).send(null)
      }
    )

    app.get(
      '/v1/admin/webhooks/:id/deliveries',
      {
        schema: {
          tags,
          params: IdParam,
          querystring: DeliveriesQuery,
          response: {
            200: Type.Object({ items: Type.Array(Delivery) }),
            ...errorResponses(ADMIN, NAMES_SALE)
          }
        }
      },
      async (req) => ({ items: await webhooks.deliveries(req.params.id, req.query.limit ?? 100) })
    )

    app.post(
      '/v1/admin/webhooks/:id/deliveries/:deliveryId/redeliver',
      {
        schema: {
          tags,
          params: DeliveryParams,
          response: { 202: Delivery, ...errorResponses(ADMIN, WITH_BODY, NAMES_SALE) }
        }
      },
      async (req, reply) =>
        reply.code(202).send(await webhooks.redeliver(req.params.id, req.params.deliveryId))
    )
  }
}
