import type { Counter, Gauge } from 'prom-client'
import type { DeadLetterRetryPolicy } from '../domain/pipeline-ports.ts'
import type { DeadLetterReprocessor } from '../services/pipeline/dlq-reprocessor.ts'
import { PeriodicWorker } from './periodic.ts'

/** What the dead-letter retry schedule needs. */
export interface DeadLetterRetryDeps {
  reprocessor: DeadLetterReprocessor
  /** How often it looks for dead letters whose back-off is over. */
  intervalMs: number
  policy: DeadLetterRetryPolicy
  /** Replays per run, at most. */
  batch: number
  /** Counts replays: `firstcome_dlq_auto_replays_total`. */
  replays: Counter
  /** Dead letters left for an operator: `firstcome_dlq_exhausted`. */
  exhausted: Gauge
  onError: (err: unknown) => void
  /** Told of each run that replayed something (the log). */
  onReplayed?: (ids: readonly string[]) => void
}

/**
 * The dead-letter retry schedule: every `intervalMs` (FC_DLQ_RETRY_INTERVAL_SEC, 30 s), dead
 * bookings and claims whose back-off is over (FC_DLQ_RETRY_BASE_SEC x 2^replays) are sent back to
 * their topic, up to FC_DLQ_RETRY_BATCH per run and FC_DLQ_RETRY_MAX replays per message, before any
 * operator acts; what is left shows in `firstcome_dlq_exhausted` and the console. A run costs one
 * indexed query over the unresolved dead letters plus one publish and one update per replay.
 */
export function createDeadLetterRetryWorker(deps: DeadLetterRetryDeps): PeriodicWorker {
  return new PeriodicWorker(
    'dead-letter-retry',
    deps.intervalMs,
    async () => {
      const report = await deps.reprocessor.retryScheduled({ ...deps.policy, limit: deps.batch })
      if (report.replayed.length > 0) {
        deps.replays.inc(report.replayed.length)
        deps.onReplayed?.(report.replayed)
      }
      deps.exhausted.set(report.exhausted)
    },
    deps.onError
  )
}
