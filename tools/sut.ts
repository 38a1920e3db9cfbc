/**
 * The system under test, the one way the tools start it: a fresh PostgreSQL database, a random
 * Redis key prefix, and `firstcome` child processes (`serve`, `worker`, `migrate`...) started as
 * operators start them (this Node, bin/firstcome.mjs), stopped and cleaned up afterwards. The chaos
 * run, the benchmarks and the tests' child processes build on these pieces.
 */
import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import pg from 'pg'
import { createClient } from 'redis'

/** Random lowercase hex for names of one run (database, key prefix, topic prefix). */
export function randomTag(bytes = 5): string {
  return randomBytes(bytes).toString('hex')
}

/** The same PostgreSQL server, another database. */
export function databaseUrlFor(url: string, database: string): string {
  const u = new URL(url)
  u.pathname = `/${database}`
  return u.toString()
}

const DATABASE_NAME = /^[a-z_][a-z0-9_]*$/

/** A database of a run's own, created empty and dropped (forcibly) at the end. */
export interface OwnDatabase {
  name: string
  url: string
  drop(): Promise<void>
}

/**
 * Creates database `name` on the server of `serverUrl` (through its `postgres` database). With
 * `keepAdmin`, the maintenance connection stays open until `drop()` (a run that must still drop
 * its database when the server is busy); otherwise each step opens its own.
 */
export async function createDatabase(
  serverUrl: string,
  name: string,
  options: { keepAdmin?: boolean } = {}
): Promise<OwnDatabase> {
  if (!DATABASE_NAME.test(name)) throw new Error(`not a database name: ${name}`)
  const maintenance = databaseUrlFor(serverUrl, 'postgres')
  const admin = new pg.Client({ connectionString: maintenance })
  await admin.connect()
  try {
    await admin.query(`CREATE DATABASE ${name}`)
  } catch (err) {
    await admin.end().catch(() => undefined)
    throw err
  }
  if (!options.keepAdmin) await admin.end()
  return {
    name,
    url: databaseUrlFor(serverUrl, name),
    async drop() {
      if (options.keepAdmin) {
        try {
          await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
        } finally {
          await admin.end().catch(() => undefined)
        }
        return
      }
      const c = new pg.Client({ connectionString: maintenance })
      await c.connect()
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      } finally {
        await c.end()
      }
    }
  }
}

/** Deletes every key under `<prefix>:` (at most `maxPages` SCAN pages of 1,000); returns how many. */
export async function clearRedisPrefix(
  redisUrl: string,
  prefix: string,
  options: { maxPages?: number; reconnect?: boolean } = {}
): Promise<number> {
  const redis = createClient({
    url: redisUrl,
    ...(options.reconnect === false ? { socket: { reconnectStrategy: false as const } } : {})
  })
  redis.on('error', () => {})
  let deleted = 0
  try {
    await redis.connect()
    let pages = 0
    for await (const keys of redis.scanIterator({ MATCH: `${prefix}:*`, COUNT: 1000 })) {
      if (keys.length > 0) {
        deleted += keys.length
        await redis.del(keys)
      }
      if (options.maxPages !== undefined && ++pages > options.maxPages) break
    }
  } finally {
    redis.destroy()
  }
  return deleted
}

/** Options of {@link spawnFirstcome}. */
export interface FirstcomeSpawnOptions {
  env: NodeJS.ProcessEnv
  stdio?: SpawnOptions['stdio']
  /** Options for Node itself (e.g. `--cpu-prof`), before the program. */
  nodeArgs?: readonly string[]
}

/** `firstcome <args>` as a child process in `root`, the way the product and operators start it. */
export function spawnFirstcome(
  root: string,
  args: readonly string[],
  o: FirstcomeSpawnOptions
): ChildProcess {
  return spawn(process.execPath, [...(o.nodeArgs ?? []), join(root, 'bin', 'firstcome.mjs'), ...args], {
    cwd: root,
    env: o.env,
    stdio: o.stdio ?? ['ignore', 'ignore', 'pipe']
  })
}

/** Whether the child is still running. */
export function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null
}

/** SIGTERM, then SIGKILL if it has not exited within `graceMs`; resolves once it is done with. */
export async function stopChild(child: ChildProcess | undefined, graceMs: number): Promise<void> {
  if (!child || !isRunning(child)) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  await Promise.race([exited, sleep(graceMs)])
  if (isRunning(child)) child.kill('SIGKILL')
}

/** Pids whose parent is `pid` (the node:cluster workers under `firstcome serve --processes n`). */
export function childPids(pid: number | undefined): number[] {
  if (pid === undefined) return []
  const out: number[] = []
  let entries: string[] = []
  try {
    entries = readdirSync('/proc')
  } catch {
    return out
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      if (Number(fields[1]) === pid) out.push(Number(entry))
    } catch {
      // Gone meanwhile.
    }
  }
  return out
}

/** Whether `url` answers 200 now. */
async function answers200(url: string): Promise<boolean> {
  try {
    const res = await fetch(url)
    await res.body?.cancel()
    return res.status === 200
  } catch {
    return false
  }
}

/**
 * Polls `readyUrl` (a readiness endpoint) every 250 ms until it answers 200; fails if `child`
 * exits first or `timeoutMs` pass, with the tail of its output from `output()`.
 */
export async function waitReady(
  readyUrl: string,
  o: { child: ChildProcess; timeoutMs: number; output: () => string; what?: string }
): Promise<void> {
  const what = o.what ?? 'the API'
  const deadline = Date.now() + o.timeoutMs
  for (;;) {
    if (o.child.exitCode !== null) throw new Error(`${what} exited (${o.child.exitCode}): ${o.output()}`)
    if (Date.now() > deadline)
      throw new Error(`${what} was not ready within ${o.timeoutMs / 1000} s: ${o.output()}`)
    if (await answers200(readyUrl)) return
    await sleep(250)
  }
}

/** Resolves with the URL a `firstcome serve` child prints once listening; rejects if it exits first. */
export function waitListening(child: ChildProcess): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let text = ''
    child.stderr?.setEncoding('utf8')
    child.stderr?.on('data', (c: string) => {
      text += c
      const m = /listening on (http:\/\/\S+)/.exec(text)
      if (m?.[1]) resolve(m[1])
    })
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${text}`)))
  })
}

/** A `firstcome serve` of its own for a benchmark: where its database goes and the environment it runs with. */
export interface IsolatedServe {
  /** The PostgreSQL server the database is created on. */
  serverUrl: string
  dbName: string
  prefix: string
  env: NodeJS.ProcessEnv
}

/**
 * The environment of a benchmark's own `firstcome serve`: the test profile, a fresh database name
 * (`fc_bench_<random>`, created by the caller with {@link createDatabase}), a random Redis prefix
 * and topic prefix, loopback on a free port, errors-only logs, the workers in the same process, and
 * no internal listener (its default port belongs to a running `npm start`). `extra` adds or
 * overrides settings.
 */
export function isolatedServe(extra: Record<string, string> = {}): IsolatedServe {
  const dbName = `fc_bench_${randomTag()}`
  const prefix = `b${randomTag()}`
  const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/firstcome'
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrlFor(serverUrl, dbName),
    FC_REDIS_PREFIX: prefix,
    FC_JWT_SECRET: process.env.FC_JWT_SECRET ?? 'bench-secret-bench-secret-bench-secret-01',
    FC_TOKEN_SECRET: process.env.FC_TOKEN_SECRET ?? randomBytes(32).toString('hex'),
    FC_LOG_LEVEL: 'error',
    FC_WORKERS: '1',
    PORT: '0',
    HOST: '127.0.0.1',
    FC_INTERNAL_PORT: 'off',
    FC_KAFKA_TOPIC_PREFIX: `b${randomTag()}`,
    ...extra
  }
  return { serverUrl, dbName, prefix, env }
}
