import type { FastifyInstance } from 'fastify'
import { collectDefaultMetrics, Histogram, type Registry } from 'prom-client'

/** The HTTP request duration histogram's name, as scraped from `/metrics`. */
export const HTTP_DURATION_METRIC = 'http_request_duration_seconds'

// The hot path answers in about a millisecond; queue streams and payment confirms take seconds.
const BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

/** Label for requests no route matched: a raw URL would let any client create a time series. */
export const UNMATCHED_ROUTE = 'unmatched'

type Labels = 'method' | 'route' | 'status_code'

/**
 * Registers default process metrics and the request duration histogram in `registry`, once: a
 * registry shared by two apps (or already holding process metrics) is reused, not refilled, which
 * would throw on the duplicate names.
 */
export function httpDurationHistogram(registry: Registry): Histogram<Labels> {
  if (registry.getSingleMetric('process_cpu_user_seconds_total') === undefined) {
    collectDefaultMetrics({ register: registry })
  }
  const existing = registry.getSingleMetric(HTTP_DURATION_METRIC)
  if (existing instanceof Histogram) return existing as Histogram<Labels>
  return new Histogram<Labels>({
    name: HTTP_DURATION_METRIC,
    help: 'HTTP request duration in seconds, by method, route pattern and status code',
    labelNames: ['method', 'route', 'status_code'],
    buckets: BUCKETS,
    registers: [registry]
  })
}

/** Observes every response's duration, labelled by the route pattern (never the raw URL). */
export function observeRequests(app: FastifyInstance, histogram: Histogram<Labels>): void {
  app.addHook('onResponse', (req, reply, done) => {
    histogram.observe(
      {
        method: req.method,
        route: req.routeOptions.url ?? UNMATCHED_ROUTE,
        status_code: String(reply.statusCode)
      },
      reply.elapsedTime / 1000
    )
    done()
  })
}
