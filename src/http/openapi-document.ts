import { Registry } from 'prom-client'
import { type Config, loadConfig } from '../config/index.ts'
import { build } from './app.ts'
import { accessAdminRoutes, accessBuyerRoutes } from './routes/access-admin.ts'
import { adminRoutes } from './routes/admin.ts'
import { adminEditRoutes } from './routes/admin-edits.ts'
import { adminMetricsRoutes } from './routes/admin-metrics.ts'
import { adminReconcileRoutes } from './routes/admin-reconcile.ts'
import { adminReportRoutes } from './routes/admin-report.ts'
import { buyerRoutes } from './routes/buyer.ts'
import { cancellationRoutes } from './routes/cancellations.ts'
import { challengeRoutes } from './routes/challenge.ts'
import { deadLetterRoutes } from './routes/dead-letters.ts'
import { ledgerDeadLetterRoutes } from './routes/ledger-dead-letters.ts'
import { meRoutes } from './routes/me.ts'
import { queueRoutes } from './routes/queue.ts'
import { queueDrawRoutes } from './routes/queue-draw.ts'
import { seatMapRoutes } from './routes/seat-map.ts'
import { trafficAdminRoutes } from './routes/traffic-admin.ts'
import { webhookAdminRoutes } from './routes/webhooks-admin.ts'

/**
 * A stand-in for every service: whatever is read of it is itself, whatever is called of it
 * resolves. The routes are registered over it and never called, so the document needs no
 * Redis, PostgreSQL or Kafka.
 */
const inert: never = new Proxy(() => undefined, {
  get: (_target, key) => (key === 'then' ? undefined : inert),
  apply: () => Promise.resolve(inert)
}) as never

/**
 * The OpenAPI document of every API route, as `GET /openapi.json` serves it from a development
 * process (dev tokens and `payment.simulate` included), built without any infrastructure. `npm run
 * gen:client` makes the typed client's types from it; a test holds it equal to a full runtime's.
 */
export async function openApiDocument(
  config: Config = loadConfig({ NODE_ENV: 'development', FC_DEV_AUTH: '1', FC_API_DOCS: '0' })
): Promise<Record<string, unknown>> {
  const app = await build({
    config,
    logger: false,
    plugins: [
      trafficAdminRoutes(inert, inert),
      challengeRoutes(inert),
      adminRoutes(inert, inert),
      adminEditRoutes(inert, inert),
      buyerRoutes(inert, inert, { simulatedPayments: config.env !== 'production' }),
      cancellationRoutes(inert),
      seatMapRoutes(inert, inert),
      deadLetterRoutes(inert),
      ledgerDeadLetterRoutes(inert),
      queueRoutes(inert, inert, inert),
      queueDrawRoutes(inert),
      accessAdminRoutes(inert),
      accessBuyerRoutes(inert, { ipLimits: false }),
      meRoutes(inert, inert),
      adminReconcileRoutes(inert),
      adminReportRoutes(inert),
      webhookAdminRoutes(inert),
      adminMetricsRoutes(new Registry())
    ]
  })
  try {
    await app.ready()
    return app.swagger() as unknown as Record<string, unknown>
  } finally {
    await app.close()
  }
}
