import type { FastifyInstance } from 'fastify'
import { Counter, collectDefaultMetrics, Gauge, Histogram, type Registry } from 'prom-client'
import type { StreamRegistry } from './sse.ts'

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

/**
 * Gauges of the server-sent event streams (`firstcome_sse_streams`, open now) and counters of
 * those closed because their client stopped reading and those refused by a cap. Registered once
 * per registry (the first app's streams are the ones reported).
 */
export function streamMetrics(registry: Registry, streams: StreamRegistry): void {
  if (registry.getSingleMetric('firstcome_sse_streams') !== undefined) return
  new Gauge({
    name: 'firstcome_sse_streams',
    help: 'Server-sent event streams open in this process',
    registers: [registry],
    collect() {
      this.set(streams.size)
    }
  })
  new Gauge({
    name: 'firstcome_sse_unsent_bytes',
    help: 'Bytes written to open server-sent event streams and not sent yet (slow readers)',
    registers: [registry],
    collect() {
      this.set(streams.unsentBytes())
    }
  })
  let overflows = 0
  new Counter({
    name: 'firstcome_sse_unread_closed_total',
    help: 'Server-sent event streams closed because their client stopped reading (unsent bytes past FC_STREAM_BUFFER_BYTES)',
    registers: [registry],
    collect() {
      this.inc(streams.overflows - overflows)
      overflows = streams.overflows
    }
  })
  const refused = { user: 0, ip: 0, server: 0 }
  new Counter({
    name: 'firstcome_sse_refused_total',
    help: 'Server-sent event streams refused by a cap (FC_STREAMS_PER_USER, _PER_IP, _MAX), by cap',
    labelNames: ['limit'],
    registers: [registry],
    collect() {
      for (const kind of ['user', 'ip', 'server'] as const) {
        this.inc({ limit: kind }, streams.refused[kind] - refused[kind])
        refused[kind] = streams.refused[kind]
      }
    }
  })
}

/** What {@link seatMapMetrics} reads: the seat map service and its stream fan-out. */
export interface SeatMapStats {
  counters: { reads: number; rebuilds: number; encoded: { gzip: number; br: number }; evicted: number }
  bytesSent: { layout: number; state: number; seats: number; stream: number }
  size: number
}

/**
 * The public seat map's work and output: Redis reads of the shared snapshots, versions rebuilt,
 * bodies compressed, body bytes sent by route, open seat streams and sales with a snapshot here.
 */
export function seatMapMetrics(registry: Registry, map: SeatMapStats, streams: { size: number }): void {
  if (registry.getSingleMetric('firstcome_seat_snapshot_rebuilds_total') !== undefined) return
  /** A counter mirroring a number the service counts itself. */
  const mirror = (name: string, help: string, read: () => number) => {
    let last = 0
    new Counter({
      name,
      help,
      registers: [registry],
      collect() {
        const now = read()
        this.inc(now - last)
        last = now
      }
    })
  }
  mirror(
    'firstcome_seat_snapshot_reads_total',
    'Redis reads of seat map snapshots (one per sale per refresh, shared by every request meanwhile)',
    () => map.counters.reads
  )
  mirror(
    'firstcome_seat_snapshot_rebuilds_total',
    'Seat map versions built because seats changed',
    () => map.counters.rebuilds
  )
  mirror(
    'firstcome_seat_snapshot_evicted_total',
    'Seat map snapshots dropped because nobody read them',
    () => map.counters.evicted
  )
  const encoded = { gzip: 0, br: 0 }
  new Counter({
    name: 'firstcome_seat_map_compressions_total',
    help: 'Seat map bodies compressed (once per version and body), by coding',
    labelNames: ['coding'],
    registers: [registry],
    collect() {
      for (const c of ['gzip', 'br'] as const) {
        this.inc({ coding: c }, map.counters.encoded[c] - encoded[c])
        encoded[c] = map.counters.encoded[c]
      }
    }
  })
  const sent = { layout: 0, state: 0, seats: 0, stream: 0 }
  new Counter({
    name: 'firstcome_seat_map_sent_bytes_total',
    help: 'Body bytes the seat map sent (as sent: compressed where the client accepted it), by route',
    labelNames: ['route'],
    registers: [registry],
    collect() {
      for (const r of ['layout', 'state', 'seats', 'stream'] as const) {
        this.inc({ route: r }, map.bytesSent[r] - sent[r])
        sent[r] = map.bytesSent[r]
      }
    }
  })
  new Gauge({
    name: 'firstcome_seat_streams',
    help: 'Seat map change streams open in this process',
    registers: [registry],
    collect() {
      this.set(streams.size)
    }
  })
  new Gauge({
    name: 'firstcome_seat_snapshots',
    help: 'Sales with a seat map snapshot in this process',
    registers: [registry],
    collect() {
      this.set(map.size)
    }
  })
}
