import type { FastifyPluginAsync } from 'fastify'
import type { Registry } from 'prom-client'

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

/** Options of {@link healthRoutes}. */
export interface HealthOptions {
  probes: ReadonlyArray<ReadinessProbe>
  warmState?: () => Promise<Record<string, boolean>>
  registry: Registry
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
export async function readiness(options: Omit<HealthOptions, 'registry'>): Promise<ReadyBody> {
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

/** `GET /health`, `GET /ready` and `GET /metrics`. */
export const healthRoutes: FastifyPluginAsync<HealthOptions> = async (app, options) => {
  // Orchestrators poll these every few seconds: keep them out of the info log.
  const quiet = { logLevel: 'warn' } as const

  app.get('/health', quiet, async () => ({ status: 'ok' }))

  app.get('/ready', quiet, async (_req, reply) => {
    const body = await readiness(options)
    return reply.code(body.ready ? 200 : 503).send(body)
  })

  app.get('/metrics', quiet, async (_req, reply) => {
    const text = await options.registry.metrics()
    return reply.type(options.registry.contentType).send(text)
  })
}
