/**
 * The rate-limit sync: adds the requests this process let through to the shared rate limits in
 * Redis and takes the shared state back, so the limits hold across processes without a Redis call
 * on the request path.
 * How often: every `FC_RATE_SYNC_MS` (100 ms by default) in every API process, and once more on
 * shutdown.
 * Cost: nothing when no request came in; otherwise one script call per sale touched, of at most
 * 128 keys each (a longer call would stall Redis for the holds behind it).
 */
import type { RateLimiter } from '../services/traffic/rate-limiter.ts'
import { PeriodicWorker } from './periodic.ts'

export function createRateLimitSyncWorker(deps: {
  limiter: Pick<RateLimiter, 'sync'>
  intervalMs: number
  onError: (err: unknown) => void
}): PeriodicWorker {
  return new PeriodicWorker('rate-limit-sync', deps.intervalMs, () => deps.limiter.sync(), deps.onError)
}
