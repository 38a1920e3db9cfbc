/**
 * The `firstcome` command loads the development tooling (tools/, bench/) only in the commands that
 * use it. The container image ships bin/, src/ and the production dependencies, nothing else: there
 * every service command must still start. The dependency check forbids static imports of the
 * tooling from src/; this runs the command from a copy of exactly what the image ships, and so also
 * catches what that check cannot see (`import { type X }` from tools/ still loads the module).
 */
import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..', '..')

function firstcome(cwd: string, args: readonly string[], env: Record<string, string> = {}) {
  const res = spawnSync(process.execPath, [join(cwd, 'bin', 'firstcome.mjs'), ...args], {
    cwd,
    env: { ...process.env, NODE_ENV: 'test', ...env },
    encoding: 'utf8',
    timeout: 60_000
  })
  return { status: res.status, stdout: res.stdout, stderr: res.stderr }
}

describe('firstcome from the product alone (what the image ships)', () => {
  const image = mkdtempSync(join(tmpdir(), 'fc-image-'))
  for (const entry of ['bin', 'src', 'package.json', 'tsconfig.json'])
    cpSync(join(root, entry), join(image, entry), { recursive: true })
  symlinkSync(join(root, 'node_modules'), join(image, 'node_modules'), 'dir')
  afterAll(() => rmSync(image, { recursive: true, force: true }))

  it('lists every command', () => {
    const res = firstcome(image, ['--help'])
    expect(res.status, res.stderr).toBe(0)
    for (const command of [
      'up',
      'down',
      'serve',
      'worker',
      'reconcile',
      'dlq',
      'report',
      'migrate',
      'bench',
      'lab',
      'chaos',
      'capacity'
    ])
      expect(res.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'))
  })

  it('loads the whole service for `serve` (and refuses a bad configuration in plain words)', () => {
    // `serve` imports the composition root and through it every module of src/ before it reads the
    // configuration: reaching the configuration check means none of them needs tools/ or bench/.
    const res = firstcome(image, ['serve'], { PORT: 'not-a-port' })
    expect(res.status).toBe(1)
    expect(res.stderr).toMatch(/^firstcome: invalid configuration:\n(.*\n)*\s+- PORT: /m)
    expect(res.stderr).not.toMatch(/ERR_MODULE_NOT_FOUND/)
  })
})

describe('firstcome tool commands, from the repository', () => {
  it('capacity: prints the fleet of a sale from the measured costs, and as JSON', () => {
    const args = ['capacity', '--buyers', '100000', '--seats', '10000', '--within', '30']
    const res = firstcome(root, args)
    expect(res.status, res.stderr).toBe(0)
    expect(res.stdout).toMatch(/^ {2}API processes\s+\d+$/m)
    expect(res.stdout).toMatch(/^ {2}Redis primaries\s+\d+$/m)
    expect(res.stdout).toMatch(/^streamSecond\s+[\d,]+/m)
    const json = firstcome(root, [...args, '--json'])
    expect(json.status, json.stderr).toBe(0)
    const plan = JSON.parse(json.stdout) as { fleet: Record<string, number>; shape: { buyers: number } }
    expect(plan.shape.buyers).toBe(100_000)
    expect(plan.fleet.apiProcesses).toBeGreaterThanOrEqual(5)
    expect(plan.fleet.brokers).toBeGreaterThanOrEqual(3)
  })

  it('capacity: refuses a missing or bad figure in plain words', () => {
    const res = firstcome(root, ['capacity', '--buyers', '100', '--seats', '10', '--within', 'soon'])
    expect(res.status).toBe(1)
    expect(res.stderr).toContain('expected a positive whole number, got "soon"')
    const missing = firstcome(root, [
      'capacity',
      '--buyers',
      '100',
      '--seats',
      '10',
      '--within',
      '30',
      '--costs',
      '/nonexistent.json'
    ])
    expect(missing.status).toBe(1)
    expect(missing.stderr).toContain('firstcome capacity: cannot read the measured costs /nonexistent.json')
  })

  it('bench: loads bench/ and refuses an unknown scenario with the list', () => {
    const res = firstcome(root, ['bench', 'no-such-scenario'])
    expect(res.status).toBe(2)
    expect(res.stderr).toContain(
      'firstcome bench: unknown scenario "no-such-scenario" (one of spike, ramp, soak)'
    )
  })

  it('lab: loads tools/lab and refuses a bad option naming the fix', () => {
    const res = firstcome(root, ['lab', '--stock', 'x'])
    expect(res.status).toBe(1)
    expect(res.stderr).toContain('firstcome lab: --stock must be a whole number >= 1, got "x"')
  })
})
