/**
 * Composition of webhooks: the endpoints' admin routes, the target policy (where webhooks may go,
 * by profile and FC_WEBHOOK_ALLOW), the PostgreSQL store with its sealed secrets, the HTTP
 * transport, and the dispatcher, whose outcomes are counted (wire-metrics.ts). Kept beside
 * runtime.ts so the composition root only plugs it in.
 */
import type { FastifyBaseLogger } from 'fastify'
import type { Pool } from 'pg'
import type { Counter } from 'prom-client'
import { PgWebhookStore } from '../adapters/postgres/webhook-store.ts'
import { HttpWebhookTransport } from '../adapters/webhooks/http-transport.ts'
import { SecretBox } from '../adapters/webhooks/secret-box.ts'
import type { Config } from '../config/index.ts'
import type { WebhookTransport } from '../domain/webhook-ports.ts'
import type { FeaturePlugin } from '../http/app.ts'
import { webhookAdminRoutes } from '../http/routes/webhooks-admin.ts'
import { TargetPolicy } from '../services/webhooks/target-policy.ts'
import { attemptDelivery } from '../services/webhooks/webhook-delivery.ts'
import { WebhookService } from '../services/webhooks/webhook-service.ts'
import { WebhookDispatcher } from '../workers/webhook-dispatcher.ts'

/** What {@link createWebhooks} needs from the composition root. */
export interface WebhooksDeps {
  config: Config
  pool: Pool
  /** Delivery attempts by outcome (`firstcome_webhook_deliveries_total`, wire-metrics.ts). */
  outcomes: Counter<'outcome'>
  /** The app's logger, once the app exists. */
  log: () => FastifyBaseLogger | undefined
  /** Another network (tests); node:http(s) by default. */
  transport?: WebhookTransport
}

export interface Webhooks {
  service: WebhookService
  dispatcher: WebhookDispatcher
  plugin: FeaturePlugin
  start(): void
  close(): Promise<void>
}

export function createWebhooks(deps: WebhooksDeps): Webhooks {
  const { config } = deps
  const transport = deps.transport ?? new HttpWebhookTransport()
  // Production calls public addresses only; the development and test profiles may call this machine.
  const targets = new TargetPolicy({
    allowLoopback: config.env !== 'production',
    allow: config.webhooks.allow
  })
  const store = new PgWebhookStore(deps.pool, config.postgres.url, new SecretBox(config.tokens))
  const service = new WebhookService({ store, transport, targets })
  const { outcomes } = deps
  const policy = {
    timeoutMs: config.webhooks.timeoutMs,
    maxAttempts: config.webhooks.maxAttempts,
    backoffMs: config.webhooks.backoffMs,
    backoffMaxMs: config.webhooks.backoffMaxMs
  }
  const dispatcher = new WebhookDispatcher({
    store,
    attempt: (due) => attemptDelivery(due, { transport, targets, policy }),
    concurrency: config.webhooks.concurrency,
    perEndpoint: config.webhooks.endpointConcurrency,
    // Above the longest wait: one request's deadline, the name lookup and the writes around it.
    leaseMs: config.webhooks.timeoutMs * 2 + 10_000,
    pollMs: config.webhooks.pollMs,
    onOutcome: (due, outcome) => {
      outcomes.inc({ outcome: outcome.status === 'failed' ? 'dead' : outcome.status })
      if (outcome.status === 'failed') {
        deps.log()?.error(
          {
            webhookId: due.id,
            endpointId: due.endpointId,
            eventType: due.event.type,
            attempts: due.attempts,
            statusCode: outcome.statusCode,
            error: outcome.error
          },
          'webhook delivery given up after its last attempt: redeliver it from the deliveries list'
        )
      }
    },
    onError: (err) => deps.log()?.error({ err, worker: 'webhook-dispatcher' }, 'webhook dispatcher failed')
  })
  return {
    service,
    dispatcher,
    plugin: webhookAdminRoutes(service),
    start: () => dispatcher.start(),
    close: () => dispatcher.stop()
  }
}
