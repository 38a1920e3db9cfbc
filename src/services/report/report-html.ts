import type { SaleReport, TimelineRow } from '../../domain/report-ports.ts'

/**
 * The post-sale report as one self-contained HTML page (`firstcome report <sale> --html`): inline
 * CSS, the charts drawn here as inline SVG, a few lines of inline script for the charts' read-out,
 * and the report's JSON embedded; it loads nothing from the network.
 */

const esc = (v: unknown): string =>
  String(v)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')

interface Series {
  label: string
  color: string
  pick: (r: TimelineRow) => number
}

const W = 720
const H = 220
const PAD = { l: 48, r: 12, t: 12, b: 28 }

function clock(epochSec: number): string {
  return new Date(epochSec * 1000).toISOString().slice(11, 19)
}

/** A line chart of some timeline columns against time, as an SVG element. */
export function lineChartSvg(title: string, rows: readonly TimelineRow[], series: readonly Series[]): string {
  const head = `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(title)}">`
  if (rows.length === 0) {
    return `${head}<text x="${W / 2}" y="${H / 2}" text-anchor="middle" class="empty">no timeline recorded</text></svg>`
  }
  const t0 = rows[0]?.at ?? 0
  const t1 = rows.at(-1)?.at ?? t0
  const span = Math.max(1, t1 - t0)
  const max = Math.max(1, ...rows.flatMap((r) => series.map((s) => s.pick(r))))
  const x = (t: number) => PAD.l + ((t - t0) / span) * (W - PAD.l - PAD.r)
  const y = (v: number) => H - PAD.b - (v / max) * (H - PAD.t - PAD.b)
  const grid = [0, 0.25, 0.5, 0.75, 1]
    .map((f) => {
      const v = Math.round(max * f)
      return `<line x1="${PAD.l}" x2="${W - PAD.r}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" class="grid"/><text x="${PAD.l - 4}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end" class="tick">${v}</text>`
    })
    .join('')
  const times = `<text x="${PAD.l}" y="${H - 8}" class="tick">${clock(t0)}</text><text x="${W - PAD.r}" y="${H - 8}" text-anchor="end" class="tick">${clock(t1)}</text>`
  const lines = series
    .map((s) => {
      const pts = rows.map((r) => `${x(r.at).toFixed(1)},${y(s.pick(r)).toFixed(1)}`).join(' ')
      return `<polyline fill="none" stroke="${s.color}" stroke-width="1.6" points="${pts}"><title>${esc(s.label)}</title></polyline>`
    })
    .join('')
  return `${head}${grid}${times}${lines}</svg>`
}

function legend(series: readonly Series[]): string {
  return `<p class="legend">${series.map((s) => `<span><i style="background:${s.color}"></i>${esc(s.label)}</span>`).join('')}</p>`
}

/** The funnel as horizontal bars, as an SVG element. */
export function funnelSvg(report: SaleReport): string {
  const f = report.funnel
  const steps: Array<[string, number]> = [
    ['joined', f.joined],
    ['admitted', f.admitted],
    ['held', f.held],
    ['paid', f.paid],
    ['failed', f.failed],
    ['abandoned', f.abandoned]
  ]
  const max = Math.max(1, ...steps.map(([, v]) => v))
  const rowH = 26
  const bars = steps
    .map(([label, v], i) => {
      const w = (v / max) * (W - 200)
      const yy = 8 + i * rowH
      return `<text x="90" y="${yy + 16}" text-anchor="end" class="tick">${label}</text><rect x="100" y="${yy + 4}" width="${w.toFixed(1)}" height="${rowH - 8}" class="bar bar-${label}"/><text x="${(106 + w).toFixed(1)}" y="${yy + 16}" class="tick">${v}</text>`
    })
    .join('')
  return `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${W} ${steps.length * rowH + 16}" role="img" aria-label="funnel">${bars}</svg>`
}

const QUEUE: Series[] = [
  { label: 'waiting', color: '#2563eb', pick: (r) => r.waiting },
  { label: 'active (admitted, live)', color: '#16a34a', pick: (r) => r.active },
  { label: 'admitted so far', color: '#9333ea', pick: (r) => r.admittedTotal }
]
const STOCK: Series[] = [
  { label: 'free', color: '#64748b', pick: (r) => r.free },
  { label: 'held', color: '#f59e0b', pick: (r) => r.held },
  { label: 'pending', color: '#0ea5e9', pick: (r) => r.pending },
  { label: 'sold', color: '#16a34a', pick: (r) => r.sold }
]
const PIPELINE: Series[] = [
  { label: 'confirmed so far', color: '#16a34a', pick: (r) => r.confirmed },
  { label: 'consumer lag', color: '#dc2626', pick: (r) => r.consumerLag }
]

function table(head: readonly string[], rows: ReadonlyArray<readonly unknown[]>, empty: string): string {
  if (rows.length === 0) return `<p class="none">${esc(empty)}</p>`
  return `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${esc(c ?? '')}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`
}

const CSS = `
body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:780px;color:#0f172a;padding:0 12px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #e2e8f0}
.meta{color:#475569}.chart{width:100%;height:auto;background:#f8fafc;border:1px solid #e2e8f0}
.grid{stroke:#e2e8f0}.tick{font-size:11px;fill:#475569}.empty{fill:#94a3b8}
.bar{fill:#2563eb}.bar-paid{fill:#16a34a}.bar-failed{fill:#dc2626}.bar-abandoned{fill:#94a3b8}
.legend span{margin-right:14px;font-size:12px}.legend i{display:inline-block;width:10px;height:10px;margin-right:4px}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{text-align:left;padding:3px 6px;border-bottom:1px solid #e2e8f0}
dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px}dt{color:#475569}dd{margin:0;word-break:break-all}
.none{color:#64748b}.readout{font-size:12px;color:#334155;min-height:1.2em}
`

// Shows the timeline's values at the pointer under each chart (the data is the embedded JSON).
const SCRIPT = `
(function(){
  var data=JSON.parse(document.getElementById('report-data').textContent);
  var rows=data.timeline; if(!rows.length) return;
  document.querySelectorAll('svg.timeline').forEach(function(svg){
    var out=svg.nextElementSibling.nextElementSibling;
    svg.addEventListener('mousemove',function(e){
      var b=svg.getBoundingClientRect(); var f=(e.clientX-b.left)/b.width*${W};
      var t0=rows[0].at,t1=rows[rows.length-1].at; var t=t0+(f-${PAD.l})/(${W - PAD.l - PAD.r})*Math.max(1,t1-t0);
      var r=rows.reduce(function(a,c){return Math.abs(c.at-t)<Math.abs(a.at-t)?c:a});
      out.textContent=new Date(r.at*1000).toISOString().slice(11,19)+'  waiting '+r.waiting+', active '+r.active+', admitted '+r.admittedTotal+', free '+r.free+', held '+r.held+', pending '+r.pending+', sold '+r.sold+', confirmed '+r.confirmed+', lag '+r.consumerLag;
    });
  });
})();
`

function chartBlock(title: string, rows: readonly TimelineRow[], series: readonly Series[]): string {
  const svg = lineChartSvg(title, rows, series).replace('class="chart"', 'class="chart timeline"')
  return `<h3>${esc(title)}</h3>${svg}${legend(series)}<div class="readout"></div>`
}

/** The report as a self-contained HTML page. */
export function renderReportHtml(report: SaleReport): string {
  const f = report.funnel
  const fair = report.fairness
  const rec = report.reconcile
  const dl = report.deadLetters
  const rows = report.timeline
  // The embedded JSON may not close its script element.
  const json = JSON.stringify(report).replace(/</g, '\\u003c')
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Post-sale report: ${esc(report.name)} (${esc(report.saleId)})</title><style>${CSS}</style></head>
<body>
<h1>${esc(report.name)}</h1>
<p class="meta">Sale <code>${esc(report.saleId)}</code> &middot; ${esc(report.kind)} &middot; ${esc(report.status)} &middot; capacity ${report.capacity} &middot; opens ${esc(report.opensAt ?? 'at creation')} &middot; report of ${esc(report.generatedAt)}</p>

<h2>Timeline</h2>
<p class="meta">${rows.length} seconds recorded${rows.length > 0 ? `, ${clock(rows[0]?.at ?? 0)} to ${clock(rows.at(-1)?.at ?? 0)} UTC` : ''}.</p>
${chartBlock('Waiting room', rows, QUEUE)}
${chartBlock('Stock', rows, STOCK)}
${chartBlock('Pipeline', rows, PIPELINE)}

<h2>Funnel</h2>
${funnelSvg(report)}
<dl>
<dt>joined</dt><dd>${f.joined} (admitted ${f.admitted}, still waiting ${f.waiting}, abandoned ${f.abandoned}, left ${f.left}; from the ${esc(f.queueSource)})</dd>
<dt>held</dt><dd>${f.held} units to ${f.holders} buyers (released ${f.released}, expired ${f.expired})</dd>
<dt>paid</dt><dd>${f.paid}</dd>
<dt>failed</dt><dd>${f.failed} (refunds ${f.refunds})</dd>
<dt>in flight</dt><dd>${f.inFlight}</dd>
</dl>

<h2>Fairness</h2>
<dl>
<dt>seed hash</dt><dd>${esc(fair.seedHash ?? 'no pre-queue seed drawn')}</dd>
<dt>revealed seed</dt><dd>${esc(fair.seed ?? (fair.seedHash ? 'not revealed yet' : '-'))}</dd>
<dt>frontier went back</dt><dd>${fair.frontierRegressions} seconds</dd>
<dt>admitted total went back</dt><dd>${fair.admittedRegressions} seconds</dd>
</dl>

<h2>Drift and repairs</h2>
<p class="meta">${rec.reports.length} reports, ${rec.driftFound} differences found, ${rec.repaired} repaired, ${rec.unrepaired} left unrepaired, ${rec.staleSettled} stale units settled.</p>
${table(
  ['checked at', 'drift', 'repaired', 'busy', 'stale'],
  rec.reports.map((r) => [
    r.checkedAt,
    r.drift
      .map((d) => `${d.field}: redis ${JSON.stringify(d.redis)} / db ${JSON.stringify(d.database)}`)
      .join('; '),
    r.repaired ? 'yes' : 'no',
    r.busy ? 'yes' : 'no',
    r.stale
  ]),
  'The reconciler found no drift.'
)}

<h2>Dead letters</h2>
<p class="meta">${dl.total} dead letters: ${dl.replayed} replayed, ${dl.failed} given up, ${dl.unresolved} unresolved.</p>
${table(
  ['id', 'kind', 'reason', 'replays', 'outcome', 'at'],
  dl.items.map((d) => [d.id, d.kind, d.reason, d.replays, d.resolution ?? 'unresolved', d.createdAt]),
  'No dead letters.'
)}

<h2>Edits</h2>
<p class="meta">${report.edits.total} edits by operators while the sale ran.</p>
${table(
  ['at', 'who', 'what', 'before', 'after'],
  report.edits.items.map((e) => [e.at, e.actor, e.action, JSON.stringify(e.before), JSON.stringify(e.after)]),
  'No edits.'
)}
<script type="application/json" id="report-data">${json}</script>
<script>${SCRIPT}</script>
</body></html>
`
}
