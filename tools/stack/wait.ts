import { setTimeout as delay } from 'node:timers/promises'

/** Options of {@link pollUntil}. */
export interface PollOptions {
  /** Give up after this long. */
  timeoutMs: number
  /** Pause between two probes. */
  intervalMs: number
  /** Called after each unsuccessful probe with the time spent so far (for progress messages). */
  onWait?: (elapsedMs: number) => void
  /** Stop early (resolving undefined) when this says so, e.g. the process being waited for has exited. */
  abort?: () => boolean
}

/**
 * Polls `probe` until it yields a value other than undefined, or until the deadline.
 * Resolves that value, or undefined on timeout/abort. A probe that throws ends the wait with that error.
 */
export async function pollUntil<T>(
  probe: () => Promise<T | undefined>,
  options: PollOptions
): Promise<T | undefined> {
  const started = Date.now()
  const deadline = started + options.timeoutMs
  for (;;) {
    const value = await probe()
    if (value !== undefined) return value
    if (options.abort?.()) return undefined
    const now = Date.now()
    if (now >= deadline) return undefined
    options.onWait?.(now - started)
    await delay(Math.min(options.intervalMs, deadline - now))
  }
}
