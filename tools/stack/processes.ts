import { type ChildProcess, spawn } from 'node:child_process'
import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  fstatSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  statSync
} from 'node:fs'
import { delimiter, join } from 'node:path'
import { pollUntil } from './wait.ts'

/** Result of a finished command. `error` is set when it could not run at all (e.g. ENOENT). */
export interface CommandResult {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  error?: NodeJS.ErrnoException
}

/** Runs a command to completion, capturing its output; never throws. */
export function runCommand(
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}
): Promise<CommandResult> {
  return new Promise((resolve) => {
    let stdout = ''
    let stderr = ''
    let settled = false
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            child.kill('SIGKILL')
          }, options.timeoutMs)
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk
    })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk
    })
    const finish = (result: CommandResult) => {
      if (settled) return
      settled = true
      if (timer) clearTimeout(timer)
      resolve(result)
    }
    child.on('error', (error: NodeJS.ErrnoException) => {
      finish({ code: null, signal: null, stdout, stderr, error })
    })
    child.on('close', (code, signal) => {
      finish({ code, signal, stdout, stderr })
    })
  })
}

/** Finds an executable by name on PATH, then in `extraDirs`; an absolute or relative path is checked as is. */
export function findExecutable(
  name: string,
  env: NodeJS.ProcessEnv,
  extraDirs: readonly string[] = []
): string | undefined {
  if (name.includes('/')) return isExecutable(name) ? name : undefined
  const dirs = [...(env.PATH ?? '').split(delimiter), ...extraDirs].filter((dir) => dir !== '')
  for (const dir of dirs) {
    const candidate = join(dir, name)
    if (isExecutable(candidate)) return candidate
  }
  return undefined
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK)
    return statSync(path).isFile()
  } catch {
    return false
  }
}

/** Directories that hold versioned PostgreSQL server binaries on Debian/Ubuntu, newest first. */
export function postgresBinDirs(): string[] {
  const base = '/usr/lib/postgresql'
  if (!existsSync(base)) return []
  return readdirSync(base)
    .filter((version) => /^\d+(\.\d+)?$/.test(version))
    .sort((a, b) => Number(b) - Number(a))
    .map((version) => join(base, version, 'bin'))
}

/**
 * Whether a process is alive. A zombie (exited, not yet reaped, which happens to detached
 * children whose parent is gone when PID 1 does not reap) counts as dead.
 */
export function isPidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The state follows the parenthesised command name, which may itself contain spaces.
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3)
    return state !== 'Z' && state !== 'X'
  } catch {
    // No /proc (not Linux) or the process vanished between the two checks.
    return !existsSync('/proc')
  }
}

/** The command line of a process, space-joined, or undefined when unknown. */
export function processCommandLine(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim()
  } catch {
    return undefined
  }
}

/**
 * Stops a process: `signal` first, SIGKILL if it is still alive after `graceMs`.
 * Resolves once it is gone (or after a last short wait following SIGKILL).
 */
export async function killGracefully(
  pid: number,
  options: { signal?: NodeJS.Signals; graceMs?: number } = {}
): Promise<void> {
  if (!isPidAlive(pid)) return
  const signal = options.signal ?? 'SIGTERM'
  const graceMs = options.graceMs ?? 10_000
  try {
    process.kill(pid, signal)
  } catch {
    return
  }
  const gone = await pollUntil(async () => (isPidAlive(pid) ? undefined : true), {
    timeoutMs: graceMs,
    intervalMs: 100
  })
  if (gone) return
  try {
    process.kill(pid, 'SIGKILL')
  } catch {
    return
  }
  await pollUntil(async () => (isPidAlive(pid) ? undefined : true), { timeoutMs: 5_000, intervalMs: 50 })
}

/**
 * Spawns a long-running service process with stdout/stderr appended to `logFile`.
 * Detached children get their own session (so a Ctrl-C in the terminal does not reach them)
 * and are unref'd so that they outlive this process.
 */
export function spawnService(
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; logFile: string; detached: boolean }
): ChildProcess {
  const fd = openSync(options.logFile, 'a')
  try {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', fd, fd],
      detached: options.detached
    })
    if (options.detached) child.unref()
    return child
  } finally {
    // The child holds its own copy of the descriptor.
    closeSync(fd)
  }
}

/** Last lines of a log file (read from its last 64 KiB), for error messages; empty when it cannot be read. */
export function tailFile(path: string, lines = 15): string {
  let fd: number | undefined
  try {
    fd = openSync(path, 'r')
    const size = fstatSync(fd).size
    const length = Math.min(size, 64 * 1024)
    const buffer = Buffer.alloc(length)
    readSync(fd, buffer, 0, length, size - length)
    return buffer.toString('utf8').trimEnd().split('\n').slice(-lines).join('\n').trim()
  } catch {
    return ''
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}
