import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { createClient } from 'redis'
import { isLoopbackHost, parseRedisUrl, redactUrl } from './endpoints.ts'
import {
  findExecutable,
  isPidAlive,
  killGracefully,
  runCommand,
  spawnService,
  tailFile
} from './processes.ts'
import { ensureService, type ProbeState, type ServiceContext, type StartedService } from './service-runner.ts'
import { StackError } from './stack-error.ts'
import { pollUntil } from './wait.ts'

const READY_TIMEOUT_MS = 20_000

/**
 * Probes Redis with PING. Nothing listening is 'down'; a server that refuses us
 * (wrong password, not Redis) is an error, since starting another on its port cannot help.
 */
export async function probeRedis(url: string, timeoutMs = 2_000): Promise<ProbeState> {
  const client = createClient({ url, socket: { connectTimeout: timeoutMs, reconnectStrategy: false } })
  // node-redis emits connection errors as events as well; without a listener they would crash the process.
  client.on('error', () => {})
  try {
    await client.connect()
  } catch (error) {
    if (isNothingListening(error)) return 'down'
    throw new StackError(
      'redis',
      `Redis at ${redactUrl(url)} refused the connection: ${errorText(error)}`,
      'check REDIS_URL',
      {
        cause: error
      }
    )
  }
  let timer: NodeJS.Timeout | undefined
  try {
    // Something that accepts connections but never answers (not Redis) must not hang the probe.
    const silent = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer to PING within ${timeoutMs} ms`)), timeoutMs)
    })
    const pong = await Promise.race([client.ping(), silent])
    return pong === 'PONG' ? 'up' : 'down'
  } catch (error) {
    const text = errorText(error)
    // Redis loading its AOF answers LOADING until it is done: it is there, just not ready.
    if (/LOADING/.test(text)) return 'starting'
    throw new StackError(
      'redis',
      `Redis at ${redactUrl(url)} does not answer PING: ${text}`,
      'check REDIS_URL (password?)',
      {
        cause: error
      }
    )
  } finally {
    clearTimeout(timer)
    client.destroy()
  }
}

/** Reuses the Redis named by `url`, or starts `redis-server` under `.data/redis`. */
export async function ensureRedis(ctx: ServiceContext, url: string): Promise<StartedService | undefined> {
  const target = parseRedisUrl(url)
  const endpoint = redactUrl(url)
  return ensureService({
    service: 'redis',
    ctx,
    endpoint,
    probe: () => probeRedis(url),
    waitTimeoutMs: 60_000,
    start: async () => {
      if (!isLoopbackHost(target.host)) {
        throw new StackError(
          'redis',
          `Redis at ${endpoint} does not answer, and it is not on this machine, so it cannot be started here`,
          'start it, or unset REDIS_URL to use a local one'
        )
      }
      const binary = await findOrInstallRedis(ctx)
      return startRedis(ctx, url, binary, target.port, target.password)
    }
  })
}

async function findOrInstallRedis(ctx: ServiceContext): Promise<string> {
  const extra = ['/usr/bin', '/usr/sbin', '/usr/local/bin']
  const found = findExecutable('redis-server', ctx.env, extra)
  if (found) return found
  if (process.getuid?.() !== 0) {
    throw new StackError(
      'redis',
      'redis-server not found: install redis-server',
      'sudo apt-get install -y redis-server'
    )
  }
  ctx.progress('install', 'redis-server not found; installing it with apt-get')
  const env = { ...ctx.env, DEBIAN_FRONTEND: 'noninteractive' }
  const update = await runCommand('apt-get', ['update'], { env, timeoutMs: 300_000 })
  const install =
    update.code === 0
      ? await runCommand('apt-get', ['install', '-y', 'redis-server'], { env, timeoutMs: 300_000 })
      : update
  const installed = findExecutable('redis-server', ctx.env, extra)
  if (install.code !== 0 || !installed) {
    throw new StackError(
      'redis',
      'redis-server not found, and installing it with apt-get failed',
      (install.stderr || install.error?.message || '').trim().split('\n').slice(-3).join('\n')
    )
  }
  return installed
}

async function startRedis(
  ctx: ServiceContext,
  url: string,
  binary: string,
  port: number,
  password: string | undefined
): Promise<StartedService> {
  const dataDir = join(ctx.dataRoot, 'redis')
  mkdirSync(dataDir, { recursive: true })
  const logFile = join(dataDir, 'redis.log')
  // `-::1`: bind IPv6 loopback too when the machine has it ("localhost" may resolve to it).
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '-::1',
    '--dir',
    dataDir,
    '--save',
    '',
    '--appendonly',
    'yes',
    '--appendfsync',
    'everysec',
    '--daemonize',
    'no',
    '--logfile',
    logFile
  ]
  if (password) args.push('--requirepass', password)
  ctx.progress('start', `starting redis-server on 127.0.0.1:${port} (data in ${dataDir})`)
  const child = spawnService(binary, args, { cwd: dataDir, env: ctx.env, logFile, detached: ctx.detached })
  const pid = child.pid
  if (pid === undefined) {
    throw new StackError('redis', `could not start ${binary}`, `see ${logFile}`)
  }
  let exited = false
  child.once('exit', () => {
    exited = true
  })
  const ready = await pollUntil(async () => ((await probeRedis(url, 1_000)) === 'up' ? true : undefined), {
    timeoutMs: READY_TIMEOUT_MS,
    intervalMs: 100,
    abort: () => exited || !isPidAlive(pid)
  })
  const stop = async () => killGracefully(pid, { signal: 'SIGTERM', graceMs: 10_000 })
  if (!ready) {
    await stop()
    const tail = tailFile(logFile, 5)
    throw new StackError(
      'redis',
      exited
        ? `redis-server exited while starting on port ${port}`
        : `redis-server did not answer on port ${port} within ${READY_TIMEOUT_MS / 1000}s`,
      `see ${logFile}${tail ? `:\n${tail}` : ''}`
    )
  }
  ctx.progress('ready', `redis-server answers on 127.0.0.1:${port} (pid ${pid})`)
  return {
    record: {
      service: 'redis',
      pid,
      ownerPid: process.pid,
      detached: ctx.detached,
      endpoint: redactUrl(url),
      dataDir,
      logFile,
      commandMatch: 'redis-server',
      stopWith: 'signal',
      startedAt: new Date().toISOString()
    },
    stop
  }
}

function isNothingListening(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  return (
    code === 'ECONNREFUSED' ||
    code === 'ENOTFOUND' ||
    code === 'EHOSTUNREACH' ||
    /timeout/i.test(errorText(error))
  )
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
