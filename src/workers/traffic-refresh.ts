/**
 * The traffic-control refresh: reloads the rate-limit overrides and the blocklist other processes
 * may have written to Redis, so every process enforces the same limits and blocks.
 * How often: every second in every API process (workers or not).
 * Cost: two small Redis reads a second (the overrides document, the blocklist version); the whole
 * blocklist only when its version changed, or every few refreshes.
 */
import type { Blocklist } from '../services/traffic/blocklist.ts'
import type { RateLimiter } from '../services/traffic/rate-limiter.ts'
import { PeriodicWorker } from './periodic.ts'

/** How often each process reloads rate-limit overrides and the blocklist from Redis. */
export const CONTROL_REFRESH_MS = 1000

/** Reloads the overrides and the blocklist once. */
export async function refreshTrafficControl(deps: {
  limiter: Pick<RateLimiter, 'refresh'>
  blocklist: Pick<Blocklist, 'refresh'>
}): Promise<void> {
  await Promise.all([deps.limiter.refresh(), deps.blocklist.refresh()])
}

export function createTrafficRefreshWorker(deps: {
  limiter: Pick<RateLimiter, 'refresh'>
  blocklist: Pick<Blocklist, 'refresh'>
  onError: (err: unknown) => void
}): PeriodicWorker {
  return new PeriodicWorker(
    'traffic-control',
    CONTROL_REFRESH_MS,
    () => refreshTrafficControl(deps),
    deps.onError
  )
}
