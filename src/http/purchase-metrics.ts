import type { FastifyInstance, FastifyReply } from 'fastify'
import { Counter, type Registry } from 'prom-client'

/**
 * The buyers' joins, holds and claims as the API answered them, per open sale and outcome:
 * `firstcome_queue_joins_total`, `firstcome_holds_total`, `firstcome_claims_total`, each
 * `{sale, outcome}`. The outcome is `accepted` for a 2xx answer, else the refusal's code
 * (`FC_SOLD_OUT`, `FC_NOT_ADMITTED`, ...), or `http_<status>` for an answer replayed from an
 * Idempotency-Key record. A sale id outside `openSales()` is counted as `sale="other"`: anyone can
 * put any id in a URL, and a label must never take unbounded values.
 */
const ROUTES: Record<string, { name: string; help: string }> = {
  'POST /v1/events/:id/queue': {
    name: 'firstcome_queue_joins_total',
    help: 'Waiting-room joins answered, by open sale and outcome'
  },
  'POST /v1/events/:id/holds': {
    name: 'firstcome_holds_total',
    help: 'Holds answered, by open sale and outcome'
  },
  'POST /v1/events/:id/claims': {
    name: 'firstcome_claims_total',
    help: 'Coupon claims answered, by open sale and outcome'
  }
}

/** The refusal code each error reply carried (set by `sendErrorReply`). */
export const refusalCodes = new WeakMap<FastifyReply, string>()

export function observePurchases(
  app: FastifyInstance,
  registry: Registry,
  openSales: () => ReadonlySet<string>
): void {
  const counters = new Map<string, Counter<'sale' | 'outcome'>>()
  for (const [route, { name, help }] of Object.entries(ROUTES)) {
    const existing = registry.getSingleMetric(name) as Counter<'sale' | 'outcome'> | undefined
    counters.set(
      route,
      existing ?? new Counter({ name, help, labelNames: ['sale', 'outcome'], registers: [registry] })
    )
  }
  app.addHook('onResponse', (req, reply, done) => {
    const counter = counters.get(`${req.method} ${req.routeOptions.url}`)
    if (counter) {
      const id = (req.params as { id?: string } | undefined)?.id ?? ''
      const status = reply.statusCode
      counter.inc({
        sale: openSales().has(id) ? id : 'other',
        outcome: status < 300 ? 'accepted' : (refusalCodes.get(reply) ?? `http_${status}`)
      })
    }
    done()
  })
}
