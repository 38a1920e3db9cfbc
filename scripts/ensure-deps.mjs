#!/usr/bin/env node
// Installs npm dependencies when they are missing or older than the lockfile, so that
// `npm start` and `npm test` work on a fresh clone with nothing installed by hand.
// Uses only Node's standard library: it runs before node_modules exists.
import { spawnSync } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const marker = join(root, 'node_modules', '.package-lock.json')
const lock = join(root, 'package-lock.json')

const stale = !existsSync(marker) || (existsSync(lock) && statSync(lock).mtimeMs > statSync(marker).mtimeMs)
if (stale) {
  process.stderr.write('firstcome: installing npm dependencies...\n')
  // `npm install` rather than `npm ci`: this npm records only the current platform's optional
  // binaries (Biome, esbuild) in the lockfile, which `npm ci` then refuses as out of sync.
  // With the lockfile present, `npm install` installs the same pinned versions.
  const res = spawnSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' })
  if (res.status !== 0) {
    process.stderr.write('firstcome: npm install failed; check network access to the npm registry\n')
    process.exit(res.status ?? 1)
  }
}
