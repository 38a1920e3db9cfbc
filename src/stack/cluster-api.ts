/**
 * Several API processes behind one port (`firstcome up --api-processes N`, `serve --processes N`):
 * the calling process becomes a node:cluster primary that forks N `firstcome serve` workers
 * sharing the listening socket, and replaces any worker that dies. Nothing in an API process is
 * shared state: schedulers take a Redis lease, every process subscribes to the queue feed for its
 * own SSE clients and consumes the results topic for its own result streams.
 */
import cluster, { type Worker } from 'node:cluster'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** Options of {@link superviseApiProcesses}. */
export interface ApiFleetOptions {
  count: number
  /** Environment of every worker (REDIS_URL, DATABASE_URL, KAFKA_BROKERS, PORT...). */
  env: Record<string, string | undefined>
  /** Progress and restarts, one line each. */
  onEvent?: (message: string) => void
}

/** The running fleet. */
export interface ApiFleet {
  /** Pids of the workers running now. */
  pids(): number[]
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
  return {
    ready,
    pids: () => [...workers].map((w) => w.process.pid ?? 0).filter((pid) => pid > 0),
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
