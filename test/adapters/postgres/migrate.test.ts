import { cp, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Pool } from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MIGRATIONS_DIR, MigrationError, migrate } from '../../../src/adapters/postgres/migrate.ts'
import { createPool } from '../../../src/adapters/postgres/pool.ts'
import { cleanupStack, createTestDatabase, type TestDatabase } from './test-database.ts'

const stack = cleanupStack()
afterAll(() => stack.run())

let db: TestDatabase
let pool: Pool
let shipped: string[]

beforeAll(async () => {
  db = await createTestDatabase()
  stack.defer(db.drop)
  pool = createPool(db.url, { max: 2 })
  stack.defer(() => pool.end())
  shipped = (await readdir(MIGRATIONS_DIR))
    .filter((f) => f.endsWith('.sql'))
    .map((f) => f.slice(0, -4))
    .sort()
})

async function appliedNames(): Promise<string[]> {
  const { rows } = await pool.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name')
  return rows.map((r) => r.name)
}

/** A private copy of the shipped migrations that a test may edit. */
async function migrationsCopy(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'fc-migrations-'))
  stack.defer(() => rm(dir, { recursive: true, force: true }))
  await cp(fileURLToPath(MIGRATIONS_DIR), dir, { recursive: true })
  return dir
}

describe('migrate', () => {
  it('applies every migration exactly once when 10 processes migrate at once', async () => {
    const pools = Array.from({ length: 10 }, () => {
      const p = createPool(db.url, { max: 1 })
      stack.defer(() => p.end())
      return p
    })
    const results = await Promise.all(pools.map((p) => migrate(p)))

    // Exactly one migrator applied each file; the other nine found it done.
    expect(results.flatMap((r) => r.applied).sort()).toEqual(shipped)
    expect(results.filter((r) => r.applied.length > 0)).toHaveLength(1)
    expect(await appliedNames()).toEqual(shipped)
    const { rows } = await pool.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name"
    )
    // Every table the migrations create is there once (a table created twice would have failed).
    expect(rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining([
        'sales',
        'seats',
        'holds',
        'reservations',
        'claims',
        'payments',
        'stock_ledger',
        'outbox',
        'failed_events',
        'schema_migrations'
      ])
    )
  })

  it('applies nothing on a second run, from a URL as from a pool', async () => {
    expect(await migrate(db.url)).toEqual({ applied: [] })
    expect(await migrate(pool)).toEqual({ applied: [] })
    expect(await appliedNames()).toEqual(shipped)
  })

  it('gives a pooled connection back with its statement timeout restored', async () => {
    await migrate(pool)
    const clients = await Promise.all([pool.connect(), pool.connect()])
    try {
      for (const c of clients) {
        const { rows } = await c.query<{ statement_timeout: string }>('SHOW statement_timeout')
        expect(rows[0]?.statement_timeout).toBe('5s')
      }
    } finally {
      for (const c of clients) c.release()
    }
  })

  it('refuses an applied migration whose file changed, before applying anything', async () => {
    const dir = await migrationsCopy()
    await writeFile(join(dir, '0001_init.sql'), '-- an edit\n', { flag: 'a' })
    await writeFile(join(dir, '9999_later.sql'), 'CREATE TABLE later (id int);\n')
    const run = migrate(db.url, { dir })
    await expect(run).rejects.toBeInstanceOf(MigrationError)
    await expect(run).rejects.toThrow(/0001_init was changed after it was applied/)
    expect(await appliedNames()).toEqual(shipped)
  })

  it('applies a new migration appended after the applied ones, and logs it', async () => {
    const dir = await migrationsCopy()
    await writeFile(join(dir, '9000_add_note.sql'), 'ALTER TABLE sales ADD COLUMN note text;\n')
    const lines: string[] = []
    expect(await migrate(pool, { dir, log: (l) => lines.push(l) })).toEqual({ applied: ['9000_add_note'] })
    expect(lines).toEqual(['applied migration 9000_add_note'])
    expect(await appliedNames()).toEqual([...shipped, '9000_add_note'])
    // Older code (without the new file) still starts against the newer schema.
    expect(await migrate(pool)).toEqual({ applied: [] })
  })

  it('refuses a new migration numbered before an applied one', async () => {
    const dir = await migrationsCopy()
    await writeFile(join(dir, '9000_add_note.sql'), 'ALTER TABLE sales ADD COLUMN note text;\n')
    await writeFile(join(dir, '5000_late.sql'), 'CREATE TABLE late (id int);\n')
    await expect(migrate(pool, { dir })).rejects.toThrow(/5000_late is new but sorts before 9000_add_note/)
  })

  it('rolls a failing migration back entirely', async () => {
    const dir = await migrationsCopy()
    await writeFile(join(dir, '9000_add_note.sql'), 'ALTER TABLE sales ADD COLUMN note text;\n')
    await writeFile(
      join(dir, '9001_broken.sql'),
      'CREATE TABLE half (id int);\nSELECT no_such_column FROM sales;\n'
    )
    await expect(migrate(pool, { dir })).rejects.toThrow(/9001_broken failed and was rolled back/)
    const { rows } = await pool.query<{ t: string | null }>("SELECT to_regclass('public.half')::text AS t")
    expect(rows[0]?.t).toBeNull()
    expect(await appliedNames()).toEqual([...shipped, '9000_add_note'])
    // The lock was released: another migrator gets through at once.
    expect(await migrate(db.url, { dir: await migrationsCopy() })).toEqual({ applied: [] })
  })

  it('refuses a misnamed migration file', async () => {
    const dir = await migrationsCopy()
    await writeFile(join(dir, 'add-stuff.sql'), 'SELECT 1;\n')
    await expect(migrate(pool, { dir })).rejects.toThrow(/add-stuff.sql is misnamed/)
  })
})
