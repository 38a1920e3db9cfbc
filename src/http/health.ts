import type { FastifyPluginAsync } from 'fastify'
import {
  ANY_ROUTE,
  errorResponses,
  HealthResponse,
  MetricsText,
  PUBLIC_ROUTE,
  ReadyResponse
} from './schemas.ts'

/** One dependency `/ready` checks (Redis, PostgreSQL, Kafka...). */
export interface ReadinessProbe {
  /** The key under `checks` in the `/ready` answer. */
  name: string
  /** Resolves true when the dependency answers; false or a throw means not ready. */
  check(): Promise<boolean>
}

/** The `/ready` answer, the same shape with 200 and with 503. */
export interface ReadyBody {
  ready: boolean
  checks: Record<string, boolean>
  events: Record<string, boolean>
}

/** What {@link readiness} checks. */
export interface ReadinessOptions {
  probes: ReadonlyArray<ReadinessProbe>
  warmState?: () => Promise<Record<string, boolean>>
  /** Each probe's time limit: a hung dependency must not hang the orchestrator's probe too. */
  probeTimeoutMs: number
}

/** The `checks` key that reports whether the per-event warm-up state could be read. */
export const WARMUP_CHECK = 'warmup'

async function within<T>(ms: number, work: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms)
  })
  try {
    return await Promise.race([work(), timeout])
  } finally {
    clearTimeout(timer)
  }
}

/** Runs every probe in parallel, each under its own time limit; also reads the warm-up state. */
export async function readiness(options: ReadinessOptions): Promise<ReadyBody> {
  const { probes, warmState, probeTimeoutMs } = options
  const [results, events] = await Promise.all([
    Promise.all(
      probes.map(async (p) => {
        try {
          return [p.name, (await within(probeTimeoutMs, () => p.check())) === true] as const
        } catch {
          return [p.name, false] as const
        }
      })
    ),
    warmState
      ? within(probeTimeoutMs, warmState).then(
          (state) => state,
          () => undefined
        )
      : Promise.resolve({})
  ])
  const checks: Record<string, boolean> = Object.fromEntries(results)
  // Warm-up per event is reported, not gated on: a sale still warming is closed on its own, the
  // others keep selling. Failing to read the state at all does mean this process can't serve.
  if (warmState) checks[WARMUP_CHECK] = events !== undefined
  const ready = Object.values(checks).every(Boolean)
  return { ready, checks, events: events ?? {} }
}

/**
 * `read`, run at most once per `ms` and its answer shared by every caller meanwhile (a failed
 * answer too: a probe's failure is an answer).
 */
export function cacheFor<T>(
  ms: number,
  read: () => Promise<T>,
  now: () => number = Date.now
): () => Promise<T> {
  let last: { at: number; answer: Promise<T> } | undefined
  return () => {
    if (last && now() - last.at < ms) return last.answer
    const answer = read()
    last = { at: now(), answer }
    return answer
  }
}

/**
 * {@link readiness}, run at most once per `cacheMs` (`FC_READY_CACHE_MS`): each answer costs a query to
 * PostgreSQL, Redis and Kafka plus a read of every sale's warm state, so a burst of probes (or
 * someone polling the listener in a loop) must not multiply it.
 */
export function cachedReadiness(
  options: ReadinessOptions & { cacheMs: number; now?: () => number }
): () => Promise<ReadyBody> {
  return cacheFor(options.cacheMs, () => readiness(options), options.now)
}

/**
 * `GET /health` on the public listener: the process is up, nothing more. It does no I/O, names no
 * sale, and passes the blocklist like every other public route; readiness and metrics are on the
 * internal listener (`src/http/internal.ts`).
 */
export const healthRoutes: FastifyPluginAsync = async (app) => {
  // Orchestrators poll it every few seconds: keep it out of the info log.
  app.get(
    '/health',
    {
      logLevel: 'warn',
      schema: {
        summary: 'Liveness: the process is up',
        tags: ['operations'],
        response: { 200: HealthResponse, ...errorResponses(PUBLIC_ROUTE) }
      }
    },
    async () => ({ status: 'ok' as const })
  )
}

/** Options of {@link operationalRoutes}. */
export interface OperationalOptions {
  /** The `/ready` answer: 200 when `ready`, else 503, with the body as it is. */
  readiness: () => Promise<{ ready: boolean }>
  /** The `/metrics` text (Prometheus exposition format) and its content type. */
  metrics: { contentType: string; text: () => Promise<string> }
}

/** `GET /health`, `GET /ready` and `GET /metrics`: the internal listener's routes. */
export const operationalRoutes: FastifyPluginAsync<OperationalOptions> = async (app, options) => {
  const quiet = { logLevel: 'warn' } as const
  const errors = errorResponses(ANY_ROUTE)

  app.get('/health', { ...quiet, schema: { response: { 200: HealthResponse, ...errors } } }, async () => ({
    status: 'ok' as const
  }))

  app.get(
    '/ready',
    { ...quiet, schema: { response: { 200: ReadyResponse, 503: ReadyResponse } } },
    async (_req, reply) => {
      const body = await options.readiness()
      return reply.code(body.ready ? 200 : 503).send(body)
    }
  )

  app.get(
    '/metrics',
    { ...quiet, schema: { response: { 200: MetricsText, ...errors } } },
    async (_req, reply) => {
      const text = await options.metrics.text()
      return reply.type(options.metrics.contentType).send(text)
    }
  )
}
