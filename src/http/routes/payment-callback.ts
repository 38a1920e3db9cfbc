import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { PaymentCallbacks } from '../../services/payments/payment-callbacks.ts'
import { ANY_ROUTE, errorResponses, WITH_BODY } from '../schemas.ts'

/** Largest callback accepted; a provider's payment event is a few hundred bytes. */
const MAX_CALLBACK_BYTES = 16_384

const CallbackHeaders = Type.Object({
  'fc-provider-signature': Type.Optional(
    Type.String({ maxLength: 1024, description: 't=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">' })
  )
})

const Received = Type.Object(
  {
    received: Type.Literal(true),
    /** True when this event was recorded before (a duplicate delivery or a replay): nothing changed. */
    duplicate: Type.Boolean()
  },
  { additionalProperties: false }
)

/**
 * `POST /v1/payments/callback`: the payment provider's signed callbacks (docs/payments.md). No
 * bearer token: the signature over the exact bytes received is the authentication, so this
 * route reads its JSON body as text and verifies it before anything parses it.
 */
export function paymentCallbackRoutes(callbacks: PaymentCallbacks): FastifyPluginAsyncTypebox {
  return async (app) => {
    // Encapsulated: only this route keeps its body as the text that was signed.
    app.removeContentTypeParser('application/json')
    app.addContentTypeParser(
      'application/json',
      { parseAs: 'string', bodyLimit: MAX_CALLBACK_BYTES },
      (_req, body, done) => done(null, body)
    )
    app.post(
      '/v1/payments/callback',
      {
        schema: {
          headers: CallbackHeaders,
          body: Type.String({
            maxLength: MAX_CALLBACK_BYTES,
            description: "the provider's JSON event, as signed"
          }),
          tags: ['payments'],
          response: { 200: Received, ...errorResponses(ANY_ROUTE, WITH_BODY, ['FC_SIGNATURE_INVALID']) }
        }
      },
      async (req) => {
        const { duplicate } = await callbacks.receive(req.body, req.headers)
        return { received: true as const, duplicate }
      }
    )
  }
}
