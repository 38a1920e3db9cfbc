/**
 * Several API processes behind one port (`firstcome up --api-processes N`, `serve --processes N`):
 * the calling process becomes a node:cluster primary that forks N `firstcome serve` workers
 * sharing the listening socket, and replaces any worker that dies. Nothing in an API process is
 * shared state: schedulers take a Redis lease, every process subscribes to the queue feed for its
 * own SSE clients and consumes the results topic for its own result streams.
 *
 * The internal listener (`/ready`, `/metrics`) is the primary's, one address for the whole fleet:
 * the workers do not open one (N processes cannot share one port for it, and a scraper wants one
 * target). `/metrics` is every worker's registry summed by prom-client's AggregatorRegistry (the
 * pipeline gauges, which every worker reads alike, take the largest value instead); `/ready` asks
 * every worker over IPC for its own (cached) readiness and is ready when all of them are.
 *
 * Part of the service (`serve --processes N` runs in production), so it lives beside the command and
 * not with the local stack in tools/.
 */

import cluster, { type Worker } from 'node:cluster'
import { randomUUID } from 'node:crypto'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { AggregatorRegistry, type Registry } from 'prom-client'

/** Options of {@link superviseApiProcesses}. */
export interface ApiFleetOptions {
  count: number
  /** Environment of every worker (REDIS_URL, DATABASE_URL, KAFKA_BROKERS, PORT...). */
  env: Record<string, string | undefined>
  /** Progress and restarts, one line each. */
  onEvent?: (message: string) => void
}

/** The fleet's readiness: ready when every worker answered ready; each worker's answer by pid. */
export interface FleetReadiness {
  ready: boolean
  /** How many workers should be running. */
  expected: number
  processes: Record<string, unknown>
}

/** The running fleet. */
export interface ApiFleet {
  /** Pids of the workers running now. */
  pids(): number[]
  /** Asks every worker for its readiness (a worker that does not answer within 2 s is not ready). */
  readiness(): Promise<FleetReadiness>
  /** Every worker's metrics, summed, in Prometheus text. */
  metrics(): Promise<string>
  /** The content type of {@link metrics}. */
  metricsContentType: string
  /** Resolves once every worker listens (or rejects when one exits before). */
  ready: Promise<void>
  /** Stops every worker gracefully (SIGTERM: they drain) and stops replacing them. */
  stop(): Promise<void>
}

const bin = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'firstcome.mjs')

/** Forks `count` API workers and keeps that many running until {@link ApiFleet.stop}. */
export function superviseApiProcesses(options: ApiFleetOptions): ApiFleet {
  if (!cluster.isPrimary) throw new Error('superviseApiProcesses must run in the primary process')
  const say = options.onEvent ?? (() => {})
  cluster.setupPrimary({ exec: bin, args: ['serve'], silent: false })
  const env = Object.fromEntries(Object.entries(options.env).filter(([, v]) => v !== undefined)) as Record<
    string,
    string
  >
  let stopping = false
  const workers = new Set<Worker>()
  const fork = (): Promise<void> => {
    const worker = cluster.fork(env)
    const forkedAt = Date.now()
    workers.add(worker)
    worker.once('exit', (code, signal) => {
      workers.delete(worker)
      if (stopping) return
      say(`API process ${worker.process.pid} exited (${signal ?? code}); starting a replacement`)
      const again = Date.now()
      fork().then(
        () => say(`replacement API process listening ${Date.now() - again} ms after the exit`),
        () => {}
      )
    })
    return new Promise<void>((resolve, reject) => {
      worker.once('listening', () => {
        say(`API process ${worker.process.pid} listening after ${Date.now() - forkedAt} ms`)
        resolve()
      })
      worker.once('exit', () =>
        reject(new Error(`API process ${worker.process.pid} exited before listening`))
      )
    })
  }
  const ready = Promise.all(Array.from({ length: options.count }, fork)).then(() => undefined)
  ready.catch(() => {})
  const aggregator = new AggregatorRegistry()
  return {
    ready,
    pids: () => [...workers].map((w) => w.process.pid ?? 0).filter((pid) => pid > 0),
    async readiness() {
      const answers = await Promise.all(
        [...workers].map(async (w) => [String(w.process.pid), await askReadiness(w)] as const)
      )
      return {
        ready: answers.length === options.count && answers.every(([, a]) => a.ready),
        expected: options.count,
        processes: Object.fromEntries(answers)
      }
    },
    metrics: () => aggregator.clusterMetrics(),
    metricsContentType: aggregator.contentType,
    async stop() {
      stopping = true
      await Promise.all(
        [...workers].map(
          (worker) =>
            new Promise<void>((resolve) => {
              if (worker.isDead()) return resolve()
              const timer = setTimeout(() => worker.process.kill('SIGKILL'), 15_000)
              worker.once('exit', () => {
                clearTimeout(timer)
                resolve()
              })
              worker.process.kill('SIGTERM')
            })
        )
      )
    }
  }
}

const READY_QUESTION = 'firstcome:ready?'
const READY_ANSWER = 'firstcome:ready'
const READY_WAIT_MS = 2000

interface ReadyMessage {
  type: string
  id: string
  body?: { ready: boolean }
}

function isReadyMessage(m: unknown, type: string): m is ReadyMessage {
  return typeof m === 'object' && m !== null && (m as ReadyMessage).type === type
}

/** One worker's readiness over IPC; not ready if it does not answer in time. */
function askReadiness(worker: Worker): Promise<{ ready: boolean }> {
  if (!worker.isConnected()) return Promise.resolve({ ready: false })
  const id = randomUUID()
  return new Promise((resolve) => {
    const onMessage = (m: unknown) => {
      if (!isReadyMessage(m, READY_ANSWER) || m.id !== id) return
      finish(m.body ?? { ready: false })
    }
    const finish = (body: { ready: boolean }) => {
      clearTimeout(timer)
      worker.off('message', onMessage)
      resolve(body)
    }
    const timer = setTimeout(() => finish({ ready: false }), READY_WAIT_MS)
    worker.on('message', onMessage)
    worker.send({ type: READY_QUESTION, id })
  })
}

/**
 * In an API worker: answers the primary's readiness questions with this process's own, and hands
 * it this process's metrics (`registry`) when it collects the fleet's.
 */
export function answerPrimary(readiness: () => Promise<{ ready: boolean }>, registry: Registry): void {
  if (!cluster.isWorker) return
  // Constructing one installs prom-client's answer to the primary's metrics requests.
  new AggregatorRegistry()
  AggregatorRegistry.setRegistries([registry])
  process.on('message', (m: unknown) => {
    if (!isReadyMessage(m, READY_QUESTION)) return
    readiness().then(
      (body) => process.send?.({ type: READY_ANSWER, id: m.id, body }),
      () => process.send?.({ type: READY_ANSWER, id: m.id, body: { ready: false } })
    )
  })
}
