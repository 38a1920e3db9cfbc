import type { Pool } from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPool, isPostgresReady, transaction } from '../../../src/adapters/postgres/pool.ts'
import { cleanupStack, createTestDatabase } from './test-database.ts'

const stack = cleanupStack()
afterAll(() => stack.run())

let pool: Pool

beforeAll(async () => {
  const db = await createTestDatabase()
  stack.defer(db.drop)
  pool = createPool(db.url, { max: 2 })
  stack.defer(() => pool.end())
  await pool.query('CREATE TABLE t (n int PRIMARY KEY)')
})

describe('createPool', () => {
  it('names its connections and bounds statements', async () => {
    const { rows } = await pool.query<{ app: string; timeout: string }>(
      "SELECT current_setting('application_name') AS app, current_setting('statement_timeout') AS timeout"
    )
    expect(rows[0]).toEqual({ app: 'firstcome', timeout: '5s' })
  })
})

describe('isPostgresReady', () => {
  it('is true for a reachable server', async () => {
    expect(await isPostgresReady(pool)).toBe(true)
  })

  it('is false, without throwing, when nothing listens', async () => {
    // Port 1 on loopback refuses at once.
    const down = createPool('postgres://postgres@127.0.0.1:1/postgres', { connectionTimeoutMs: 1000 })
    stack.defer(() => down.end())
    expect(await isPostgresReady(down, 1000)).toBe(false)
  })
})

describe('transaction', () => {
  it('commits what the work did when it resolves', async () => {
    expect(
      await transaction(pool, async (c) => (await c.query('INSERT INTO t VALUES (1) RETURNING n')).rowCount)
    ).toBe(1)
    expect((await pool.query('SELECT n FROM t WHERE n = 1')).rowCount).toBe(1)
  })

  it('rolls back and rethrows when the work throws, and the connection stays usable', async () => {
    const boom = new Error('boom')
    await expect(
      transaction(pool, async (c) => {
        await c.query('INSERT INTO t VALUES (2)')
        throw boom
      })
    ).rejects.toBe(boom)
    await expect(transaction(pool, (c) => c.query('INSERT INTO t VALUES (1)'))).rejects.toMatchObject({
      code: '23505'
    })
    expect((await pool.query('SELECT n FROM t ORDER BY n')).rows).toEqual([{ n: 1 }])
    expect(pool.totalCount).toBeLessThanOrEqual(2)
  })

  it('opens snapshot transactions read-only', async () => {
    await expect(
      transaction(pool, (c) => c.query('INSERT INTO t VALUES (3)'), 'snapshot')
    ).rejects.toMatchObject({
      code: '25006'
    })
  })
})
