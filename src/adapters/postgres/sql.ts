import { readFileSync } from 'node:fs'

/**
 * Every statement the PostgreSQL adapters run, one per file in `sql/` (`$1..$n` parameters, never
 * values spliced into text). The list is closed so a misspelt name fails at compile time, and a
 * test checks it against the directory.
 */
export const sqlNames = [
  'advisory-lock',
  'advisory-unlock',
  'cancel-claim',
  'cancel-reservations',
  'claim-booking-attempts',
  'claim-due-refunds',
  'claim-outbox-batch',
  'count-exhausted-failed-events',
  'count-failed-events',
  'count-ledger-dead-letters',
  'count-refunds',
  'count-live-units',
  'count-live-units-by-user',
  'create-schema-migrations',
  'discard-booking-attempts',
  'fail-stale-claim',
  'finish-refund',
  'fail-stale-reservation',
  'insert-claims',
  'insert-failed-events',
  'insert-ledger-dead-letter',
  'insert-payment-notice',
  'insert-queue-seed',
  'insert-refund',
  'insert-reconcile-report',
  'insert-reservations',
  'insert-sale',
  'insert-schema-migration',
  'insert-seats',
  'insert-webhook-event',
  'insert-timeline-samples',
  'listen-outbox',
  'listen-webhooks',
  'mark-outbox-published',
  'ping',
  'resolve-failed-event',
  'resolve-ledger-dead-letter',
  'retry-refund',
  'select-bookings-by-user',
  'select-cancellable-claim',
  'select-cancellable-reservation',
  'select-claim',
  'select-failed-event',
  'select-failed-events',
  'select-ledger-changes-since',
  'select-ledger-dead-letter',
  'select-ledger-dead-letters',
  'select-payment-notice',
  'select-live-units',
  'select-reservation',
  'select-reservation-seats',
  'select-reservation-statuses',
  'select-retryable-failed-events',
  'select-queue-seed',
  'select-reconcile-reports',
  'select-report-funnel',
  'select-sale',
  'select-sale-failed-events',
  'select-sale-timeline',
  'select-sale-ids',
  'select-recent-sales',
  'select-sales-by-status',
  'select-schema-migrations',
  'select-seats',
  'select-stale-pending',
  'settle-reservations',
  'update-sale-admission',
  'update-sale-cancel-window',
  'update-sale-status',
  'upsert-holds',
  'insert-webhook-endpoint',
  'select-webhook-endpoints',
  'select-webhook-endpoint',
  'delete-webhook-endpoint',
  'select-webhook-deliveries',
  'redeliver-webhook-delivery',
  'lock-webhook-events',
  'insert-sold-out-events',
  'fan-out-webhook-events',
  'claim-due-webhook-deliveries',
  'finish-webhook-delivery'
] as const

/** The name of one statement file in `sql/`, without `.sql`. */
export type SqlName = (typeof sqlNames)[number]

/** Where the statement files live. */
export const SQL_DIR = new URL('./sql/', import.meta.url)

/**
 * A loader for a closed list of statement files in one directory (`<dir>/<name>.sql`, `$1..$n`
 * parameters), each read on first use and cached for the process. The product's statements are
 * {@link sql}; the tools (lab, invariant checks) load theirs with it too.
 */
export function sqlFiles<Name extends string>(dir: URL): (name: Name) => string {
  const cache = new Map<Name, string>()
  return (name) => {
    let text = cache.get(name)
    if (text === undefined) {
      text = readFileSync(new URL(`${name}.sql`, dir), 'utf8').trim()
      cache.set(name, text)
    }
    return text
  }
}

/** The text of `sql/<name>.sql`, read from disk on first use and cached for the process. */
export const sql: (name: SqlName) => string = sqlFiles<SqlName>(SQL_DIR)
