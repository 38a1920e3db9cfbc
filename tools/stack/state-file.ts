import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as delay } from 'node:timers/promises'
import { tryLock } from './lock.ts'
import type { StackService } from './stack-error.ts'

/** How a recorded service is stopped. */
export type StopMethod = 'signal' | 'pg_ctl'

/** One service started by the local stack, as recorded in `.data/stack.json`. */
export interface ServiceRecord {
  service: StackService
  /** Pid of the service process (for PostgreSQL: the postmaster). */
  pid: number
  /** Every process of a clustered service (Redis Cluster nodes, Kafka brokers); `pid` is the first. */
  pids?: number[]
  /** Pid of the process that started it. */
  ownerPid: number
  /** Started to outlive its owner (`firstcome up --detach`, test global setup). */
  detached: boolean
  /** Where it answers, e.g. `redis://127.0.0.1:6379`. */
  endpoint: string
  /** Its data directory. */
  dataDir: string
  /** Its log file. */
  logFile: string
  /** A word that the process's command line contains; guards against stopping a recycled pid. */
  commandMatch: string
  stopWith: StopMethod
  startedAt: string
}

/** Content of `.data/stack.json`. */
export interface StackState {
  version: 1
  /** By {@link recordKey}: a single-node service and a cluster of the same kind are recorded apart. */
  services: Partial<Record<string, ServiceRecord>>
}

/**
 * Where a record is kept in the state file: the service name for a single node (`redis`, `kafka`),
 * `<service>-cluster` for a cluster, so that `up --kafka-brokers 3` next to a detached single
 * broker does not overwrite (and so lose) the broker's record.
 */
export function recordKey(record: Pick<ServiceRecord, 'service' | 'pids'>): string {
  return record.pids ? `${record.service}-cluster` : record.service
}

/** Path of the state file under a repo root. */
export function stateFilePath(root: string): string {
  return join(root, '.data', 'stack.json')
}

/** Reads `.data/stack.json`; an absent or unreadable file is an empty state. */
export function readState(root: string): StackState {
  try {
    const parsed = JSON.parse(readFileSync(stateFilePath(root), 'utf8')) as Partial<StackState>
    if (parsed && parsed.version === 1 && typeof parsed.services === 'object' && parsed.services !== null) {
      return { version: 1, services: parsed.services }
    }
  } catch {
    // Absent or corrupt: start over; the services themselves are probed anyway.
  }
  return { version: 1, services: {} }
}

/**
 * Read-modify-write of the state file under a short lock, since several processes
 * (vitest workers, two terminals) may record services at the same time. Written through a
 * temporary file and rename so that readers never see half a file.
 */
export async function updateState(root: string, change: (state: StackState) => void): Promise<void> {
  const lockPath = join(root, '.data', 'stack.json.lock')
  const deadline = Date.now() + 10_000
  for (;;) {
    const attempt = tryLock(lockPath)
    if (attempt.held) {
      try {
        const state = readState(root)
        change(state)
        const tmp = `${stateFilePath(root)}.${process.pid}.tmp`
        writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`)
        renameSync(tmp, stateFilePath(root))
        return
      } finally {
        attempt.lock.release()
      }
    }
    if (Date.now() > deadline) {
      throw new Error(`could not lock ${lockPath} (held by pid ${attempt.holderPid ?? 'unknown'})`)
    }
    // The lock is held for a few milliseconds only; a short pause is enough.
    await delay(20)
  }
}
