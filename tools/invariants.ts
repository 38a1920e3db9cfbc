/**
 * The DESIGN's invariants (I1-I7) as facts read from PostgreSQL and Redis, one query each, shared
 * by the chaos run, the benchmarks and the tests' pipeline checks. Each caller decides what it
 * asserts and how it reports; this module only reads. The statements are `invariants/*.sql`.
 */
import type pg from 'pg'
import { sql, sqlFiles } from '../src/adapters/postgres/sql.ts'
import { KeyBuilder } from '../src/adapters/redis/keys.ts'
import type { RedisClient } from '../src/adapters/redis/redis-client.ts'

/** Every statement the invariant checks run, one file each in `invariants/`. */
export const invariantSqlNames = [
  'count-by-status',
  'count-dead-letters',
  'select-approved-not-confirmed',
  'select-failure-reasons',
  'select-last-update',
  'select-not-terminal',
  'select-not-terminal-detail',
  'select-outbox-outcomes',
  'select-seats-confirmed-twice',
  'select-users-over-limit'
] as const

export type InvariantSqlName = (typeof invariantSqlNames)[number]

/** Where the statement files live. */
export const INVARIANT_SQL_DIR = new URL('./invariants/', import.meta.url)

const statement = sqlFiles<InvariantSqlName>(INVARIANT_SQL_DIR)

/** The booking table of a sale: reservations (seated) or claims (coupon). */
export type BookingTable = 'reservations' | 'claims'

const TABLES: readonly BookingTable[] = ['reservations', 'claims']

/** A statement with `{{table}}` set; a table is an identifier, never a bind parameter, so only a known one. */
function forTable(name: InvariantSqlName, table: BookingTable): string {
  if (!TABLES.includes(table)) throw new Error(`not a booking table: ${table}`)
  return statement(name).replaceAll('{{table}}', table)
}

/** A PostgreSQL client or pool. */
export interface Queryable {
  query<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>
}

/** The statuses after which a booking never changes again. */
export const TERMINAL_STATUSES: readonly string[] = ['confirmed', 'failed', 'expired', 'cancelled']

const rows = async <R extends pg.QueryResultRow>(db: Queryable, text: string, values: unknown[]) =>
  (await db.query<R>(text, values)).rows

/** Bookings of one sale per status; a status without bookings counts 0. */
export async function countByStatus(
  db: Queryable,
  table: BookingTable,
  saleId: string
): Promise<(status: string) => number> {
  const byStatus = await rows<{ status: string; n: number }>(db, forTable('count-by-status', table), [saleId])
  return (status) => byStatus.find((r) => r.status === status)?.n ?? 0
}

/** I4: the accepted ids whose booking is missing or not yet in one of `terminal`. */
export async function notTerminal(
  db: Queryable,
  table: BookingTable,
  ids: readonly string[],
  terminal: readonly string[] = TERMINAL_STATUSES
): Promise<string[]> {
  const found = await rows<{ id: string }>(db, forTable('select-not-terminal', table), [ids, terminal])
  return found.map((r) => r.id)
}

/** I1: seats of the sale with two or more confirmed reservations. */
export async function seatsConfirmedTwice(db: Queryable, saleId: string): Promise<string[]> {
  const found = await rows<{ seat_id: string }>(db, statement('select-seats-confirmed-twice'), [saleId])
  return found.map((r) => r.seat_id)
}

/** I3: users with more confirmed or pending bookings than `limit`. */
export async function usersOverLimit(
  db: Queryable,
  table: BookingTable,
  saleId: string,
  limit: number
): Promise<string[]> {
  const found = await rows<{ user_id: string }>(db, forTable('select-users-over-limit', table), [
    saleId,
    limit
  ])
  return found.map((r) => r.user_id)
}

/** One effect per request: the outbox's outcome rows per booking id (`type` null: every type). */
export function outboxOutcomes(
  db: Queryable,
  saleId: string,
  type: string | null = null
): Promise<Array<{ id: string; n: number }>> {
  return rows<{ id: string; n: number }>(db, statement('select-outbox-outcomes'), [saleId, type])
}

/** Reservations holding an approved payment without being confirmed. */
export async function approvedNotConfirmed(db: Queryable, saleId: string): Promise<string[]> {
  const found = await rows<{ id: string }>(db, statement('select-approved-not-confirmed'), [saleId])
  return found.map((r) => r.id)
}

/** When the last of the given bookings changed (epoch ms), null if none did. */
export async function lastUpdate(
  db: Queryable,
  table: BookingTable,
  ids: readonly string[]
): Promise<number | null> {
  const [row] = await rows<{ at: Date | null }>(db, forTable('select-last-update', table), [ids])
  return row?.at ? row.at.getTime() : null
}

/** I5's PostgreSQL side: the sale's held, pending and sold units (the adapters' own statement). */
export async function liveUnits(db: Queryable, saleId: string): Promise<number> {
  const [row] = await rows<{ held: number; pending: number; sold: number }>(db, sql('count-live-units'), [
    saleId
  ])
  return row ? row.held + row.pending + row.sold : Number.NaN
}

/** Why the given reservations ended failed or expired, by reason. */
export async function failureReasons(db: Queryable, ids: readonly string[]): Promise<Record<string, number>> {
  const found = await rows<{ reason: string | null; n: number }>(db, statement('select-failure-reasons'), [
    ids
  ])
  return Object.fromEntries(found.map((r) => [r.reason ?? 'unknown', r.n]))
}

/** Dead letters recorded for the sale, resolved or not. */
export async function deadLetters(db: Queryable, saleId: string): Promise<number> {
  const [row] = await rows<{ n: number }>(db, statement('count-dead-letters'), [saleId])
  return row?.n ?? 0
}

/** Where the first few (5) accepted reservations that are not terminal stand in PostgreSQL. */
export function notTerminalDetail(
  db: Queryable,
  accepted: ReadonlyArray<{ id: string; holdId: string }>
): Promise<Array<{ id: string; status: string | null; mirror: string | null; attempted: boolean }>> {
  return rows(db, statement('select-not-terminal-detail'), [
    accepted.map((a) => a.id),
    accepted.map((a) => a.holdId)
  ])
}

/** I2/I5's Redis side: a sale's stock counters. */
export interface RedisStock {
  capacity: number
  available: number
  held: number
  pending: number
  sold: number
}

const KEYS = new KeyBuilder()

/** The sale's stock counters as Redis holds them (0 when missing). */
export async function redisStock(redis: RedisClient, saleId: string): Promise<RedisStock> {
  const meta = await redis.hmGet(KEYS.sale(saleId).meta, ['capacity', 'available', 'held', 'pending', 'sold'])
  const [capacity = 0, available = 0, held = 0, pending = 0, sold = 0] = meta.map((v) => Number(v ?? 0))
  return { capacity, available, held, pending, sold }
}

/** The state (`st`) of one hold unit in Redis, `none` without one, `?` when it has none. */
export async function redisUnitState(redis: RedisClient, saleId: string, holdId: string): Promise<string> {
  const unit = await redis.hGet(KEYS.sale(saleId).units, holdId).catch(() => null)
  return unit ? ((JSON.parse(unit) as { st?: string }).st ?? '?') : 'none'
}

/**
 * I7 from what the buyers were told: each admitted buyer's access expiry is the time of the
 * admission tick that let them in plus the (fixed) access TTL, so in ticket order those times may
 * never go down. A buyer admitted in an earlier tick than someone with a lower ticket is counted
 * as out of order (buyers skipped for silence are simply not admitted, which the order allows).
 */
export function admissionOrder(admissions: ReadonlyArray<{ ticket: number; until: number }>): {
  admitted: number
  ticks: number
  outOfOrder: number
  unknown: number
  example?: string
} {
  const known = admissions.filter((a) => Number.isFinite(a.until) && a.ticket > 0)
  const sorted = [...known].sort((a, b) => a.ticket - b.ticket)
  let latest: { ticket: number; until: number } | undefined
  let outOfOrder = 0
  let example: string | undefined
  for (const a of sorted) {
    if (latest && a.until < latest.until) {
      outOfOrder++
      example ??= `ticket ${a.ticket} admitted ${latest.until - a.until} ms before ticket ${latest.ticket}`
    }
    if (!latest || a.until > latest.until) latest = a
  }
  return {
    admitted: known.length,
    ticks: new Set(known.map((a) => a.until)).size,
    outOfOrder,
    unknown: admissions.length - known.length,
    ...(example ? { example } : {})
  }
}
