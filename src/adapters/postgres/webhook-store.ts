import type { Pool } from 'pg'
import type {
  DeliveryOutcome,
  DueDelivery,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEventType,
  WebhookStore
} from '../../domain/webhook-ports.ts'
import { listenFor } from './listen.ts'
import { transaction } from './pool.ts'
import { sql } from './sql.ts'

/** Seals and opens signing secrets (AES-256-GCM, see adapters/webhooks/secret-box.ts). */
export interface SecretSealer {
  seal(plain: string): string
  open(sealed: string): string
}

interface EndpointRow {
  id: string
  url: string
  events: string[]
  disabled: boolean
  created_at: Date
}

interface DeliveryRow {
  id: string
  endpoint_id: string
  event_id: string
  event_type: string
  status: WebhookDelivery['status']
  attempts: number
  next_attempt_at: Date
  last_status_code: number | null
  last_error: string | null
  created_at: Date
  updated_at: Date
  delivered_at: Date | null
}

/**
 * {@link WebhookStore} on PostgreSQL (migrations 0020 and 0021). Endpoint secrets are stored
 * sealed; the fan-out takes events with `FOR UPDATE SKIP LOCKED`, so several dispatchers share the
 * work, and claiming a delivery leases it, so two never send the same one at once.
 */
export class PgWebhookStore implements WebhookStore {
  readonly #pool: Pool
  readonly #secrets: SecretSealer
  readonly #url: string

  /** `url` opens the dedicated LISTEN connection. */
  constructor(pool: Pool, url: string, secrets: SecretSealer) {
    this.#pool = pool
    this.#url = url
    this.#secrets = secrets
  }

  listen(onNotify: () => void, onError: (err: unknown) => void): Promise<() => Promise<void>> {
    return listenFor(this.#url, 'listen-webhooks', 'firstcome-webhooks-listen', onNotify, onError)
  }

  async createEndpoint(endpoint: {
    id: string
    url: string
    events: readonly string[]
    secret: string
  }): Promise<void> {
    await this.#pool.query(sql('insert-webhook-endpoint'), [
      endpoint.id,
      endpoint.url,
      [...endpoint.events],
      this.#secrets.seal(endpoint.secret)
    ])
  }

  async listEndpoints(): Promise<WebhookEndpoint[]> {
    const { rows } = await this.#pool.query<EndpointRow>(sql('select-webhook-endpoints'))
    return rows.map(endpointOf)
  }

  async getEndpoint(id: string): Promise<WebhookEndpoint | undefined> {
    const { rows } = await this.#pool.query<EndpointRow>(sql('select-webhook-endpoint'), [id])
    return rows[0] && endpointOf(rows[0])
  }

  async deleteEndpoint(id: string): Promise<boolean> {
    const { rowCount } = await this.#pool.query(sql('delete-webhook-endpoint'), [id])
    return (rowCount ?? 0) > 0
  }

  async listDeliveries(endpointId: string, limit: number): Promise<WebhookDelivery[]> {
    const { rows } = await this.#pool.query<DeliveryRow>(sql('select-webhook-deliveries'), [
      endpointId,
      limit
    ])
    return rows.map(deliveryOf)
  }

  async redeliver(endpointId: string, deliveryId: string): Promise<WebhookDelivery | undefined> {
    const { rows } = await this.#pool.query<DeliveryRow>(sql('redeliver-webhook-delivery'), [
      endpointId,
      deliveryId
    ])
    return rows[0] && deliveryOf(rows[0])
  }

  async fanOut(limit: number): Promise<number> {
    return transaction(this.#pool, async (client) => {
      const { rows } = await client.query<{ id: string; type: string; sale_id: string; units: number }>(
        sql('lock-webhook-events'),
        [limit]
      )
      if (rows.length === 0) return 0
      // Each sale's count of confirmed units moves on by this batch's confirmations; only a sale
      // whose count reaches its stock has its bookings counted, so a sale of N units is counted
      // about once, not once per fan-out batch (N / batch times, each over every confirmed row).
      const confirmed = new Map<string, number>()
      for (const r of rows)
        if (r.units > 0) confirmed.set(r.sale_id, (confirmed.get(r.sale_id) ?? 0) + r.units)
      if (confirmed.size > 0) {
        const { rows: reached } = await client.query<{ sale_id: string }>(sql('count-confirmed-units'), [
          [...confirmed.keys()],
          [...confirmed.values()]
        ])
        if (reached.length > 0)
          await client.query(sql('insert-sold-out-events'), [reached.map((r) => r.sale_id)])
      }
      await client.query(sql('fan-out-webhook-events'), [rows.map((r) => r.id)])
      return rows.length
    })
  }

  async claimDue(
    limit: number,
    options: { perEndpoint: number; inFlight: ReadonlyMap<string, number>; leaseMs: number }
  ): Promise<DueDelivery[]> {
    const { rows } = await this.#pool.query<{
      id: string
      endpoint_id: string
      attempts: number
      url: string
      secret_enc: string
      type: string
      occurred_at: Date
      data: unknown
    }>(sql('claim-due-webhook-deliveries'), [
      limit,
      options.perEndpoint,
      [...options.inFlight.keys()],
      options.leaseMs,
      [...options.inFlight.values()]
    ])
    return rows.map((r) => ({
      id: r.id,
      endpointId: r.endpoint_id,
      url: r.url,
      secret: this.#secrets.open(r.secret_enc),
      attempts: r.attempts,
      event: { type: r.type, occurredAt: r.occurred_at.toISOString(), data: r.data }
    }))
  }

  async finish(deliveryId: string, outcome: DeliveryOutcome): Promise<void> {
    const status = outcome.status === 'retry' ? 'pending' : outcome.status
    await this.#pool.query(sql('finish-webhook-delivery'), [
      deliveryId,
      status,
      outcome.statusCode,
      outcome.status === 'delivered' ? null : outcome.error.slice(0, 500),
      outcome.status === 'retry' ? outcome.delayMs : 0
    ])
  }
}

function endpointOf(r: EndpointRow): WebhookEndpoint {
  return {
    id: r.id,
    url: r.url,
    events: r.events as WebhookEventType[],
    disabled: r.disabled,
    createdAt: r.created_at.toISOString()
  }
}

function deliveryOf(r: DeliveryRow): WebhookDelivery {
  return {
    id: r.id,
    endpointId: r.endpoint_id,
    eventId: r.event_id,
    eventType: r.event_type,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at.toISOString(),
    lastStatusCode: r.last_status_code,
    lastError: r.last_error,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    deliveredAt: r.delivered_at?.toISOString() ?? null
  }
}
