/**
 * The capacity model against spike runs: for each `firstcome bench spike` report given, the
 * server CPU the model predicts (src/services/capacity/model.ts with bench/capacity-costs.json)
 * beside the CPU the run measured (report.json `serverCpu`: API processes with their workers,
 * Redis, the sale's PostgreSQL backends, the Kafka broker less its idle; the load generator left
 * out). The model is given what a planner knows of the sale: buyers, seats sold, the buying
 * window, the admission tick, and the run's length and API processes for the idle CPU.
 *
 *   npx tsx bench/capacity-check.ts bench-results/<run>/report.json ...
 */
import { readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { MeasuredCosts } from '../src/services/capacity/costs.ts'
import { completeShape, cpuSeconds } from '../src/services/capacity/model.ts'
import type { BenchReport } from './lib/types.ts'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const costs = JSON.parse(await readFile(join(root, 'bench', 'capacity-costs.json'), 'utf8')) as MeasuredCosts
const rows: string[] = [
  '| run | buyers | seats sold | window s | run s | predicted CPU-s (API / Redis / PG / Kafka) | measured CPU-s (API / Redis / PG / Kafka) | error | load generator CPU-s |',
  '| --- | ---: | ---: | ---: | ---: | --- | --- | ---: | ---: |'
]
for (const file of process.argv.slice(2)) {
  const report = JSON.parse(await readFile(file, 'utf8')) as BenchReport
  const sale = report.sales[0]
  const m = sale?.serverCpu
  if (!sale || !m) {
    process.stderr.write(`${file}: no serverCpu (a run of its own server is needed)\n`)
    continue
  }
  const opts = report.options as { durationSec: number; apiProcesses: number; tickMs?: number }
  const sold = sale.invariants.confirmed
  const shape = completeShape({
    buyers: sale.buyers,
    seats: Math.max(1, sold),
    withinSec: sale.sellOutSec ?? opts.durationSec,
    arrivalSec: 1,
    tickMs: opts.tickMs ?? 250
  })
  // The workers run inside each API process in a spike (FC_WORKERS=1): both idle per process.
  const p = cpuSeconds(costs, shape, {
    runSec: m.wallSec,
    apiProcesses: opts.apiProcesses,
    workerProcesses: opts.apiProcesses
  }).total
  // The run's Kafka figure is the broker less its idle (it is shared): the prediction likewise.
  p.kafka -= (costs.idleUsPerSec.kafka / 1e6) * m.wallSec
  const api = p.api + p.workers
  const predicted = api + p.redis + p.postgres + p.kafka
  const err = (predicted - m.total) / m.total
  const f = (x: number) => x.toFixed(1)
  rows.push(
    `| ${file.split('/').at(-2)} | ${sale.buyers.toLocaleString('en')} | ${sold} | ${shape.withinSec} | ${f(m.wallSec)} | **${f(predicted)}** (${f(api)} / ${f(p.redis)} / ${f(p.postgres)} / ${f(p.kafka)}) | **${f(m.total)}** (${f(m.api)} / ${f(m.redis)} / ${f(m.postgres)} / ${f(m.kafka)}) | ${err >= 0 ? '+' : ''}${(err * 100).toFixed(0)}% | ${f(m.loadgen)} |`
  )
}
process.stdout.write(`${rows.join('\n')}\n`)
