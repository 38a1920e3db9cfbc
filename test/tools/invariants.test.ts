/** The shared invariant checks' pieces that need no services. */
import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { INVARIANT_SQL_DIR, invariantSqlNames } from '../../tools/invariants.ts'

describe('invariant SQL', () => {
  it('lists exactly the files in tools/invariants', () => {
    const files = readdirSync(fileURLToPath(INVARIANT_SQL_DIR))
      .filter((f) => f.endsWith('.sql'))
      .map((f) => f.slice(0, -4))
      .sort()
    expect(files).toEqual([...invariantSqlNames].sort())
  })
})
