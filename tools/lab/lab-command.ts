import { writeFile } from 'node:fs/promises'
import { OperationalError } from '../../src/errors.ts'
import { ensureStack } from '../stack/index.ts'
import { openLabEnvironment } from './lab-environment.ts'
import { markdownReport, textTable, verdictLines } from './report.ts'
import { defaultCases, runLab } from './runner.ts'
import { type LabCase, type StrategyName, strategyNames } from './types.ts'

/** Options of `firstcome lab`, as commander parses them. */
export interface LabCommandOptions {
  strategy?: string[]
  stock?: string
  buyers?: string
  concurrency?: string
  pool?: string
  json?: string
  markdown?: string
}

/** A bad option (`FC_LAB_OPTION`): the message names the fix. */
export class LabOptionError extends OperationalError {
  constructor(message: string) {
    super('FC_LAB_OPTION', message)
    this.name = 'LabOptionError'
  }
}

function positive(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1)
    throw new LabOptionError(`--${name} must be a whole number >= 1, got "${value}"`)
  return n
}

/** The strategies and cases the options ask for (all strategies and the default cases by default). */
export function resolveLabOptions(opts: LabCommandOptions): {
  strategies: StrategyName[]
  cases: LabCase[]
  poolSize: number
} {
  const known = new Set<string>(strategyNames)
  const asked = opts.strategy ?? []
  const unknown = asked.filter((s) => !known.has(s))
  if (unknown.length > 0)
    throw new LabOptionError(
      `unknown strategy ${unknown.join(', ')}: choose from ${strategyNames.join(', ')}`
    )
  const strategies = asked.length > 0 ? strategyNames.filter((s) => asked.includes(s)) : [...strategyNames]
  const stock = positive('stock', opts.stock)
  const buyers = positive('buyers', opts.buyers)
  const concurrency = positive('concurrency', opts.concurrency)
  let cases: LabCase[]
  if (stock !== undefined || buyers !== undefined) {
    const s = stock ?? 100
    const b = buyers ?? 5000
    const c = concurrency ?? Math.min(b, 1000)
    cases = [{ label: `custom ${s} x ${b}`, stock: s, buyers: b, concurrency: c }]
  } else {
    cases = defaultCases.map((c) => (concurrency ? { ...c, concurrency } : { ...c }))
  }
  return { strategies, cases, poolSize: positive('pool', opts.pool) ?? 20 }
}

/**
 * `firstcome lab`: makes the services answer (starting missing ones like `firstcome up`), creates
 * the lab's own database, Redis prefix and Kafka topics, runs the table, prints it, writes JSON and
 * Markdown if asked, and removes everything it created, also when a strategy fails.
 */
export async function runLabCommand(
  opts: LabCommandOptions,
  root: string,
  say: (line: string) => void
): Promise<void> {
  const { strategies, cases, poolSize } = resolveLabOptions(opts)
  const stack = await ensureStack({
    root,
    env: process.env,
    detached: false,
    onProgress: ({ service, phase, message }) => {
      if (phase !== 'check' && phase !== 'reuse') say(`  ${service.padEnd(8)} ${phase.padEnd(7)} ${message}`)
    }
  })
  try {
    const lab = await openLabEnvironment({
      redisUrl: stack.redisUrl,
      databaseUrl: stack.databaseUrl,
      kafkaBrokers: stack.kafkaBrokers,
      poolSize
    })
    const stop = () => {
      lab.close().finally(() => process.exit(130))
    }
    process.once('SIGINT', stop)
    try {
      say(
        `firstcome lab: ${strategies.length} strategies x ${cases.length} cases, database and Redis prefix of its own`
      )
      const report = await runLab({
        lab,
        cases,
        strategies,
        poolSize,
        command: ['firstcome lab', ...process.argv.slice(3)].join(' '),
        onFailure: (f) => say(`  ${f.case.padEnd(18)} ${f.strategy.padEnd(18)} FAILED: ${f.error}`),
        onRow: (r) =>
          say(
            `  ${r.case.padEnd(18)} ${r.strategy.padEnd(18)} sold ${r.sold}/${r.stock}, oversold ${r.oversold}, ` +
              `${Math.round(r.buysPerSec)} buys/s, p99 ${r.p99Ms.toFixed(1)} ms`
          )
      })
      const failed = report.failures.map((f) => `FAILED ${f.case} / ${f.strategy}: ${f.error}`)
      process.stdout.write(
        `\n${textTable(report.rows)}\n\n${[...verdictLines(report), ...failed].join('\n')}\n`
      )
      if (opts.json) {
        await writeFile(opts.json, `${JSON.stringify(report, null, 2)}\n`)
        say(`wrote ${opts.json}`)
      }
      if (opts.markdown) {
        await writeFile(opts.markdown, `${markdownReport(report)}\n`)
        say(`wrote ${opts.markdown}`)
      }
    } finally {
      process.off('SIGINT', stop)
      await lab.close()
    }
  } finally {
    await stack.stop()
  }
}
