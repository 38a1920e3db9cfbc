#!/usr/bin/env node
// Builds the web app (`vite build web`) when web/dist is missing or older than any of its sources,
// so `npm start` and `npm test` serve pages that match the code. A lock directory keeps two
// callers (parallel test files) from building into the same folder at once.
// Uses only Node's standard library besides vite itself.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const web = join(root, 'web')
const built = join(web, 'dist', 'index.html')
// The web app also compiles the shared API types and schemas, the error catalogue and the typed client.
const inputs = [
  join(web, 'src'),
  join(web, 'public'),
  join(web, 'index.html'),
  join(web, 'vite.config.ts'),
  join(root, 'src', 'http', 'api-types.ts'),
  join(root, 'src', 'http', 'schemas'),
  join(root, 'client'),
  join(root, 'src', 'errors.ts'),
  join(root, 'src', 'domain', 'sale.ts'),
  join(root, 'package-lock.json')
]

function newest(path) {
  if (!existsSync(path)) return 0
  const st = statSync(path)
  if (!st.isDirectory()) return st.mtimeMs
  let max = st.mtimeMs
  for (const name of readdirSync(path)) max = Math.max(max, newest(join(path, name)))
  return max
}

const stale = () => !existsSync(built) || inputs.some((p) => newest(p) > statSync(built).mtimeMs)

const lock = join(web, '.build-lock')
const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)

function withLock(fn) {
  const deadline = Date.now() + 180_000
  for (;;) {
    try {
      mkdirSync(lock)
      break
    } catch {
      // A lock older than two minutes was left by a build that died: take it over.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 120_000)
        rmSync(lock, { recursive: true, force: true })
      if (Date.now() > deadline) throw new Error(`firstcome: gave up waiting for ${lock}`)
      sleep(250)
    }
  }
  try {
    return fn()
  } finally {
    rmSync(lock, { recursive: true, force: true })
  }
}

if (stale()) {
  withLock(() => {
    // Another caller may have built it while this one waited.
    if (!stale()) return
    process.stderr.write('firstcome: building the web app (vite build web)...\n')
    const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js')
    const res = spawnSync(process.execPath, [vite, 'build', web, '--logLevel', 'warn'], {
      cwd: root,
      stdio: 'inherit'
    })
    if (res.status !== 0) {
      process.stderr.write('firstcome: the web app did not build; see the errors above\n')
      process.exit(res.status ?? 1)
    }
  })
}
