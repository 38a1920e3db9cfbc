/**
 * The CPU of the system under test's parties from Linux's /proc and Redis INFO: the API
 * processes, Redis, the PostgreSQL backends of one database, the Kafka broker's JVM. A pool's
 * backends come and go, so PostgreSQL is compared pid by pid (a backend new since the first
 * reading counts whole; one gone meanwhile loses what it did after that reading).
 */
import { readdir, readFile } from 'node:fs/promises'
import { cpuSec } from './proc.ts'

/** Pids of the PostgreSQL backends of database `db` ("postgres: 15/main: <user> <db> <client> <state>"). */
export async function postgresBackends(db: string): Promise<number[]> {
  const out: number[] = []
  for (const e of await readdir('/proc')) {
    if (!/^\d+$/.test(e)) continue
    const cmd = await readFile(`/proc/${e}/cmdline`, 'utf8').catch(() => '')
    if (!cmd.startsWith('postgres')) continue
    // The server's own processes (WAL writer, checkpointer) serve every database of a shared
    // server and are left out.
    const m = /^postgres: [^:]+: (\S+) (\S+) /.exec(cmd.replace(/\0/g, ' '))
    if (m && m[2] === db) out.push(Number(e))
  }
  return out
}

/** The pid of the local Kafka broker's JVM, if one runs. */
export async function kafkaBrokerPid(): Promise<number | undefined> {
  for (const e of await readdir('/proc')) {
    if (!/^\d+$/.test(e)) continue
    const cmd = await readFile(`/proc/${e}/cmdline`, 'utf8').catch(() => '')
    if (cmd.includes('java') && cmd.includes('kafka.Kafka')) return Number(e)
  }
  return undefined
}

/** CPU seconds of each process by pid (gone ones left out). */
export async function cpuByPid(pids: readonly number[]): Promise<Map<number, number>> {
  const m = new Map<number, number>()
  for (const p of pids) {
    const c = await cpuSec(p)
    if (!Number.isNaN(c)) m.set(p, c)
  }
  return m
}

/** CPU used between two readings: processes in both by their difference, new ones whole. */
export function cpuBetween(a: Map<number, number>, b: Map<number, number>): number {
  let s = 0
  for (const [p, c] of b) s += c - (a.get(p) ?? 0)
  return s
}

/** Redis's own CPU seconds (user + system) from INFO cpu. */
export function redisCpuSec(infoCpu: string): number {
  const f = (n: string) => Number(new RegExp(`^${n}:([0-9.]+)`, 'm').exec(infoCpu)?.[1] ?? 0)
  return f('used_cpu_user') + f('used_cpu_sys')
}

/** One reading of every party. */
export interface ServerCpuReading {
  at: number
  api: Map<number, number>
  redis: number
  postgres: Map<number, number>
  kafka: number
}

export async function readServerCpu(o: {
  apiPids: readonly number[]
  infoCpu: () => Promise<string>
  database: string
  kafkaPid: number | undefined
}): Promise<ServerCpuReading> {
  return {
    at: performance.now(),
    api: await cpuByPid(o.apiPids),
    redis: redisCpuSec(await o.infoCpu()),
    postgres: await cpuByPid(await postgresBackends(o.database)),
    kafka: o.kafkaPid === undefined ? 0 : (await cpuSec(o.kafkaPid)) || 0
  }
}

/** CPU seconds of each party between two readings, and the wall time. */
export function serverCpuBetween(
  a: ServerCpuReading,
  b: ServerCpuReading
): { wallSec: number; api: number; redis: number; postgres: number; kafka: number } {
  return {
    wallSec: (b.at - a.at) / 1000,
    api: cpuBetween(a.api, b.api),
    redis: b.redis - a.redis,
    postgres: cpuBetween(a.postgres, b.postgres),
    kafka: b.kafka - a.kafka
  }
}
