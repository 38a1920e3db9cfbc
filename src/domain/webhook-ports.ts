/**
 * The ports of webhooks: the endpoints operators register, the events recorded with each change
 * of a booking's outcome (the `webhook_events` outbox, migration 0020), their deliveries, and the
 * network the dispatcher sends through. Adapters implement them; the webhook service and the
 * dispatcher depend only on these.
 */

/** Every event type a webhook endpoint may subscribe to. */
export const WEBHOOK_EVENT_TYPES = [
  'reservation.confirmed',
  'reservation.failed',
  'reservation.cancelled',
  'claim.issued',
  'claim.failed',
  'refund.completed',
  'sale.sold_out',
  'sale.phase_changed'
] as const

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number]

/** A registered endpoint, as listed (never with its secret). */
export interface WebhookEndpoint {
  id: string
  url: string
  events: WebhookEventType[]
  disabled: boolean
  createdAt: string
}

/** How one delivery of one event to one endpoint stands. */
export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed'

/** A delivery as the operator sees it. */
export interface WebhookDelivery {
  /** The `webhook-id` header: the same on every attempt. */
  id: string
  endpointId: string
  eventId: string
  eventType: string
  status: WebhookDeliveryStatus
  attempts: number
  nextAttemptAt: string
  lastStatusCode: number | null
  lastError: string | null
  createdAt: string
  updatedAt: string
  deliveredAt: string | null
}

/** A delivery taken by a dispatcher, with what it needs to send it. */
export interface DueDelivery {
  id: string
  endpointId: string
  url: string
  /** `whsec_<base64>`, decrypted. */
  secret: string
  /** This attempt included. */
  attempts: number
  event: { type: string; occurredAt: string; data: unknown }
}

/** What became of one attempt. */
export type DeliveryOutcome =
  | { status: 'delivered'; statusCode: number }
  | { status: 'retry'; statusCode: number | null; error: string; delayMs: number }
  | { status: 'failed'; statusCode: number | null; error: string }

/** PostgreSQL: endpoints, the event outbox and the deliveries. */
export interface WebhookStore {
  createEndpoint(endpoint: {
    id: string
    url: string
    events: readonly string[]
    secret: string
  }): Promise<void>
  listEndpoints(): Promise<WebhookEndpoint[]>
  getEndpoint(id: string): Promise<WebhookEndpoint | undefined>
  /** False when there was none. Its deliveries go with it. */
  deleteEndpoint(id: string): Promise<boolean>
  /** An endpoint's most recent deliveries, newest first. */
  listDeliveries(endpointId: string, limit: number): Promise<WebhookDelivery[]>
  /** Sends a delivery again now, with a fresh count of attempts; undefined when it is not the endpoint's. */
  redeliver(endpointId: string, deliveryId: string): Promise<WebhookDelivery | undefined>
  /**
   * In one transaction: takes up to `limit` events not fanned out yet (rows no other dispatcher
   * holds), records `sale.sold_out` for a sale whose confirmed units now reach its stock (its
   * bookings are counted only once the events fanned out so far confirm that many units), adds a
   * pending delivery for each endpoint subscribed to each event, and marks the events fanned out.
   * Returns how many events it took.
   */
  fanOut(limit: number): Promise<number>
  /**
   * Takes up to `limit` due deliveries, keeping each endpoint under `perEndpoint` requests counting
   * the caller's `inFlight` ones, each kept from other dispatchers for `leaseMs`, with its attempt
   * counted.
   */
  claimDue(
    limit: number,
    options: { perEndpoint: number; inFlight: ReadonlyMap<string, number>; leaseMs: number }
  ): Promise<DueDelivery[]>
  /** Records an attempt's outcome. */
  finish(deliveryId: string, outcome: DeliveryOutcome): Promise<void>
  /**
   * Calls `onNotify` whenever a transaction that recorded events commits; resolves once listening,
   * to a function that stops.
   */
  listen(onNotify: () => void, onError: (err: unknown) => void): Promise<() => Promise<void>>
}

/** An HTTP request to an endpoint, sent to an address already checked. */
export interface WebhookRequest {
  url: string
  /** The address the connection goes to (resolved from the URL's host and checked). */
  address: string
  headers: Record<string, string>
  body: string
  timeoutMs: number
}

/** The network: name resolution and the POST itself. */
export interface WebhookTransport {
  /** Every address the host name resolves to (an IP literal: itself). */
  resolve(host: string): Promise<string[]>
  /** Resolves to the answer's status code; throws when no answer came (refused, timeout, TLS). */
  send(request: WebhookRequest): Promise<number>
}
