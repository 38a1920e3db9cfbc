/**
 * The typed client of the HTTP API: openapi-fetch over the types `npm run gen:client` writes from
 * the OpenAPI document (`openapi.ts`). Paths, parameters, bodies and answers are checked by the
 * compiler: `api.POST('/v1/events/{id}/holds', { params: { path: { id } }, body: { seatId } })`
 * resolves to `{ data }` (the 201's HoldResponse) or `{ error }` (the error body), with `response`.
 *
 * It runs in browsers and in Node (global fetch). The web app and the tooling import it; the
 * product (the rest of src/) does not.
 */
import createClient, { type Client, type Middleware } from 'openapi-fetch'
import type { paths } from './openapi.ts'

export type { paths }

/** A client of the API. */
export type FirstcomeClient = Client<paths>

/** Options of {@link createFirstcomeClient}. */
export interface FirstcomeClientOptions {
  /** Where the API is, e.g. `http://127.0.0.1:3000`; '' (the default) for the page's own origin. */
  baseUrl?: string
  /** The bearer token sent with every call (a function: asked at each call); none when empty. */
  token?: string | null | (() => string | null | undefined)
  /** Headers sent with every call. */
  headers?: Record<string, string>
  /** Another fetch (tests, instrumented clients). */
  fetch?: (request: Request) => Promise<Response>
}

/** The headers a buyer's inventory call carries: its admission and its Idempotency-Key. */
export function buyerHeaders(
  accessToken: string,
  idempotencyKey: string
): {
  'x-access-token': string
  'idempotency-key': string
} {
  return { 'x-access-token': accessToken, 'idempotency-key': idempotencyKey }
}

/** A client of the API at `baseUrl`, sending `token` as `Authorization: Bearer`. */
export function createFirstcomeClient(options: FirstcomeClientOptions = {}): FirstcomeClient {
  const client = createClient<paths>({
    baseUrl: options.baseUrl ?? '',
    headers: { accept: 'application/json', ...options.headers },
    // Every answer is per user and changes by the second: never from a cache.
    cache: 'no-store',
    ...(options.fetch ? { fetch: options.fetch } : {})
  })
  const { token } = options
  if (token) {
    const bearer: Middleware = {
      onRequest({ request }) {
        const value = typeof token === 'function' ? token() : token
        if (value && !request.headers.has('authorization'))
          request.headers.set('authorization', `Bearer ${value}`)
        return request
      }
    }
    client.use(bearer)
  }
  return client
}
