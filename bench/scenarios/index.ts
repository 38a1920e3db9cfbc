/**
 * `firstcome bench <spike|ramp|soak>`: virtual buyers through the whole journey against a system
 * under test of the run's own (or `--target`), the machine's ceilings in the same run, and a
 * report (JSON, Markdown, HTML with charts, PNG) under `bench-results/<scenario>-<timestamp>/`.
 *
 *   spike  everyone at the opening second (default 20,000 buyers for 2,000 seats)
 *   ramp   1k -> 5k -> 10k -> ... buyers in steps, a fresh sale per step, seats in proportion
 *   soak   a steady arrival rate for the duration, watching memory and connections
 */
import os from 'node:os'
import { join } from 'node:path'
import { type Ceilings, measureCeilings } from '../lib/ceilings.ts'
import { writeReport } from '../lib/report.ts'
import { startSut } from '../lib/sut.ts'
import type { BenchReport, SaleRunResult, Scenario } from '../lib/types.ts'
import { runSale, type Shares } from './run-sale.ts'

export type { BenchReport, Scenario } from '../lib/types.ts'

// How long an admitted buyer may take to hold or claim. 20 s let admissions lapse while a loaded
// 2-core box answered holds in up to 8 s (p99): 1,825 of 2,000 seats sold before the deadline.
const BUYING_WINDOW_SEC = 60

export const SCENARIOS: readonly Scenario[] = ['spike', 'ramp', 'soak']

export interface BenchOptions {
  root: string
  scenario: Scenario
  buyers?: number
  seats?: number
  /** short | medium | long, or seconds. */
  duration?: string
  kind?: 'seated' | 'coupon'
  target?: string
  adminToken?: string
  apiProcesses?: number
  workers?: number
  difficulty?: number
  shares?: Partial<Shares>
  declineShare?: number
  /** Admission rate (buyers per second let in). */
  admitRate?: number
  /** Admission tick of the own server (ms); every waiting stream gets one update per tick. */
  tickMs?: number
  /** Queue grace period of the own server (s); also how long stock is kept for a new admission. */
  graceSec?: number
  /** Hold TTL of the sale (s; default 10, so abandoned holds return within the run). */
  holdTtlSec?: number
  ceilings?: boolean
  png?: boolean
  outDir?: string
  say?: (line: string) => void
}

function durationSec(raw: string | undefined, scenario: Scenario): { sec: number; short: boolean } {
  const presets: Record<string, Record<Scenario, number>> = {
    short: { spike: 20, ramp: 20, soak: 30 },
    medium: { spike: 120, ramp: 90, soak: 300 },
    long: { spike: 600, ramp: 300, soak: 3600 }
  }
  const key = raw ?? 'medium'
  const preset = presets[key]
  if (preset) return { sec: preset[scenario], short: key === 'short' }
  const n = Number(key)
  if (!Number.isFinite(n) || n < 5 || n > 7200)
    throw new Error(`--duration: short, medium, long or 5-7200 seconds, not "${raw}"`)
  return { sec: n, short: n <= 30 }
}

export async function runBench(o: BenchOptions): Promise<BenchReport> {
  const say = o.say ?? ((line: string) => process.stderr.write(`${line}\n`))
  const started = Date.now()
  const { sec, short } = durationSec(o.duration, o.scenario)
  const buyers = o.buyers ?? (o.scenario === 'soak' ? 5000 : 20_000)
  const seats = o.seats ?? (o.scenario === 'soak' ? buyers : Math.max(1, Math.round(buyers / 10)))
  const kind = o.kind ?? 'seated'
  const shares: Shares = { abandoners: 0.1, refreshers: 0.1, doubleClickers: 0.05, bots: 0.02, ...o.shares }
  // Above ~8,000 buyers the waiting streams would crowd one API process's 20,000 files.
  const apiProcesses = o.apiProcesses ?? (buyers > 8000 && !o.target ? 2 : 1)
  const workersFor = (n: number) => o.workers ?? Math.max(2, Math.min(8, Math.ceil(n / 5000)))
  const sut = await startSut({
    root: o.root,
    ...(o.target ? { target: o.target } : {}),
    ...(o.adminToken ? { adminToken: o.adminToken } : {}),
    env: {
      ...(o.tickMs ? { FC_ADMISSION_TICK_MS: String(o.tickMs) } : {}),
      ...(o.graceSec ? { FC_QUEUE_GRACE_SEC: String(o.graceSec) } : {})
    },
    apiProcesses,
    say
  })
  say(
    `bench ${o.scenario}: system under test at ${sut.base}${sut.own ? ` (${apiProcesses} API process(es), own database and prefixes)` : ' (--target)'}`
  )
  const sales: SaleRunResult[] = []
  let ceilings: Ceilings | null = null
  let interrupted = false
  const onSignal = () => {
    interrupted = true
  }
  process.once('SIGINT', onSignal)
  try {
    if (o.ceilings !== false && sut.own) {
      say('bench: ceilings of this machine')
      ceilings = await measureCeilings(sut, short, say)
    }
    const common = {
      sut,
      root: o.root,
      kind,
      perUserLimit: 2,
      resultWaitSec: 30,
      connectionsPerWorker: 64,
      shares,
      difficulty: o.difficulty ?? 0,
      declineShare: o.declineShare ?? 0,
      // Short TTLs so abandoned holds and idle admissions return their units within the run.
      holdTtlSec: o.holdTtlSec ?? 10,
      say
    }
    const admitRate = (cap: number) => o.admitRate ?? Math.max(200, Math.min(5000, cap))
    if (o.scenario === 'spike') {
      sales.push(
        await runSale({
          ...common,
          label: 'spike',
          buyers,
          seats,
          // Everyone in the opening second.
          arrival: (i) => (i / buyers) * 1000,
          timeLimitSec: sec,
          workers: workersFor(buyers),
          admission: {
            ratePerSec: admitRate(seats),
            maxActive: Math.max(500, seats * 2),
            accessTtlSec: BUYING_WINDOW_SEC
          },
          stopAtSellOut: true
        })
      )
    } else if (o.scenario === 'ramp') {
      const steps: number[] = []
      for (const n of [1000, 5000, 10_000, 20_000, 50_000, 100_000, 200_000]) if (n < buyers) steps.push(n)
      steps.push(buyers)
      const perStep = Math.max(10, Math.round(sec / steps.length))
      for (const n of steps) {
        if (interrupted) break
        const stepSeats = Math.max(1, Math.round((n * seats) / buyers))
        sales.push(
          await runSale({
            ...common,
            label: `ramp ${n}`,
            buyers: n,
            seats: stepSeats,
            // A step's buyers arrive over its first few seconds.
            arrival: (i) => (i / n) * Math.min(5000, (perStep * 1000) / 3),
            timeLimitSec: perStep,
            resultWaitSec: 20,
            workers: workersFor(n),
            admission: {
              ratePerSec: admitRate(stepSeats),
              maxActive: Math.max(500, stepSeats * 2),
              accessTtlSec: BUYING_WINDOW_SEC
            },
            stopAtSellOut: true
          })
        )
      }
    } else {
      sales.push(
        await runSale({
          ...common,
          label: 'soak',
          buyers,
          seats,
          // A steady stream over the first 90% of the duration.
          arrival: (i) => (i / buyers) * sec * 900,
          timeLimitSec: sec,
          workers: workersFor(Math.min(buyers, 20_000)),
          admission: {
            ratePerSec: admitRate(Math.ceil(buyers / sec) * 2),
            maxActive: 5000,
            accessTtlSec: 60
          },
          stopAtSellOut: false
        })
      )
    }
  } finally {
    process.removeListener('SIGINT', onSignal)
    say('bench: cleaning up the system under test')
    await sut.stop()
  }

  const main = sales[sales.length - 1]
  const ratios: Record<string, number | null> = {}
  const ratio = (a: number | null | undefined, b: number | null | undefined) =>
    a === null || a === undefined || b === null || b === undefined || b === 0
      ? null
      : Math.round((a / b) * 10_000) / 10_000
  if (main) {
    ratios['HTTP requests/s vs hello world'] = ratio(main.reqPerSec, ceilings?.helloPerSec)
    ratios['holds (or claims)/s vs claim-script loop'] = ratio(
      main.latencyMs.hold.n / Math.max(0.001, main.allConfirmedSec ?? main.durationSec),
      ceilings?.claimScriptPerSec
    )
    ratios['confirmed bookings/s vs PostgreSQL insert rate'] = ratio(
      main.confirmedPerSec,
      ceilings?.pgInsertPerSec
    )
  }
  const stamp = new Date(started).toISOString().replace(/[:.]/g, '-').replace(/Z$/, '')
  const dir = o.outDir ?? join(o.root, 'bench-results', `${o.scenario}-${stamp}`)
  const command = [
    'firstcome bench',
    o.scenario,
    `--buyers ${buyers}`,
    `--seats ${seats}`,
    `--duration ${o.duration ?? 'medium'}`,
    ...(o.target ? [`--target ${o.target}`] : []),
    ...(o.apiProcesses ? [`--api-processes ${o.apiProcesses}`] : []),
    ...(o.workers ? [`--workers ${o.workers}`] : []),
    ...(o.tickMs ? [`--tick-ms ${o.tickMs}`] : []),
    ...(o.graceSec ? [`--grace-sec ${o.graceSec}`] : []),
    ...(o.holdTtlSec ? [`--hold-ttl-sec ${o.holdTtlSec}`] : []),
    ...(o.admitRate ? [`--admit-rate ${o.admitRate}`] : []),
    ...(o.ceilings === false ? ['--no-ceilings'] : []),
    ...(kind !== 'seated' ? [`--kind ${kind}`] : []),
    ...(o.difficulty ? [`--difficulty ${o.difficulty}`] : [])
  ].join(' ')
  const report: BenchReport = {
    scenario: o.scenario,
    command,
    date: new Date(started).toISOString(),
    machine: {
      cpus: os.availableParallelism(),
      model: os.cpus()[0]?.model ?? '?',
      memGb: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      platform: `${os.type()} ${os.release()}`
    },
    options: {
      buyers,
      seats,
      kind,
      duration: o.duration ?? 'medium',
      durationSec: sec,
      apiProcesses,
      shares,
      difficulty: o.difficulty ?? 0,
      declineShare: o.declineShare ?? 0,
      tickMs: o.tickMs ?? 250,
      graceSec: o.graceSec ?? 5,
      holdTtlSec: o.holdTtlSec ?? 10,
      target: o.target ?? null
    },
    sales,
    ceilings,
    ratios,
    passed: sales.length > 0 && sales.every((s) => s.invariants.passed),
    durationSec: Math.round((Date.now() - started) / 1000),
    files: { json: '', markdown: '', html: '', png: null }
  }
  report.files = await writeReport(report, dir, { png: o.png !== false, say })
  say(`bench ${o.scenario}: ${report.passed ? 'PASS' : 'FAIL'} in ${report.durationSec} s; report in ${dir}`)
  return report
}
