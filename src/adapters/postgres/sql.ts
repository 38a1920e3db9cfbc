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
  'claim-due-webhook-deliveries',
  'claim-outbox-batch',
  'count-confirmed-units',
  'count-exhausted-failed-events',
  'count-failed-events',
  'count-ledger-dead-letters',
  'count-live-units',
  'count-live-units-by-user',
  'count-refunds',
  'create-schema-migrations',
  'delete-webhook-endpoint',
  'discard-booking-attempts',
  'fail-stale-claim',
  'fail-stale-reservation',
  'fan-out-webhook-events',
  'finish-refund',
  'finish-webhook-delivery',
  'insert-access-allowlist',
  'insert-access-codes',
  'insert-access-redemption',
  'insert-claims',
  'insert-failed-events',
  'insert-ledger-dead-letter',
  'insert-payment-notice',
  'insert-queue-seed',
  'insert-reconcile-report',
  'insert-refund',
  'insert-reservations',
  'insert-sale',
  'insert-sale-audit',
  'insert-schema-migration',
  'insert-seats',
  'insert-sold-out-events',
  'insert-timeline-samples',
  'insert-webhook-endpoint',
  'insert-webhook-event',
  'listen-outbox',
  'listen-webhooks',
  'lock-sale',
  'lock-webhook-events',
  'mark-outbox-published',
  'ping',
  'record-sale-phase',
  'redeliver-webhook-delivery',
  'resolve-failed-event',
  'resolve-ledger-dead-letter',
  'retry-refund',
  'select-access-allowlist',
  'select-access-codes',
  'select-access-redemptions',
  'select-bookings-by-user',
  'select-cancellable-claim',
  'select-cancellable-reservation',
  'select-claim',
  'select-failed-event',
  'select-failed-events',
  'select-ledger-changes-since',
  'select-ledger-dead-letter',
  'select-ledger-dead-letters',
  'select-lifecycle-sales',
  'select-live-units',
  'select-payment-notice',
  'select-queue-seed',
  'select-recent-sales',
  'select-reconcile-reports',
  'select-report-funnel',
  'select-reservation',
  'select-reservation-seats',
  'select-reservation-statuses',
  'select-retryable-failed-events',
  'select-sale',
  'select-sale-access',
  'select-sale-audit',
  'select-sale-failed-events',
  'select-sale-ids',
  'select-sale-timeline',
  'select-sales-by-status',
  'select-schema-migrations',
  'select-seat-index',
  'select-seats',
  'select-stale-pending',
  'select-webhook-deliveries',
  'select-webhook-endpoint',
  'select-webhook-endpoints',
  'settle-reservations',
  'update-sale-admission',
  'update-sale-cancel-window',
  'update-sale-edit',
  'update-sale-status',
  'update-section-prices',
  'upsert-holds',
  'upsert-sale-access',
  'use-access-code',
  'withdraw-seats',
  'insert-entrant-key',
  'insert-ledger-entries',
  'select-entrant-key',
  'upsert-draw-commitment',
  'delete-draw-entrants',
  'insert-draw-entrants',
  'publish-draw-commitment',
  'select-draw-commitment',
  'select-draw-entrants',
  'select-draw-entrant'
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
