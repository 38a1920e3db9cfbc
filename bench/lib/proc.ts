/**
 * Per-process figures from Linux's /proc, for the benchmarks' resource columns. CPU is user +
 * system time in seconds (clock ticks of 1/100 s); a process that is gone reads as NaN.
 */
import { readFile } from 'node:fs/promises'

const TICK_SEC = 0.01 // USER_HZ is 100 on Linux

/** CPU seconds (user + system) the process has used so far; NaN when it cannot be read. */
export async function cpuSec(pid: number): Promise<number> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) * TICK_SEC
  } catch {
    return Number.NaN
  }
}

/** Resident memory of the process in MB; 0 when it cannot be read. */
export async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '')
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024
}

/** CPU seconds and RSS of one process; zeros when it is gone. */
export async function procStats(pid: number): Promise<{ cpuSec: number; rssMb: number }> {
  const cpu = await cpuSec(pid)
  return { cpuSec: Number.isNaN(cpu) ? 0 : cpu, rssMb: await rssMb(pid) }
}
