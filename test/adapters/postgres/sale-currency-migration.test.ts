/**
 * Migration 0010 on a database that already has sales: they get 'KRW' (their prices were won),
 * every other column is untouched, and the column keeps the ISO 4217 spelling.
 */
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Pool } from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MIGRATIONS_DIR, migrate } from '../../../src/adapters/postgres/migrate.ts'
import { createPool } from '../../../src/adapters/postgres/pool.ts'
import { PgSaleRepository } from '../../../src/adapters/postgres/sale-repository.ts'
import { newSaleId } from '../../../src/domain/ids.ts'
import { cleanupStack, createTestDatabase } from './test-database.ts'

const stack = cleanupStack()
afterAll(() => stack.run())

let pool: Pool
let url: string

beforeAll(async () => {
  const db = await createTestDatabase()
  stack.defer(db.drop)
  url = db.url
  pool = createPool(db.url, { max: 2 })
  stack.defer(() => pool.end())
})

/** The shipped migrations before 0010: the schema a database had before sales had a currency. */
async function migrationsBeforeCurrency(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'fc-migrations-'))
  stack.defer(() => rm(dir, { recursive: true, force: true }))
  for (const file of await readdir(MIGRATIONS_DIR)) {
    if (file.endsWith('.sql') && file < '0010')
      await cp(join(fileURLToPath(MIGRATIONS_DIR), file), join(dir, file))
  }
  return dir
}

describe('0010_sale_currency', () => {
  it('gives the sales already there KRW and changes nothing else of them', async () => {
    await migrate(url, { dir: await migrationsBeforeCurrency() })
    const old = [newSaleId(), newSaleId()]
    for (const id of old) {
      await pool.query(
        `INSERT INTO sales (id, name, kind, capacity, per_user_limit, hold_ttl_sec, status, admission, challenge, sections)
         VALUES ($1, 'before currencies', 'seated', 2, 1, 300, 'open', '{"ratePerSec":1,"maxActive":1,"accessTtlSec":60,"paused":false}',
           '{"difficulty":0}', '[{"name":"S","rows":1,"seatsPerRow":1,"price":60000},{"name":"A","rows":1,"seatsPerRow":1,"price":40000}]')`,
        [id]
      )
    }
    const before = await pool.query('SELECT * FROM sales ORDER BY id')

    const { applied } = await migrate(url)
    expect(applied).toContain('0010_sale_currency')

    const after = await pool.query('SELECT * FROM sales ORDER BY id')
    // Later migrations add columns of their own too: 0023 a cancellation window (0 for these), 0040
    // the timeline and the recorded phase (none yet: the lifecycle worker records the first).
    expect(after.rows).toEqual(
      before.rows.map((r) => ({
        ...r,
        currency: 'KRW',
        cancel_window_sec: 0,
        pre_queue_opens_at: null,
        closes_at: null,
        max_waiting: null,
        phase: null,
        phase_seq: 0
      }))
    )
    const repo = new PgSaleRepository(pool)
    for (const id of old) {
      const sale = await repo.getSale(id)
      expect(sale).toMatchObject({ currency: 'KRW', sections: [{ name: 'S' }, { name: 'A' }] })
    }
  })

  it('keeps the spelling: three upper-case letters', async () => {
    for (const currency of ['krw', 'KRWX', '']) {
      await expect(
        pool.query(
          `INSERT INTO sales (id, name, kind, capacity, per_user_limit, hold_ttl_sec, status, admission, challenge, sections, currency)
           VALUES ($1, 'x', 'coupon', 1, 1, 300, 'open', '{}', '{}', '[]', $2)`,
          [newSaleId(), currency]
        )
      ).rejects.toMatchObject({ code: '23514' })
    }
  })
})
