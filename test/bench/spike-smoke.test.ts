/**
 * CI smoke of `firstcome bench`: a short spike (300 buyers, 50 seats) on a server of its own,
 * end to end (journey, ceilings, report), asserting the invariant check passes.
 */
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, test } from 'vitest'
import { runBench } from '../../bench/scenarios/index.ts'

const root = fileURLToPath(new URL('../..', import.meta.url))

test('firstcome bench spike --buyers 300 --seats 50 --duration short: the invariants hold', async () => {
  const out = await mkdtemp(join(tmpdir(), 'fc-bench-smoke-'))
  try {
    const report = await runBench({
      root,
      scenario: 'spike',
      buyers: 300,
      seats: 50,
      duration: 'short',
      outDir: out,
      // The PNG needs a browser, which CI need not have; the HTML and JSON are still written.
      png: false,
      say: () => {}
    })
    const sale = report.sales[0]
    expect(sale).toBeDefined()
    const inv = sale?.invariants
    expect(inv?.checks.filter((c) => !c.ok)).toEqual([])
    expect(inv?.oversold).toBe(0)
    expect(inv?.lost).toBe(0)
    expect(inv?.duplicates).toBe(0)
    expect(inv?.confirmed).toBeGreaterThan(0)
    expect(sale?.bots.admittedThrough).toBe(0)
    expect(report.passed).toBe(true)
    for (const f of [report.files.json, report.files.markdown, report.files.html])
      expect(existsSync(f)).toBe(true)
  } finally {
    await rm(out, { recursive: true, force: true })
  }
}, 90_000)
