#!/usr/bin/env node
// Installs npm dependencies when they are missing or older than the lockfile, then checks that the
// project's Node.js is there, so that `npm start` and `npm test` work on a fresh clone with nothing
// installed by hand.
//
// The project runs on Node.js 24 (`engines`, `.nvmrc`). On Linux x64 and arm64 that Node comes from
// the npm registry itself: the pinned optional dependency `node-linux-<arch>` ships the binary and
// npm links it as node_modules/.bin/node, which npm puts first on PATH for every script. So this
// file is the one step that runs on whatever Node the machine has (it must work on Node 20, with
// Node's standard library only: node_modules may not exist yet); every script after it, and every
// process those start, runs on the pinned Node 24.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { delimiter, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const marker = join(root, 'node_modules', '.package-lock.json')
const lock = join(root, 'package-lock.json')
const binDir = join(root, 'node_modules', '.bin')
const say = (line) => process.stderr.write(`firstcome: ${line}\n`)

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
const wanted = /^>=\s*(\d+)\.(\d+)\.(\d+)$/.exec(pkg.engines?.node ?? '')
if (!wanted) throw new Error(`package.json engines.node must read ">=X.Y.Z", not "${pkg.engines?.node}"`)
const minimum = wanted.slice(1).map(Number)

/** [major, minor, patch] of a `v24.1.2` version string. */
const parse = (version) => version.replace(/^v/, '').split('.').map(Number)
const atLeast = (version, floor) => {
  const v = parse(version)
  for (let i = 0; i < 3; i++) if (v[i] !== floor[i]) return v[i] > floor[i]
  return true
}

function install() {
  say('installing npm dependencies...')
  // `npm install` rather than `npm ci`: this npm records only the current platform's optional
  // binaries (Biome, esbuild) in the lockfile, which `npm ci` then refuses as out of sync.
  // With the lockfile present, `npm install` installs the same pinned versions.
  // With node_modules/.bin first on PATH, npm itself runs on the project's Node once that is
  // installed, and checks the packages' `engines` against it. On the very first install it runs on
  // the system Node, so npm warns (EBADENGINE) about the packages that need Node 22 or 24: expected,
  // they never run on that Node.
  const res = spawnSync('npm', ['install', '--no-audit', '--no-fund'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, PATH: `${binDir}${delimiter}${process.env.PATH ?? ''}` }
  })
  if (res.status !== 0) {
    say('npm install failed; check network access to the npm registry')
    process.exit(res.status ?? 1)
  }
}

/** The Node that npm scripts run on: node_modules/.bin/node when installed, else this one. */
function projectNode() {
  const bin = join(binDir, 'node')
  if (!existsSync(bin)) return { path: process.execPath, version: process.version }
  const res = spawnSync(bin, ['--version'], { encoding: 'utf8' })
  return { path: bin, version: res.status === 0 ? res.stdout.trim() : undefined }
}

const stale = !existsSync(marker) || (existsSync(lock) && statSync(lock).mtimeMs > statSync(marker).mtimeMs)
if (stale) install()

let node = projectNode()
// Installed without optional dependencies (or by an older lockfile): install once more.
if (!stale && !(node.version && atLeast(node.version, minimum))) {
  install()
  node = projectNode()
}
if (!node.version || !atLeast(node.version, minimum)) {
  say(
    `firstcome needs Node.js ${pkg.engines.node}, found ${node.version ?? 'a node that does not start'} (${node.path}).\n` +
      `  On Linux x64 and arm64 npm installs it from the registry (optional dependency node-linux-<arch>);\n` +
      `  elsewhere install Node.js ${readFileSync(join(root, '.nvmrc'), 'utf8').trim()} (see .nvmrc) and run the command again.`
  )
  process.exit(1)
}
