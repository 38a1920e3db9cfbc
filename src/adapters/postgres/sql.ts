import { readFileSync } from 'node:fs'

/**
 * Every statement the PostgreSQL adapters run, one per file in `sql/` (`$1..$n` parameters, never
 * values spliced into text). The list is closed so a misspelt name fails at compile time, and a
 * test checks it against the directory.
 */
export const sqlNames = [
  'advisory-lock',
  'advisory-unlock',
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
  'insert-ledger-entries',
  'insert-queue-seed',
  'insert-reconcile-report',
  'insert-reservations',
  'insert-sale',
  'insert-schema-migration',
  'insert-seats',
  'insert-timeline-samples',
  'listen-outbox',
  'mark-outbox-published',
  'ping',
  'resolve-failed-event',
  'resolve-ledger-dead-letter',
  'retry-refund',
  'select-bookings-by-user',
  'select-claim',
  'select-failed-event',
  'select-failed-events',
  'select-ledger-changes-since',
  'select-ledger-dead-letter',
  'select-ledger-dead-letters',
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
  'update-sale-status',
  'upsert-holds'
] as const

/** The name of one statement file in `sql/`, without `.sql`. */
export type SqlName = (typeof sqlNames)[number]

/** Where the statement files live. */
export const SQL_DIR = new URL('./sql/', import.meta.url)

const cache = new Map<SqlName, string>()

/** The text of `sql/<name>.sql`, read from disk on first use and cached for the process. */
export function sql(name: SqlName): string {
  let text = cache.get(name)
  if (text === undefined) {
    text = readFileSync(new URL(`${name}.sql`, SQL_DIR), 'utf8').trim()
    cache.set(name, text)
  }
  return text
}
