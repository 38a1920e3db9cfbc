/**
 * Clock skew between processes, with libfaketime (Debian's `faketime` package, installed on first
 * use like Prometheus for its tests): no clock seam in the production code. For the length of the
 * fault, one worker runs with its clock {@link WORKER_SKEW_SEC} ahead, past every hold TTL of the run (a
 * sweeper or a lease on the local clock would release every hold at once), and one more API
 * process runs {@link API_SKEW_SEC} ahead, inside the 5 s tolerance of token checks
 * (docs/security.md). Buyers get their tokens from one API process and use them at the other.
 * Holds expire on Redis's clock (`TIME`) and leases on Redis's expiry, so neither may move.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as delay } from 'node:timers/promises'
import { freePorts } from '../stack/cluster-ports.ts'
import { Client } from './client.ts'
import type { FaultContext, FaultOutcome } from './fault-context.ts'
import { probeWrite, waitFor, whileBuyersBusy } from './probe.ts'

/** The skewed worker's clock: ahead by more than every hold TTL of the run (120 s, probes 600 s). */
export const WORKER_SKEW_SEC = 700
/** The skewed API process's clock: ahead, inside the 5 s tolerance of token checks. */
export const API_SKEW_SEC = 3
/** How long the skewed processes run: many sweeps (every 500 ms), admission ticks and ledger drains. */
const SKEW_MS = 10_000
/** A hold's expiry may differ from our own clock's by this much (Redis and this run share one host). */
const EXPIRY_TOLERANCE_MS = 2000
/** The probe sale's hold TTL (chaos-run.ts). */
const HOLD_TTL_MS = 600_000

/** libfaketime's library, installed with apt-get when missing (`flock`: one install at a time). */
export function ensureFaketime(): string {
  const found = findFaketime()
  if (found) return found
  const script =
    'command -v faketime >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends faketime; }'
  const res = spawnSync('flock', ['/tmp/firstcome-faketime.lock', 'sh', '-c', script], {
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: 600_000
  })
  const installed = findFaketime()
  if (res.status !== 0 || !installed) {
    throw new Error(
      `libfaketime is missing and could not be installed (apt-get exit ${res.status ?? res.error?.message}). ` +
        'Install it as root with: apt-get update && apt-get install -y faketime'
    )
  }
  return installed
}

function findFaketime(): string | undefined {
  for (const base of ['/usr/lib', '/usr/local/lib']) {
    if (!existsSync(base)) continue
    for (const dir of ['', ...readdirSync(base)]) {
      const lib = join(base, dir, 'faketime', 'libfaketime.so.1')
      if (existsSync(lib)) return lib
    }
  }
  return undefined
}

/** The environment that runs a process `sec` seconds ahead (timers, on the monotonic clock, untouched). */
function skewedEnv(lib: string, sec: number): Record<string, string> {
  return { LD_PRELOAD: lib, FAKETIME: `+${sec}s`, FAKETIME_DONT_FAKE_MONOTONIC: '1' }
}

export async function clockSkew(c: FaultContext): Promise<FaultOutcome> {
  const lib = ensureFaketime()
  await whileBuyersBusy(c)
  const problems: string[] = []
  const worker = c.workers[0]
  if (!worker) throw new Error('chaos: no worker to skew')
  const workerEnv = worker.env
  const t = Date.now()
  await c.procs.replace(worker, { ...workerEnv, ...skewedEnv(lib, WORKER_SKEW_SEC) })
  const [port, internalPort] = await freePorts(2)
  const api = c.procs.start('api-skewed', ['serve', '--processes', '1'], {
    ...c.env,
    FC_WORKERS: '0',
    PORT: String(port),
    FC_INTERNAL_PORT: String(internalPort),
    ...skewedEnv(lib, API_SKEW_SEC)
  })
  try {
    await waitFor(
      async () =>
        (await fetch(`http://127.0.0.1:${internalPort}/ready`)
          .then((r) => r.ok)
          .catch(() => false)) || undefined,
      120_000,
      'the skewed API process ready'
    )
    const skewed = new Client(`http://127.0.0.1:${port}`)
    // The skew is real: the skewed process's HTTP Date header is ahead of our clock.
    const answered = await fetch(`http://127.0.0.1:${internalPort}/ready`)
    const ahead = Date.parse(answered.headers.get('date') ?? '') - Date.now()
    if (!(ahead >= (API_SKEW_SEC - 1) * 1000 && ahead <= (API_SKEW_SEC + 2) * 1000))
      problems.push(`the skewed API process's clock is ${ahead} ms ahead, not ${API_SKEW_SEC} s`)

    // Token, queue and hold at the skewed process; the hold waits through several sweeps of the
    // skewed worker; confirm and outcome at the others. Then the other way round.
    const expiries: string[] = []
    for (const [holdClient, confirmClient] of [
      [skewed, c.client],
      [c.client, skewed]
    ] as const) {
      let heldAt = 0
      const ok = await probeWrite({ ...c, saleId: c.probeSaleId }, 60_000, {
        holdClient,
        confirmClient,
        pauseMs: 3000,
        onHold: (body) => {
          heldAt = Date.now()
          const off = Date.parse(body.expiresAt ?? '') - (heldAt + HOLD_TTL_MS)
          if (!(Math.abs(off) <= EXPIRY_TOLERANCE_MS)) expiries.push(`${body.holdId} expires ${off} ms off`)
        }
      })
      const way = holdClient === skewed ? 'held at the skewed API' : 'confirmed at the skewed API'
      if (!ok) problems.push(`a probe ${way} did not complete`)
      if (heldAt === 0) problems.push(`a probe ${way} held nothing`)
    }
    problems.push(...expiries)
    await delay(Math.max(0, SKEW_MS - (Date.now() - t)))
  } finally {
    await c.procs.stop(api)
    await c.procs.replace(worker, workerEnv)
  }
  const ended = Date.now()
  const ok = await probeWrite({ ...c, saleId: c.probeSaleId }, 60_000)
  if (!ok) problems.push('no hold and confirm went through after the clocks were set right')
  return {
    fault: `clock skew: a worker ${WORKER_SKEW_SEC} s ahead and an API process ${API_SKEW_SEC} s ahead for ${SKEW_MS / 1000} s (libfaketime)`,
    injectedAt: t,
    recoveryMs: ok === undefined ? null : Date.now() - ended,
    measure: 'from the clocks set right until a new hold and confirm are processed end to end',
    problems
  }
}
