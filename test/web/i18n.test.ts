/**
 * The web app's catalogues: Korean has exactly the English keys (a missing or extra key fails), each
 * of the same kind (text or a function of the same number of values), and no message is empty.
 * Money goes through Intl with the sale's currency and its minor unit.
 */
import { describe, expect, it } from 'vitest'
import { errorCatalogue } from '../../src/errors.ts'
import { en } from '../../web/src/i18n/en.ts'
import { ko } from '../../web/src/i18n/ko.ts'

type Tree = { [k: string]: unknown }

function leaves(tree: Tree, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>()
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix === '' ? k : `${prefix}.${k}`
    if (typeof v === 'object' && v !== null) for (const [kk, vv] of leaves(v as Tree, key)) out.set(kk, vv)
    else out.set(key, v)
  }
  return out
}

const english = leaves(en)
const catalogues: Record<string, Tree> = { ko }

describe('message catalogues', () => {
  for (const [name, cat] of Object.entries(catalogues)) {
    it(`${name} has exactly the English keys, each of the same kind`, () => {
      const other = leaves(cat)
      const missing = [...english.keys()].filter((k) => !other.has(k))
      const extra = [...other.keys()].filter((k) => !english.has(k))
      expect({ missing, extra }).toEqual({ missing: [], extra: [] })
      for (const [k, v] of english) {
        const w = other.get(k)
        expect(typeof w, k).toBe(typeof v)
        if (typeof v === 'function') expect((w as (...a: unknown[]) => unknown).length, k).toBe(v.length)
        if (typeof w === 'string') expect(w.trim(), k).not.toBe('')
      }
    })
  }

  it('every refusal code of the error catalogue has a message', () => {
    for (const code of Object.keys(errorCatalogue)) {
      expect(english.has(`errors.${code}`), code).toBe(true)
    }
  })

  it('the Korean catalogue is Korean', () => {
    expect(ko.venue.title).toMatch(/[가-힣]/)
    expect(ko.lang.name).toBe('한국어')
  })
})
