import type { LabRow } from './metrics.ts'
import type { LabReport } from './runner.ts'
import { TARGET_RATIO } from './runner.ts'

const int = (n: number): string => Math.round(n).toLocaleString('en-US')
const ms = (n: number): string => (n >= 100 ? int(n) : n.toFixed(1))
const pct = (n: number): string => `${Math.round(n * 100)}%`

const columns: Array<{ head: string; right: boolean; cell: (r: LabRow) => string }> = [
  { head: 'case', right: false, cell: (r) => r.case },
  { head: 'strategy', right: false, cell: (r) => r.strategy },
  { head: 'sold/stock', right: true, cell: (r) => `${r.sold}/${r.stock}` },
  { head: 'oversold', right: true, cell: (r) => int(r.oversold) },
  { head: 'lost upd.', right: true, cell: (r) => int(r.lostUpdates) },
  { head: 'undersold', right: true, cell: (r) => int(r.undersold) },
  {
    head: 'won/out/gave up/err',
    right: true,
    cell: (r) => `${r.outcomes.won}/${r.outcomes.soldOut}/${r.outcomes.gaveUp}/${r.outcomes.errors}`
  },
  { head: 'buys/s', right: true, cell: (r) => int(r.buysPerSec) },
  { head: 'req/s', right: true, cell: (r) => int(r.requestsPerSec) },
  { head: 'p50 ms', right: true, cell: (r) => ms(r.p50Ms) },
  { head: 'p99 ms', right: true, cell: (r) => ms(r.p99Ms) },
  { head: 'first-N won', right: true, cell: (r) => pct(r.firstNWon) },
  { head: 'tries', right: true, cell: (r) => int(r.attempts) },
  { head: 'PG xact/s', right: true, cell: (r) => int(r.pg.xactPerSec) },
  {
    head: 'PG commit/rollback',
    right: true,
    cell: (r) => `${int(r.pg.xactCommit)}/${int(r.pg.xactRollback)}`
  },
  { head: 'rows upd.', right: true, cell: (r) => int(r.pg.tupUpdated) },
  { head: 'Redis cmds', right: true, cell: (r) => int(r.redisCommands) },
  { head: 'elapsed ms', right: true, cell: (r) => int(r.elapsedMs) }
]

/** The rows as an aligned plain-text table (for the terminal). */
export function textTable(rows: readonly LabRow[]): string {
  const cells = rows.map((r) => columns.map((c) => c.cell(r)))
  const widths = columns.map((c, i) => Math.max(c.head.length, ...cells.map((row) => row[i]!.length)))
  const line = (values: readonly string[]) =>
    values.map((v, i) => (columns[i]!.right ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join('  ')
  return [line(columns.map((c) => c.head)), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join(
    '\n'
  )
}

/** The rows as a Markdown table. */
export function markdownTable(rows: readonly LabRow[]): string {
  const head = `| ${columns.map((c) => c.head).join(' | ')} |`
  const rule = `| ${columns.map((c) => (c.right ? '---:' : '---')).join(' | ')} |`
  const body = rows.map((r) => `| ${columns.map((c) => c.cell(r)).join(' | ')} |`)
  return [head, rule, ...body].join('\n')
}

/** The verdict on the 20x target, one line per case. */
export function verdictLines(report: LabReport): string[] {
  return report.verdicts.map(
    (v) =>
      `${v.case}: firstcome-lua / pg-pessimistic purchases/s = ${v.ratio.toFixed(1)}x (requests/s ${v.requestRatio.toFixed(1)}x), firstcome oversold ${v.firstcomeOversold} -> ` +
      `target (>= ${TARGET_RATIO}x, 0 oversold) ${v.met ? 'MET' : 'MISSED'}`
  )
}

/** A Markdown section: machine, table and verdicts. */
export function markdownReport(report: LabReport): string {
  const m = report.machine
  return [
    `- **Command:** \`${report.command}\``,
    `- **Run:** ${report.startedAt} to ${report.finishedAt}`,
    `- **Machine:** ${m.nproc} CPUs (${m.cpu}), ${(m.memoryBytes / 2 ** 30).toFixed(1)} GiB RAM, ${m.platform}, Node ${m.node}; ` +
      `load average before ${m.loadBefore.map((l) => l.toFixed(2)).join(' ')}, after ${m.loadAfter.map((l) => l.toFixed(2)).join(' ')}`,
    `- **PostgreSQL pool:** ${report.poolSize} connections per strategy process`,
    '',
    markdownTable(report.rows),
    '',
    ...verdictLines(report).map((l) => `- ${l}`),
    ...report.failures.map((f) => `- FAILED ${f.case} / ${f.strategy}: ${f.error}`)
  ].join('\n')
}
