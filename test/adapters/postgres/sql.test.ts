import { readdir } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { SQL_DIR, sql, sqlNames } from '../../../src/adapters/postgres/sql.ts'

describe('sql', () => {
  it('lists exactly the statement files in sql/', async () => {
    const files = (await readdir(fileURLToPath(SQL_DIR)))
      .filter((f) => f.endsWith('.sql'))
      .map((f) => f.slice(0, -4))
    expect([...sqlNames].sort()).toEqual(files.sort())
  })

  it('loads every statement, once', () => {
    for (const name of sqlNames) {
      const text = sql(name)
      expect(text.length).toBeGreaterThan(0)
      expect(sql(name)).toBe(text)
    }
  })
})
