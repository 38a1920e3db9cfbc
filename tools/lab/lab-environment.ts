import { randomBytes } from 'node:crypto'
import { setTimeout as delay } from 'node:timers/promises'
import pg from 'pg'
import { createClient } from 'redis'
import { labDatabaseSql, labSql } from './lab-sql.ts'
import type { LabCase, LabEnv, LabSale } from './types.ts'

/** Cumulative PostgreSQL counters of the lab database (pg_stat_database). */
export interface PgCounters {
  xactCommit: number
  xactRollback: number
  tupUpdated: number
  tupInserted: number
  deadlocks: number
}

/** What the database says about one sale after a run. */
export interface SaleOutcome {
  stock: number
  remaining: number
  sold: number
}

/** Where the lab runs: the services, and its own database, Redis prefix and Kafka suffix. */
export interface LabEnvironment {
  env: LabEnv
  /** Creates the `lab_stock` row of a fresh sale. */
  newSale(labCase: LabCase, strategy: string): Promise<LabSale>
  outcome(saleId: string): Promise<SaleOutcome>
  /**
   * The lab database's counters. Backends report statistics when their session ends (or at most
   * once a second while busy), so call this after the strategy's pools are closed; it re-reads
   * until two reads 100 ms apart agree (at most 2 s).
   */
  pgCounters(): Promise<PgCounters>
  /** Total calls of every command (INFO commandstats): server-wide, other clients included. */
  redisCalls(): Promise<number>
  /** Drops the database and deletes the prefix's keys; idempotent. */
  close(): Promise<void>
}

/** Options of {@link openLabEnvironment}. */
export interface LabEnvironmentOptions {
  redisUrl: string
  /** Any database on the server; the lab creates its own `fc_lab_<random>` next to it. */
  databaseUrl: string
  kafkaBrokers: readonly string[]
  poolSize: number
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url)
  u.pathname = `/${database}`
  return u.toString()
}

/** Parses `INFO commandstats` and adds up `calls=` of every command. */
export function sumCommandCalls(info: string): number {
  let total = 0
  for (const m of info.matchAll(/^cmdstat_[^:]+:calls=(\d+)/gm)) total += Number(m[1])
  return total
}

/**
 * Creates the lab's database (schema included) and picks its Redis prefix and Kafka suffix.
 * Register `close` right away: it drops everything this made.
 */
export async function openLabEnvironment(options: LabEnvironmentOptions): Promise<LabEnvironment> {
  const id = randomBytes(5).toString('hex')
  const database = `fc_lab_${id}`
  const maintenance = withDatabase(options.databaseUrl, 'postgres')
  const admin = new pg.Client({ connectionString: maintenance, application_name: 'fc-lab' })
  await admin.connect()
  try {
    await admin.query(labDatabaseSql('create-database', database))
  } finally {
    await admin.end()
  }
  const env: LabEnv = {
    databaseUrl: withDatabase(options.databaseUrl, database),
    redisUrl: options.redisUrl,
    kafkaBrokers: options.kafkaBrokers,
    redisPrefix: `fclab${id}`,
    kafkaSuffix: id,
    poolSize: options.poolSize
  }
  let stats: pg.Client | undefined
  let counters: pg.Client | undefined
  let redis: ReturnType<typeof createClient> | undefined
  let closed = false
  const close = async (): Promise<void> => {
    if (closed) return
    closed = true
    await stats?.end().catch(() => {})
    await counters?.end().catch(() => {})
    if (redis) {
      try {
        for await (const keys of redis.scanIterator({ MATCH: `${env.redisPrefix}:*`, COUNT: 1000 })) {
          if (keys.length > 0) await redis.del(keys)
        }
      } finally {
        redis.destroy()
      }
    }
    const c = new pg.Client({ connectionString: maintenance, application_name: 'fc-lab' })
    await c.connect()
    try {
      await c.query(labDatabaseSql('drop-database', database))
    } finally {
      await c.end()
    }
  }
  try {
    stats = new pg.Client({ connectionString: env.databaseUrl, application_name: 'fc-lab-stats' })
    await stats.connect()
    await stats.query(labSql('create-schema'))
    // Counters are read from the maintenance database: reads there add no transactions to the lab's.
    counters = new pg.Client({ connectionString: maintenance, application_name: 'fc-lab-stats' })
    await counters.connect()
    // A plain client (not the product's wrapper): cleanup needs SCAN's iterator.
    redis = createClient({ url: options.redisUrl, name: 'fc-lab-stats' })
    redis.on('error', () => {})
    await redis.connect()
  } catch (err) {
    await close()
    throw err
  }
  const db = stats
  const statsDb = counters
  const rc = redis
  let sales = 0

  const readCounters = async (): Promise<PgCounters> => {
    // Each statement is its own transaction, so no statistics snapshot outlives it.
    const { rows } = await statsDb.query<PgCounters>(labSql('select-db-stats'), [database])
    const r = rows[0]
    if (!r) throw new Error(`no pg_stat_database row for ${database}`)
    return r
  }

  return {
    env,
    async newSale(labCase, strategy) {
      const saleId = `s${++sales}-${strategy}`
      await db.query(labSql('insert-sale'), [saleId, labCase.stock])
      return { saleId, case: labCase }
    },
    async outcome(saleId) {
      const { rows } = await db.query<SaleOutcome>(labSql('select-outcome'), [saleId])
      const r = rows[0]
      if (!r) throw new Error(`lab sale ${saleId} has no stock row`)
      return r
    },
    async pgCounters() {
      let last = await readCounters()
      for (let i = 0; i < 20; i++) {
        await delay(100)
        const next = await readCounters()
        if (JSON.stringify(next) === JSON.stringify(last)) return next
        last = next
      }
      return last
    },
    async redisCalls() {
      return sumCommandCalls(await rc.info('commandstats'))
    },
    close
  }
}
