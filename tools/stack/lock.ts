import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs'
import { isPidAlive } from './processes.ts'

/** A held lock file; `release` removes it. */
export interface HeldLock {
  release(): void
}

/** Outcome of {@link tryLock}: held by us, or by another live process. */
export type LockAttempt = { held: true; lock: HeldLock } | { held: false; holderPid: number | undefined }

/**
 * Tries once to take a lock file (O_EXCL create holding our pid). A lock left by a process
 * that no longer exists is removed and taken over. Never waits: callers poll, because what
 * they wait for (a service answering) is usually better evidence than the lock going away.
 */
export function tryLock(path: string): LockAttempt {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o644)
      try {
        writeSync(fd, String(process.pid))
      } finally {
        closeSync(fd)
      }
      return { held: true, lock: { release: () => releaseIfOurs(path) } }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    const holder = readHolder(path)
    if (holder === undefined) {
      // Missing (released meanwhile) or half-written: a fresh half-written lock is left alone.
      if (!isOlderThan(path, 5_000)) return { held: false, holderPid: undefined }
    } else if (isPidAlive(holder.pid)) {
      return { held: false, holderPid: holder.pid }
    }
    // Stale: re-read just before removing so that a lock renewed in between is not removed.
    const again = readHolder(path)
    if (again && holder && (again.pid !== holder.pid || again.ino !== holder.ino)) {
      return { held: false, holderPid: again.pid }
    }
    try {
      unlinkSync(path)
    } catch {
      // Someone else removed it first; retry the create.
    }
  }
  return { held: false, holderPid: readHolder(path)?.pid }
}

function readHolder(path: string): { pid: number; ino: number } | undefined {
  try {
    const ino = statSync(path).ino
    const pid = Number.parseInt(readFileSync(path, 'utf8').trim(), 10)
    return Number.isInteger(pid) ? { pid, ino } : undefined
  } catch {
    return undefined
  }
}

function isOlderThan(path: string, ms: number): boolean {
  try {
    return Date.now() - statSync(path).mtimeMs > ms
  } catch {
    return false
  }
}

function releaseIfOurs(path: string): void {
  if (readHolder(path)?.pid !== process.pid) return
  try {
    unlinkSync(path)
  } catch {
    // Already gone.
  }
}
