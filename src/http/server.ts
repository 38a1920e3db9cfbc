import type { FastifyInstance } from 'fastify'
import type { Config } from '../config/index.ts'

/** Starts accepting connections on `config.http.host:port`; resolves to the address listened on. */
export async function listen(app: FastifyInstance, config: Config): Promise<string> {
  return app.listen({ port: config.http.port, host: config.http.host })
}

/** Options of {@link installGracefulShutdown}. */
export interface ShutdownOptions {
  /** Signals that start a shutdown; SIGINT and SIGTERM by default. */
  signals?: NodeJS.Signals[]
  /** After this long, connections still open are cut and the process exits with 1; 10 s by default. */
  timeoutMs?: number
  /** Runs after the HTTP server has drained: stop workers, close Redis, Kafka and PostgreSQL clients. */
  onClose?: () => Promise<void>
  /** How to end the process; `process.exit` by default (tests pass a spy). */
  exit?: (code: number) => void
}

/** Returned by {@link installGracefulShutdown}. */
export interface ShutdownHandle {
  /** Starts the shutdown as a signal would; resolves with the exit code once it has run. */
  shutdown(reason: string): Promise<number>
  /** Removes the signal listeners. */
  uninstall(): void
}

/**
 * On the first signal: stop accepting connections, answer requests that still arrive on open
 * connections with 503 FC_UNAVAILABLE, let in-flight requests finish (fastify `close`), run
 * `onClose`, exit 0. A second signal, or the timeout, exits 1 at once: an operator who presses
 * Ctrl-C twice means it, and an orchestrator kills us anyway after its grace period.
 */
export function installGracefulShutdown(app: FastifyInstance, options: ShutdownOptions = {}): ShutdownHandle {
  const signals = options.signals ?? ['SIGINT', 'SIGTERM']
  const timeoutMs = options.timeoutMs ?? 10_000
  const exit = options.exit ?? ((code: number) => process.exit(code))
  let running: Promise<number> | undefined

  const shutdown = (reason: string): Promise<number> => {
    if (running) return running
    app.log.info({ reason, timeoutMs }, 'shutting down: draining in-flight requests')
    running = new Promise<number>((resolve) => {
      let done = false
      const finish = (code: number) => {
        if (done) return
        done = true
        clearTimeout(timer)
        exit(code)
        resolve(code)
      }
      const timer = setTimeout(() => {
        app.log.error({ timeoutMs }, 'shutdown timed out: closing the remaining connections')
        app.server.closeAllConnections()
        finish(1)
      }, timeoutMs)
      timer.unref()
      app
        .close()
        .then(() => options.onClose?.())
        .then(
          () => {
            app.log.info('shut down cleanly')
            finish(0)
          },
          (err: unknown) => {
            app.log.error({ err }, 'shutdown failed')
            finish(1)
          }
        )
    })
    return running
  }

  const onSignal = (signal: NodeJS.Signals) => {
    if (running) {
      app.log.warn({ signal }, 'second signal: exiting now')
      exit(1)
      return
    }
    void shutdown(signal)
  }
  for (const s of signals) process.on(s, onSignal)

  return {
    shutdown,
    uninstall() {
      for (const s of signals) process.off(s, onSignal)
    }
  }
}
