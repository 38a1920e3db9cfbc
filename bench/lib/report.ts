/**
 * The bench report: JSON (everything), Markdown (the tables), a self-contained HTML page with
 * inline SVG charts (no external URL, so it opens anywhere and renders offline) and a PNG of that
 * page (headless Chromium through playwright-core; skipped with a note when no browser is there).
 */
import { existsSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { fmt } from './stats.ts'
import { type BenchReport, type SaleRunResult, STEPS, type TimelinePoint } from './types.ts'

const STEP_NAMES: Record<string, string> = {
  join: 'join (POST queue)',
  admittedWait: 'join → admitted (SSE)',
  hold: 'hold / claim',
  confirm: 'confirm (pay)',
  leave: 'leave (DELETE queue)',
  result: 'result (202 → terminal)'
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

export function markdown(r: BenchReport): string {
  const out: string[] = []
  out.push(`# firstcome bench ${r.scenario} — ${r.passed ? 'PASS' : 'FAIL'}`, '')
  out.push(`- Date: ${r.date}`, `- Command: \`${r.command}\``)
  out.push(
    `- Machine: ${r.machine.cpus} x ${r.machine.model}, ${r.machine.memGb} GB, ${r.machine.platform}, Node ${r.machine.node}`,
    ''
  )
  for (const s of r.sales) out.push(...saleMarkdown(s), '')
  if (r.ceilings) {
    out.push('## Ceilings of this machine (same run)', '', '| ceiling | per second |', '| --- | ---: |')
    out.push(`| fastify hello world (100 connections) | ${fmt(r.ceilings.helloPerSec ?? Number.NaN)} |`)
    out.push(
      `| claim-unit script, EVALSHA client loop (200 in flight) | ${fmt(r.ceilings.claimScriptPerSec ?? Number.NaN)} |`
    )
    out.push(
      `| PostgreSQL multi-row INSERT (booking rows) | ${fmt(r.ceilings.pgInsertPerSec ?? Number.NaN)} |`,
      ''
    )
    for (const n of r.ceilings.notes) out.push(`- note: ${n}`)
    out.push('| ratio | value |', '| --- | ---: |')
    for (const [k, v] of Object.entries(r.ratios))
      out.push(`| ${k} | ${v === null ? '—' : `${(v * 100).toFixed(1)}%`} |`)
    out.push('')
  }
  return out.join('\n')
}

function saleMarkdown(s: SaleRunResult): string[] {
  const inv = s.invariants
  const out = [
    `## ${s.label}: ${fmt(s.buyers)} buyers, ${fmt(s.capacity)} ${s.capacity === 1 ? 'unit' : 'units'}`,
    '',
    `Sold out (no unit available) at **${s.sellOutSec ?? '—'} s**, every unit confirmed at **${s.allConfirmedSec ?? '—'} s** after the opening; ` +
      `run ${s.durationSec} s; ${fmt(s.requests)} requests (${fmt(s.reqPerSec)}/s); confirmed ${fmt(inv.confirmed)} (${s.confirmedPerSec ?? '—'} confirmed/s).`,
    '',
    '| step | n | p50 ms | p95 ms | p99 ms | max ms |',
    '| --- | ---: | ---: | ---: | ---: | ---: |'
  ]
  for (const step of STEPS) {
    const l = s.latencyMs[step]
    out.push(
      `| ${STEP_NAMES[step]} | ${fmt(l.n)} | ${fmt(l.p50, 1)} | ${fmt(l.p95, 1)} | ${fmt(l.p99, 1)} | ${fmt(l.max, 1)} |`
    )
  }
  out.push('', '| invariant | ok | detail |', '| --- | :---: | --- |')
  for (const c of inv.checks) out.push(`| ${c.name} | ${c.ok ? '✅' : '❌'} | ${c.detail} |`)
  const roles = Object.entries(s.roles)
    .map(([k, v]) => `${k} ${fmt(v)}`)
    .join(', ')
  const phases = Object.entries(s.phases)
    .filter(([, v]) => v > 0)
    .map(([k, v]) => `${k} ${fmt(v)}`)
    .join(', ')
  const errors = Object.entries(s.errors)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${fmt(v)}`)
    .join(', ')
  out.push(
    '',
    `- Buyers by role: ${roles}`,
    `- How they ended: ${phases}`,
    `- Errors by code (every non-2xx answer, including the expected ones): ${errors || 'none'}`,
    `- Double clicks: ${s.doubleClicks.sent} pairs, ${s.doubleClicks.divergent} with two different effects; refreshes ${s.refreshes}; per-user limit refusals ${s.limitRefusals}`,
    ...(s.admittedVia
      ? [
          `- Admissions learned from the stream ${fmt(s.admittedVia.sse)}, by the poll after a reload ${fmt(s.admittedVia.refresh)}, by a poll after 20 s of silence ${fmt(s.admittedVia.silence)} (${fmt(s.silencePolls ?? 0)} such polls)`
        ]
      : []),
    `- Bots: ${s.bots.count}, refused ${s.bots.refused} times (${
      Object.entries(s.bots.refusedBy)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ') || '—'
    }), got through ${s.bots.admittedThrough}`,
    `- Results reached buyers via SSE ${s.resultsVia.sse}, polling ${s.resultsVia.poll}, not seen ${s.resultsVia.none}`
  )
  if (s.redis)
    out.push(
      `- Redis: used memory ${s.redis.usedMemoryMbBefore} → ${s.redis.usedMemoryMbAfter} MB (peak ${s.redis.peakMemoryMb}), ${fmt(s.redis.commands)} commands (${fmt(s.redis.commandsPerSec)}/s); top: ${Object.entries(
        s.redis.topCommands
      )
        .map(([k, v]) => `${k} ${fmt(v)}`)
        .join(', ')}`
    )
  const lags = s.timeline.map((p) => p.consumerLag ?? 0)
  out.push(
    `- Consumer lag (stats endpoint, per second): max ${Math.max(0, ...lags)}, last ${lags[lags.length - 1] ?? '—'}`
  )
  const cpu = s.timeline.map((p) => p.cpu).filter((x): x is NonNullable<typeof x> => x !== undefined)
  if (cpu.length > 0) {
    const avg = (f: (c: (typeof cpu)[number]) => number) =>
      Math.round((cpu.reduce((n, c) => n + f(c), 0) / cpu.length) * 100) / 100
    const max = (f: (c: (typeof cpu)[number]) => number) => Math.max(...cpu.map(f))
    out.push(
      `- CPU in cores (average / max of the per-second samples): API ${avg((c) => c.api)} / ${max((c) => c.api)}, load generator ${avg((c) => c.load)} / ${max((c) => c.load)}, Redis ${avg((c) => c.redis)} / ${max((c) => c.redis)}`
    )
  }
  const rss = s.timeline.map((p) => p.serverRssMb).filter((x): x is number => x !== undefined)
  if (rss.length > 0)
    out.push(
      `- API RSS: first ${rss[0]} MB, max ${Math.max(...rss)} MB, last ${rss[rss.length - 1]} MB; fds max ${Math.max(0, ...s.timeline.map((p) => p.serverFds ?? 0))}`
    )
  return out
}

interface Series {
  name: string
  color: string
  values: Array<number | undefined>
}

/** A small line chart as inline SVG. */
function chart(title: string, xs: number[], series: Series[], w = 560, h = 220): string {
  const pad = { l: 56, r: 10, t: 24, b: 28 }
  const xmax = Math.max(1, ...xs)
  const ymax = Math.max(
    1,
    ...series.flatMap((s) => s.values.filter((v): v is number => v !== undefined && Number.isFinite(v)))
  )
  const X = (x: number) => pad.l + (x / xmax) * (w - pad.l - pad.r)
  const Y = (y: number) => h - pad.b - (y / ymax) * (h - pad.t - pad.b)
  const lines = series
    .map((s) => {
      const pts = s.values
        .map((v, i) =>
          v === undefined || !Number.isFinite(v) ? null : `${X(xs[i] ?? 0).toFixed(1)},${Y(v).toFixed(1)}`
        )
        .filter((p): p is string => p !== null)
      return `<polyline fill="none" stroke="${s.color}" stroke-width="1.8" points="${pts.join(' ')}"/>`
    })
    .join('')
  const legend = series
    .map(
      (s, i) =>
        `<rect x="${pad.l + i * 105}" y="${h - 10}" width="10" height="3" fill="${s.color}"/><text x="${pad.l + 14 + i * 105}" y="${h - 6}" font-size="10">${esc(s.name)}</text>`
    )
    .join('')
  const ticks = [0, 0.5, 1]
    .map(
      (f) =>
        `<text x="${pad.l - 4}" y="${Y(ymax * f) + 3}" font-size="10" text-anchor="end">${fmt(ymax * f)}</text><line x1="${pad.l}" x2="${w - pad.r}" y1="${Y(ymax * f)}" y2="${Y(ymax * f)}" stroke="#eee"/>`
    )
    .join('')
  const xt = [0, 0.5, 1]
    .map(
      (f) =>
        `<text x="${X(xmax * f)}" y="${h - pad.b + 12}" font-size="10" text-anchor="middle">${fmt(xmax * f)} s</text>`
    )
    .join('')
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h + 6}" viewBox="0 0 ${w} ${h + 6}"><text x="${pad.l}" y="14" font-size="12" font-weight="bold">${esc(title)}</text>${ticks}${xt}${lines}${legend}</svg>`
}

function saleCharts(s: SaleRunResult): string {
  const tl: TimelinePoint[] = s.timeline
  const xs = tl.map((p) => Math.max(0, p.t))
  const pick = (f: (p: TimelinePoint) => number | undefined) => tl.map(f)
  return [
    chart('buyers by phase', xs, [
      { name: 'waiting', color: '#1f77b4', values: pick((p) => p.phases.waiting) },
      { name: 'shopping+paying', color: '#ff7f0e', values: pick((p) => p.phases.shopping + p.phases.paying) },
      { name: 'awaiting result', color: '#9467bd', values: pick((p) => p.phases.result) },
      { name: 'bought', color: '#2ca02c', values: pick((p) => p.phases.bought) },
      { name: 'sold out', color: '#d62728', values: pick((p) => p.phases.soldOut) }
    ]),
    chart('stock (stats endpoint)', xs, [
      { name: 'available', color: '#1f77b4', values: pick((p) => p.stock?.available) },
      { name: 'held', color: '#ff7f0e', values: pick((p) => p.stock?.held) },
      { name: 'pending', color: '#9467bd', values: pick((p) => p.stock?.pending) },
      { name: 'confirmed', color: '#2ca02c', values: pick((p) => p.stock?.confirmed) }
    ]),
    chart('requests/s, errors per sample, open streams', xs, [
      { name: 'req/s', color: '#1f77b4', values: pick((p) => p.reqPerSec) },
      {
        name: 'errors',
        color: '#d62728',
        values: pick((p) => Object.values(p.errors).reduce((a, b) => a + b, 0))
      },
      { name: 'open SSE', color: '#8c564b', values: pick((p) => p.sseOpen) }
    ]),
    chart('consumer lag, API RSS MB, Redis MB', xs, [
      { name: 'consumer lag', color: '#9467bd', values: pick((p) => p.consumerLag) },
      { name: 'API RSS MB', color: '#17becf', values: pick((p) => p.serverRssMb) },
      { name: 'Redis MB', color: '#bcbd22', values: pick((p) => p.redisMemMb) }
    ])
  ].join('')
}

function mdToHtmlTables(md: string): string {
  // The Markdown is ours and simple: headings, bullets, pipes tables, paragraphs.
  const lines = md.split('\n')
  const out: string[] = []
  let table: string[][] = []
  const flush = () => {
    if (table.length === 0) return
    const [head, , ...rows] = table
    out.push(
      `<table><tr>${(head ?? []).map((c) => `<th>${c}</th>`).join('')}</tr>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</table>`
    )
    table = []
  }
  const inline = (s: string) =>
    esc(s)
      .replace(/\*\*([^*]+)\*\*/g, '<b>$1</b>')
      .replace(/`([^`]+)`/g, '<code>$1</code>')
  for (const line of lines) {
    if (line.startsWith('|')) {
      table.push(
        line
          .slice(1, -1)
          .split('|')
          .map((c) => inline(c.trim()))
      )
      continue
    }
    flush()
    if (line.startsWith('## ')) out.push(`<h2>${inline(line.slice(3))}</h2>`)
    else if (line.startsWith('# ')) out.push(`<h1>${inline(line.slice(2))}</h1>`)
    else if (line.startsWith('- ')) out.push(`<div class="li">• ${inline(line.slice(2))}</div>`)
    else if (line.trim() !== '') out.push(`<p>${inline(line)}</p>`)
  }
  flush()
  return out.join('\n')
}

export function html(r: BenchReport): string {
  // Check marks a headless browser without an emoji font can draw (the PNG is rendered from this).
  const md = markdown(r).replaceAll('✅', '✓').replaceAll('❌', '✗')
  const parts = mdToHtmlTables(md).split('<h2>')
  // Each sale's charts go right after its heading block.
  let body = parts[0] ?? ''
  for (let i = 1; i < parts.length; i++) {
    const sale = r.sales[i - 1]
    body += `<h2>${parts[i]}`
    if (sale) body += `<div class="charts">${saleCharts(sale)}</div>`
  }
  return `<!doctype html><html><head><meta charset="utf-8"><title>firstcome bench ${r.scenario}</title><style>
body{font-family:system-ui,sans-serif;font-size:13px;margin:16px;max-width:1180px;color:#222}
table{border-collapse:collapse;margin:6px 0}td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}
td:first-child,th:first-child{text-align:left}.charts{display:flex;flex-wrap:wrap;gap:6px}.li{margin:2px 0}
h1{font-size:20px}h2{font-size:16px;margin-top:18px}code{background:#f4f4f4}</style></head><body>${body}</body></html>`
}

export async function renderPng(htmlPath: string, pngPath: string): Promise<void> {
  const { chromium } = await import('playwright-core')
  const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p))
  if (!executablePath) throw new Error('no chromium at /usr/bin/chromium (apt-get install -y chromium)')
  const browser = await chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run'
    ]
  })
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } })
    await page.goto(`file://${resolve(htmlPath)}`)
    await page.screenshot({ path: pngPath, fullPage: true })
  } finally {
    await browser.close()
  }
}

export async function writeReport(
  r: BenchReport,
  dir: string,
  o: { png: boolean; say: (line: string) => void }
): Promise<BenchReport['files']> {
  await mkdir(dir, { recursive: true })
  const files: BenchReport['files'] = {
    json: join(dir, 'report.json'),
    markdown: join(dir, 'report.md'),
    html: join(dir, 'report.html'),
    png: null
  }
  await writeFile(files.markdown, `${markdown(r)}\n`)
  await writeFile(files.html, html(r))
  if (o.png) {
    const path = join(dir, 'report.png')
    try {
      await renderPng(files.html, path)
      files.png = path
    } catch (err) {
      o.say(`bench: no PNG (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`)
    }
  }
  await writeFile(files.json, `${JSON.stringify({ ...r, files }, null, 2)}\n`)
  return files
}
