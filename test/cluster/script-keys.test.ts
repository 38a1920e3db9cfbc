/**
 * Static checks that every Lua script can run on a Redis Cluster: it touches only the keys it is
 * given (KEYS[1..n], n from its file name, any KEYS[...] for a `-n` script), never builds a key name, and never uses the global
 * `fc:sales` index. The TypeScript side is checked at run time in cluster.test.ts (every call's
 * keys share one hash tag) and by the cluster itself (CROSSSLOT otherwise).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { KeyBuilder } from '../../src/adapters/redis/keys.ts'

const luaDir = join(import.meta.dirname, '..', '..', 'src', 'adapters', 'redis', 'lua')
const files = readdirSync(luaDir).filter((f) => f.endsWith('.lua'))

/** Commands whose first argument is not a key. */
const KEYLESS = new Set(['TIME', 'PUBLISH', 'SPUBLISH'])

/** The Lua text without comments, so documentation never counts as code. */
function code(text: string): string {
  return text.replace(/--\[\[[\s\S]*?\]\]/g, '').replace(/--[^\n]*/g, '')
}

describe('Lua scripts on a Redis Cluster', () => {
  it('finds the scripts', () => {
    expect(files.length).toBeGreaterThan(10)
  })

  for (const file of files) {
    it(`${file}: uses only KEYS[1..n] and builds no key`, () => {
      // `-n`: the caller passes a varying number of keys, all of one slot (see cluster.test.ts).
      const suffix = /-(\d+|n)\.lua$/.exec(file)?.[1]
      const declared = suffix === 'n' ? Number.POSITIVE_INFINITY : Number(suffix)
      const body = code(readFileSync(join(luaDir, file), 'utf8'))
      const used = [...body.matchAll(/KEYS\[(\d+)\]/g)].map((m) => Number(m[1]))
      expect(
        used.every((i) => i >= 1 && i <= declared),
        `KEYS index beyond ${declared}`
      ).toBe(true)
      // A key passed whole: never `KEYS[i] .. suffix`, never a literal key name.
      expect(body).not.toMatch(/KEYS\[[^\]]+\]\s*\.\./)
      expect(body).not.toMatch(/['"]fc:/)
      for (const call of body.matchAll(
        /redis\.p?call\(\s*'([A-Za-z]+)'\s*((?:,\s*'[A-Za-z]+')*)\s*(?:,\s*([^,)]+))?/g
      )) {
        const command = `${call[1] ?? ''}${call[2] ?? ''}`.toUpperCase()
        const first = (call[3] ?? '').trim()
        if (KEYLESS.has(call[1]?.toUpperCase() ?? '') || first === '') continue
        // The key argument is one of KEYS (by number or loop index), or a table entry filled from KEYS.
        const fromKeys = declared === Number.POSITIVE_INFINITY ? /^KEYS\[[^\]]+\]$/ : /^KEYS\[(\d+|[a-z])\]$/
        expect(fromKeys.test(first) || /^[a-z]+\[1\]$/.test(first), `${command} ${first}`).toBe(true)
      }
    })
  }

  it('the only key outside a hash tag is the sales index, and no script takes it', () => {
    const keys = new KeyBuilder('fc')
    expect(keys.salesIndex()).toBe('fc:sales')
    const sale = { ...keys.sale('s1'), ...keys.queue('s1') }
    for (const key of Object.values(sale)) expect(key.startsWith('fc:{s1}:')).toBe(true)
    expect(keys.idempotency('s1', 'u', 'k').startsWith('fc:{s1}:')).toBe(true)
    expect(keys.lease('s1', 'admission').startsWith('fc:{s1}:')).toBe(true)
    for (const file of files) expect(code(readFileSync(join(luaDir, file), 'utf8'))).not.toMatch(/sales/)
  })
})
