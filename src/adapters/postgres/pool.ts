import type { Pool, PoolClient } from 'pg'
import pg from 'pg'
import { sql } from './sql.ts'

/** Options of {@link createPool}; every field has a default suited to the API and worker processes. */
export interface PoolOptions {
  /**
   * Most connections the pool opens (default 10). Seed 004: size it to the number of concurrent
   * database users (consumer batches, API reads) plus headroom, not to the request rate.
   */
  max?: number
  /** Server-side limit of one statement, ms (default 5000): a stuck query fails instead of piling up. */
  statementTimeoutMs?: number
  /** How long to wait for a connection before failing, ms (default 5000). */
  connectionTimeoutMs?: number
  /** Idle connections close after this long, ms (default 30000). */
  idleTimeoutMs?: number
  /** Shown in pg_stat_activity (default 'firstcome'). */
  applicationName?: string
  /**
   * Called when an idle connection fails (server restart, network cut). The pool drops that
   * connection by itself; without a listener node-postgres would crash the process instead.
   */
  onError?: (err: Error) => void
}

/** Creates the connection pool every PostgreSQL adapter shares. */
export function createPool(url: string, options: PoolOptions = {}): Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    statement_timeout: options.statementTimeoutMs ?? 5000,
    // A client that dies inside a transaction must not keep its row locks for long.
    idle_in_transaction_session_timeout: 60_000,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 5000,
    idleTimeoutMillis: options.idleTimeoutMs ?? 30_000,
    application_name: options.applicationName ?? 'firstcome'
  })
  pool.on('error', (err) => options.onError?.(err))
  return pool
}

/**
 * True when the server answers a trivial query within `timeoutMs`; never throws. Used by `/ready`
 * and by the local stack to decide whether a configured server can be reused.
 */
export async function isPostgresReady(pool: Pool, timeoutMs = 2000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs)
  })
  const probe = pool.query<{ ok: number }>(sql('ping')).then(
    (r) => r.rows[0]?.ok === 1,
    () => false
  )
  try {
    return await Promise.race([probe, timeout])
  } finally {
    clearTimeout(timer)
  }
}

/** Transaction modes {@link transaction} can open. */
export type TransactionMode = 'read-write' | 'snapshot'

// Transaction control carries no values, so it stays here rather than in sql/.
const BEGIN: Record<TransactionMode, string> = {
  'read-write': 'BEGIN',
  // One consistent view over several reads (e.g. a sale, its seats and its holds for warm-up).
  snapshot: 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY'
}

/**
 * Runs `work` in one transaction on one pooled connection: commits when it resolves, rolls back
 * when it throws (and rethrows). A connection whose rollback fails is destroyed, not reused.
 */
export async function transaction<T>(
  pool: Pool,
  work: (client: PoolClient) => Promise<T>,
  mode: TransactionMode = 'read-write'
): Promise<T> {
  const client = await pool.connect()
  let broken: Error | undefined
  // A checked-out client has no error listener of the pool's: a connection that drops between two
  // statements would otherwise crash the process. The next statement fails and the client is
  // discarded on release instead.
  const onError = (err: Error) => {
    broken = err
  }
  client.on('error', onError)
  try {
    await client.query(BEGIN[mode])
    const result = await work(client)
    await client.query('COMMIT')
    return result
  } catch (err) {
    await client.query('ROLLBACK').catch((rollbackErr: Error) => {
      broken = rollbackErr
    })
    throw err
  } finally {
    client.off('error', onError)
    client.release(broken)
  }
}
