import { chownSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { isLoopbackHost, type PostgresTarget, parseDatabaseUrl } from './endpoints.ts'
import {
  findExecutable,
  isPidAlive,
  killGracefully,
  postgresBinDirs,
  runCommand,
  spawnService,
  tailFile
} from './processes.ts'
import { ensureService, type ProbeState, type ServiceContext, type StartedService } from './service-runner.ts'
import { StackError } from './stack-error.ts'
import { pollUntil } from './wait.ts'

const READY_TIMEOUT_MS = 60_000

/** SQLSTATEs that matter here. */
const INVALID_CATALOG_NAME = '3D000'
const CANNOT_CONNECT_NOW = '57P03'
const DUPLICATE_DATABASE = '42P04'
const UNIQUE_VIOLATION = '23505'

/**
 * Probes the PostgreSQL server named by the target. The server counts as 'up' even when the
 * database itself does not exist yet (it is created afterwards); a server that rejects us
 * (authentication) is an error.
 */
export async function probePostgres(target: PostgresTarget, timeoutMs = 2_000): Promise<ProbeState> {
  const client = new pg.Client({
    ...clientConfig(target, target.database),
    connectionTimeoutMillis: timeoutMs,
    query_timeout: timeoutMs
  })
  // A dropped connection surfaces as an 'error' event; without a listener it would crash the process.
  client.on('error', () => {})
  try {
    await client.connect()
    await client.query('SELECT 1')
    return 'up'
  } catch (error) {
    const code = (error as { code?: string }).code
    if (code === INVALID_CATALOG_NAME) return 'up'
    if (code === CANNOT_CONNECT_NOW) return 'starting'
    if (
      code === 'ECONNREFUSED' ||
      code === 'ENOENT' ||
      code === 'ENOTFOUND' ||
      /timeout/i.test(errorText(error))
    ) {
      return 'down'
    }
    throw new StackError(
      'postgres',
      `PostgreSQL at ${describe(target)} refused the connection: ${errorText(error)}`,
      'check DATABASE_URL (user, password)',
      { cause: error }
    )
  } finally {
    await client.end().catch(() => {})
  }
}

/**
 * Creates the database when it does not exist. Concurrent callers are fine: a database
 * created by someone else in between (42P04, or 23505 from the catalog index) is success.
 */
export async function ensureDatabase(target: PostgresTarget): Promise<boolean> {
  const client = new pg.Client({ ...clientConfig(target, 'postgres'), connectionTimeoutMillis: 5_000 })
  client.on('error', () => {})
  try {
    await client.connect()
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [target.database])
    if (exists.rowCount) return false
    await client.query(`CREATE DATABASE ${quoteIdentifier(target.database)}`)
    return true
  } catch (error) {
    const code = (error as { code?: string }).code
    if (code === DUPLICATE_DATABASE || code === UNIQUE_VIOLATION) return false
    throw new StackError(
      'postgres',
      `could not create database "${target.database}" on ${describe(target)}: ${errorText(error)}`,
      'create it by hand (createdb) or give DATABASE_URL a user that may create databases',
      { cause: error }
    )
  } finally {
    await client.end().catch(() => {})
  }
}

/** Reuses the PostgreSQL server named by `url` or starts one under `.data/postgres`, then makes sure the database exists. */
export async function ensurePostgres(ctx: ServiceContext, url: string): Promise<StartedService | undefined> {
  const target = parseDatabaseUrl(url)
  const started = await ensureService({
    service: 'postgres',
    ctx,
    endpoint: describe(target),
    probe: () => probePostgres(target),
    waitTimeoutMs: 120_000,
    start: async () => {
      if (!isLoopbackHost(target.host)) {
        throw new StackError(
          'postgres',
          `PostgreSQL at ${describe(target)} does not answer, and it is not on this machine, so it cannot be started here`,
          'start it, or unset DATABASE_URL to use a local one'
        )
      }
      return startPostgres(ctx, target)
    }
  })
  try {
    if (await ensureDatabase(target)) ctx.progress('ready', `created database "${target.database}"`)
  } catch (error) {
    await started?.stop()
    throw error
  }
  return started
}

/** How to run the server binaries: as the `postgres` OS user when we are root, since they refuse root. */
interface PgRunner {
  initdb: string
  pgCtl: string
  /** Prefix to run a command as the server's user (empty when we are not root). */
  asUser: string[]
  owner: { uid: number; gid: number } | undefined
}

async function pgRunner(ctx: ServiceContext): Promise<PgRunner> {
  const dirs = postgresBinDirs()
  const initdb = findExecutable('initdb', ctx.env, dirs)
  const pgCtl = findExecutable('pg_ctl', ctx.env, dirs)
  if (!initdb || !pgCtl) {
    throw new StackError(
      'postgres',
      'PostgreSQL server programs (initdb, pg_ctl) not found: install postgresql',
      'sudo apt-get install -y postgresql (or set DATABASE_URL to a running server)'
    )
  }
  if (process.getuid?.() !== 0) return { initdb, pgCtl, asUser: [], owner: undefined }
  const owner = osUser('postgres')
  const runuser = findExecutable('runuser', ctx.env, ['/usr/sbin', '/sbin', '/usr/bin'])
  if (!owner || !runuser) {
    throw new StackError(
      'postgres',
      "PostgreSQL refuses to run as root, and there is no 'postgres' OS user (or no runuser) to run it as",
      'create one (useradd --system postgres) or run firstcome as a normal user'
    )
  }
  return { initdb, pgCtl, asUser: [runuser, '-u', 'postgres', '--'], owner }
}

async function startPostgres(ctx: ServiceContext, target: PostgresTarget): Promise<StartedService> {
  const runner = await pgRunner(ctx)
  const baseDir = join(ctx.dataRoot, 'postgres')
  const dataDir = join(baseDir, 'data')
  const logFile = join(baseDir, 'postgres.log')
  mkdirSync(baseDir, { recursive: true })
  const socketDir = socketDirFor(baseDir, target.port)
  mkdirSync(socketDir, { recursive: true })
  if (runner.owner) {
    // The server runs as `postgres`: it must own its directories (the cluster itself is
    // created by initdb as that user, so only an older cluster made by someone else needs a walk).
    chownSync(baseDir, runner.owner.uid, runner.owner.gid)
    chownSync(socketDir, runner.owner.uid, runner.owner.gid)
    if (existsSync(dataDir) && statSync(dataDir).uid !== runner.owner.uid) chownTree(dataDir, runner.owner)
    if (existsSync(logFile)) chownSync(logFile, runner.owner.uid, runner.owner.gid)
  }
  const env = { ...ctx.env, LC_ALL: 'C' }
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    ctx.progress('start', `initialising a PostgreSQL cluster in ${dataDir}`)
    const [initCommand, initArgs] = asServerUser(runner, runner.initdb, [
      '-D',
      dataDir,
      '-A',
      'trust',
      '-U',
      target.user,
      '-E',
      'UTF8',
      '--no-locale'
    ])
    const init = await runCommand(initCommand, initArgs, { cwd: baseDir, env, timeoutMs: 120_000 })
    if (init.code !== 0) {
      throw new StackError(
        'postgres',
        'initdb failed',
        (init.stderr || init.stdout || init.error?.message || '').trim().split('\n').slice(-5).join('\n')
      )
    }
  }

  ctx.progress('start', `starting PostgreSQL on 127.0.0.1:${target.port} (data in ${dataDir})`)
  const serverOptions = `-p ${target.port} -k ${shellQuote(socketDir)} -c listen_addresses=127.0.0.1`
  // pg_ctl forks the postmaster and returns; spawning it in its own session keeps a Ctrl-C
  // in the terminal away from the postmaster, so stop() decides when it goes down.
  const pgCtlArgs = [
    '-D',
    dataDir,
    '-l',
    logFile,
    '-o',
    serverOptions,
    '-w',
    '-t',
    String(READY_TIMEOUT_MS / 1000),
    'start'
  ]
  const [command, args] = asServerUser(runner, runner.pgCtl, pgCtlArgs)
  const pgCtlLog = join(baseDir, 'pg_ctl.log')
  const child = spawnService(command, args, { cwd: baseDir, env, logFile: pgCtlLog, detached: true })
  const exitCode = await new Promise<number | null>((resolve) => {
    child.once('error', () => resolve(null))
    child.once('exit', (code) => resolve(code))
  })
  const pid = postmasterPid(dataDir)
  const stop = () => stopPostgres(runner, dataDir, pid)
  const ready =
    exitCode === 0 &&
    (await pollUntil(async () => ((await probePostgres(target, 1_000)) === 'up' ? true : undefined), {
      timeoutMs: READY_TIMEOUT_MS,
      intervalMs: 100
    }))
  if (!ready || pid === undefined) {
    await stop()
    const tail = tailFile(logFile, 5) || tailFile(pgCtlLog, 5)
    throw new StackError(
      'postgres',
      `PostgreSQL did not start on port ${target.port}`,
      `see ${logFile}${tail ? `:\n${tail}` : ''}`
    )
  }
  ctx.progress('ready', `PostgreSQL answers on 127.0.0.1:${target.port} (pid ${pid})`)
  return {
    record: {
      service: 'postgres',
      pid,
      ownerPid: process.pid,
      detached: ctx.detached,
      endpoint: describe(target),
      dataDir,
      logFile,
      commandMatch: 'postgres',
      stopWith: 'pg_ctl',
      startedAt: new Date().toISOString()
    },
    stop
  }
}

/** Stops a server started from `dataDir`: `pg_ctl stop -m fast`, then signals if that fails. */
export async function stopPostgresDataDir(
  dataDir: string,
  pid: number | undefined,
  env: NodeJS.ProcessEnv
): Promise<void> {
  const dirs = postgresBinDirs()
  const pgCtl = findExecutable('pg_ctl', env, dirs)
  let runner: PgRunner | undefined
  if (pgCtl) {
    const owner = process.getuid?.() === 0 ? osUser('postgres') : undefined
    const runuser = owner ? findExecutable('runuser', env, ['/usr/sbin', '/sbin', '/usr/bin']) : undefined
    runner = { initdb: '', pgCtl, asUser: owner && runuser ? [runuser, '-u', 'postgres', '--'] : [], owner }
  }
  await stopPostgres(runner, dataDir, pid)
}

async function stopPostgres(
  runner: PgRunner | undefined,
  dataDir: string,
  pid: number | undefined
): Promise<void> {
  if (pid !== undefined && !isPidAlive(pid)) return
  if (runner) {
    const args = ['-D', dataDir, '-m', 'fast', '-w', '-t', '30', 'stop']
    const [command, full] = asServerUser(runner, runner.pgCtl, args)
    const result = await runCommand(command, full, { timeoutMs: 40_000 })
    if (result.code === 0) return
  }
  // SIGINT is PostgreSQL's "fast" shutdown; SIGTERM would wait for every client to leave.
  if (pid !== undefined) await killGracefully(pid, { signal: 'SIGINT', graceMs: 15_000 })
}

function postmasterPid(dataDir: string): number | undefined {
  try {
    const pid = Number.parseInt(
      readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0] ?? '',
      10
    )
    return Number.isInteger(pid) ? pid : undefined
  } catch {
    return undefined
  }
}

/** Unix socket paths are limited to ~107 bytes; deep repo paths fall back to the temp dir. */
function socketDirFor(baseDir: string, port: number): string {
  const preferred = join(baseDir, 'run')
  if (`${preferred}/.s.PGSQL.${port}`.length < 100) return preferred
  return join(tmpdir(), `firstcome-pg-${process.getuid?.() ?? 'u'}`)
}

function chownTree(path: string, owner: { uid: number; gid: number }): void {
  chownSync(path, owner.uid, owner.gid)
  if (!statSync(path).isDirectory()) return
  for (const entry of readdirSync(path)) chownTree(join(path, entry), owner)
}

/** Command and arguments that run `program` as the server's OS user when needed. */
function asServerUser(runner: PgRunner, program: string, args: string[]): [string, string[]] {
  const [prefix, ...prefixArgs] = runner.asUser
  return prefix ? [prefix, [...prefixArgs, program, ...args]] : [program, args]
}

/** uid/gid of an OS user from /etc/passwd. */
function osUser(name: string): { uid: number; gid: number } | undefined {
  try {
    for (const line of readFileSync('/etc/passwd', 'utf8').split('\n')) {
      const [user, , uid, gid] = line.split(':')
      if (user === name && uid && gid) return { uid: Number(uid), gid: Number(gid) }
    }
  } catch {
    // No /etc/passwd: not a system where we can switch users.
  }
  return undefined
}

function clientConfig(target: PostgresTarget, database: string): pg.ClientConfig {
  return { host: target.host, port: target.port, user: target.user, password: target.password, database }
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`
}

function describe(target: PostgresTarget): string {
  return `postgres://${target.user}@${target.host}:${target.port}/${target.database}`
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
