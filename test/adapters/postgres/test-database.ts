import { randomBytes } from 'node:crypto'
import pg from 'pg'

/** The server tests run against: DATABASE_URL, or the local default. */
export const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/firstcome'

/** A database created for one test file. */
export interface TestDatabase {
  name: string
  url: string
  /** Drops the database, closing any connection still open to it. */
  drop: () => Promise<void>
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url)
  u.pathname = `/${database}`
  return u.toString()
}

async function onMaintenanceDb(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(SERVER_URL, 'postgres') })
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}

/** Creates an empty database with a random name on the test server. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `fc_test_${randomBytes(6).toString('hex')}`
  // Identifiers cannot be parameters; the name is generated here and quoted anyway.
  const ident = pg.escapeIdentifier(name)
  await onMaintenanceDb(`CREATE DATABASE ${ident}`)
  return {
    name,
    url: withDatabase(SERVER_URL, name),
    drop: () => onMaintenanceDb(`DROP DATABASE IF EXISTS ${ident} WITH (FORCE)`)
  }
}

/**
 * A stack of cleanups: register each one right after creating its resource, run them all (last
 * first) in afterAll. A cleanup that fails does not stop the others; the first failure is rethrown.
 */
export function cleanupStack(): {
  defer: (cleanup: () => Promise<unknown>) => void
  run: () => Promise<void>
} {
  const cleanups: Array<() => Promise<unknown>> = []
  return {
    defer: (cleanup) => {
      cleanups.push(cleanup)
    },
    run: async () => {
      let failure: unknown
      for (const cleanup of cleanups.splice(0).reverse()) {
        try {
          await cleanup()
        } catch (err) {
          failure ??= err
        }
      }
      if (failure !== undefined) throw failure
    }
  }
}
