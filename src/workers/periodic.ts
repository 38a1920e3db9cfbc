/**
 * Runs `tick` every `intervalMs` until stopped; a tick never overlaps the previous one, and stop()
 * waits for the running tick to finish (drain on shutdown).
 */
export class PeriodicWorker {
  readonly name: string
  readonly #tick: () => Promise<void>
  readonly #intervalMs: number
  readonly #onError: (err: unknown) => void
  #timer: NodeJS.Timeout | undefined
  #running: Promise<void> | undefined
  #stopped = true

  constructor(name: string, intervalMs: number, tick: () => Promise<void>, onError: (err: unknown) => void) {
    this.name = name
    this.#intervalMs = intervalMs
    this.#tick = tick
    this.#onError = onError
  }

  start(): void {
    if (!this.#stopped) return
    this.#stopped = false
    this.#schedule()
  }

  /** Runs one tick now (tests and CLI commands use it). */
  async runOnce(): Promise<void> {
    await this.#tick()
  }

  async stop(): Promise<void> {
    this.#stopped = true
    clearTimeout(this.#timer)
    await this.#running
  }

  #schedule(): void {
    if (this.#stopped) return
    this.#timer = setTimeout(() => {
      this.#running = this.#tick()
        .catch(this.#onError)
        .finally(() => {
          this.#running = undefined
          this.#schedule()
        })
    }, this.#intervalMs)
    this.#timer.unref()
  }
}
