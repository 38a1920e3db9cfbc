/**
 * Where the CPU went during a step: the server child, the workers child, this (load generator) process, Redis,
 * PostgreSQL's backends serving the benchmark's database and the whole machine, from /proc and Redis INFO.
 * Linux only; on other systems the figures are missing.
 */
import { readdir, readFile } from 'node:fs/promises'
import os from 'node:os'
import { cpuSec } from './lib/proc.ts'

const TICK_SEC = 0.01 // USER_HZ is 100 on Linux

/** Reads INFO sections from Redis; the driver passes its own client's `info`. */
export type RedisInfo = (section: string) => Promise<string>

export interface Snapshot {
  atMs: number
  machineBusySec: number
  machineTotalSec: number
  serverSec: number
  workersSec: number
  loadgenSec: number
  redisSec: number
  /** PostgreSQL backends connected to the benchmark's database (0 when no database is named). */
  postgresSec: number
  redisCommands: Map<string, number>
}

export interface Usage {
  /** CPU cores in use on average over the step (2 = both cores of a 2-core box). */
  cores: {
    server: number
    workers: number
    loadgen: number
    redis: number
    postgres: number
    machine: number
    other: number
  }
  /** The busiest Redis commands during the step, in calls. */
  redisCalls: Record<string, number>
  redisCallsTotal: number
}

async function machine(): Promise<{ busy: number; total: number }> {
  try {
    const line = (await readFile('/proc/stat', 'utf8')).split('\n')[0] ?? ''
    const v = line.trim().split(/\s+/).slice(1).map(Number)
    const total = v.reduce((a, b) => a + b, 0)
    const idle = (v[3] ?? 0) + (v[4] ?? 0)
    return { busy: (total - idle) * TICK_SEC, total: total * TICK_SEC }
  } catch {
    return { busy: Number.NaN, total: Number.NaN }
  }
}

function field(info: string, name: string): number {
  const m = new RegExp(`^${name}:([0-9.]+)`, 'm').exec(info)
  return m ? Number(m[1]) : Number.NaN
}

/**
 * CPU seconds of the PostgreSQL backends connected to `database` (their process title is
 * `postgres: [cluster: ]<user> <database> <host>(<port>) <state>`), so the figure leaves out other
 * databases' work on a shared server. Background processes (WAL writer, checkpointer) are not counted.
 */
async function postgresSec(database: string | undefined): Promise<number> {
  if (database === undefined) return 0
  const pids = (await readdir('/proc').catch(() => [] as string[])).filter((d) => /^\d+$/.test(d))
  const times = await Promise.all(
    pids.map(async (pid) => {
      const title = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')
      if (!title.startsWith('postgres:') || !title.includes(` ${database} `)) return 0
      const sec = await cpuSec(Number(pid))
      return Number.isNaN(sec) ? 0 : sec
    })
  )
  return times.reduce((a, b) => a + b, 0)
}

export async function snapshot(
  serverPid: number | undefined,
  info: RedisInfo,
  workersPid?: number,
  postgresDatabase?: string
): Promise<Snapshot> {
  const [m, server, workers, cpu, stats, postgres] = await Promise.all([
    machine(),
    serverPid === undefined ? Number.NaN : cpuSec(serverPid),
    workersPid === undefined ? Promise.resolve(0) : cpuSec(workersPid),
    info('cpu'),
    info('commandstats'),
    postgresSec(postgresDatabase)
  ])
  const own = process.cpuUsage()
  const redisCommands = new Map<string, number>()
  for (const match of stats.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) {
    redisCommands.set(match[1] ?? '?', Number(match[2]))
  }
  return {
    atMs: performance.now(),
    machineBusySec: m.busy,
    machineTotalSec: m.total,
    serverSec: server,
    workersSec: workers,
    loadgenSec: (own.user + own.system) / 1e6,
    redisSec: field(cpu, 'used_cpu_user') + field(cpu, 'used_cpu_sys'),
    postgresSec: postgres,
    redisCommands
  }
}

export function usage(before: Snapshot, after: Snapshot): Usage {
  const wall = (after.atMs - before.atMs) / 1000
  const calls: Array<[string, number]> = []
  for (const [name, n] of after.redisCommands) {
    const d = n - (before.redisCommands.get(name) ?? 0)
    if (d > 0) calls.push([name, d])
  }
  calls.sort((a, b) => b[1] - a[1])
  const round = (x: number) => Math.round(x * 100) / 100
  // The machine's cores are the share of all CPU time that was busy, times the core count.
  const machineShare =
    (after.machineBusySec - before.machineBusySec) / (after.machineTotalSec - before.machineTotalSec)
  const server = (after.serverSec - before.serverSec) / wall
  const workers = (after.workersSec - before.workersSec) / wall
  const loadgen = (after.loadgenSec - before.loadgenSec) / wall
  const redis = (after.redisSec - before.redisSec) / wall
  const postgres = (after.postgresSec - before.postgresSec) / wall
  const machine = machineShare * os.availableParallelism()
  return {
    // `other` is everything else that was busy: PostgreSQL's other databases and background
    // processes, the kernel's share, and any process that is not part of the benchmark.
    cores: {
      server: round(server),
      workers: round(workers),
      loadgen: round(loadgen),
      redis: round(redis),
      postgres: round(postgres),
      machine: round(machine),
      other: round(Math.max(0, machine - server - workers - loadgen - redis - postgres))
    },
    redisCalls: Object.fromEntries(calls.slice(0, 8)),
    redisCallsTotal: calls.reduce((a, [, n]) => a + n, 0)
  }
}
