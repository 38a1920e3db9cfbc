import { useEffect, useRef, useState } from 'preact/hooks'
import type {
  AdmissionSettingsView,
  PublicSale,
  SalePhase,
  SaleStatsResponse,
  SectionStatsView
} from '../../../src/http/api-types.ts'
import { api, call, describe } from '../api/client.ts'
import { currencyOf } from '../api/currency.ts'
import { dateTime, money, num } from '../format.ts'
import { useInterval } from '../hooks.ts'
import type { Messages } from '../i18n/en.ts'
import { msg, useT } from '../i18n/index.ts'
import { Link } from '../router.tsx'
import { knownSales, useIdentity } from '../session.ts'
import { Notice } from '../ui/notice.tsx'
import { SignIn } from '../ui/sign-in.tsx'
import { AccessCodes } from './access-codes.tsx'
import { Chart, type SeriesSpec } from './chart.tsx'
import { Controls } from './controls.tsx'
import { type Buckets, deltaBuckets, parseBuckets, quantile } from './prometheus.ts'
import { SaleEdit } from './sale-edit.tsx'

const WINDOW = 300 // points kept: five minutes at one per second
const HOLD_ROUTE = '/v1/events/:id/holds'

/** One sample of the dashboard's time series. */
interface Sample {
  t: number
  waiting: number
  active: number
  admittedPerSec: number | null
  confirmedPerSec: number | null
  available: number
  held: number
  pending: number
  confirmed: number
  lag: number
  dlq: number
  refundsDue: number | null
  p99ms: number | null
}

/** The charts' series, labelled in the page's language. */
function series(t: Messages['console']) {
  const queue: SeriesSpec[] = [
    { label: t.seriesWaiting, color: '#2563eb' },
    { label: t.seriesActive, color: '#16a34a' }
  ]
  const rates: SeriesSpec[] = [
    { label: t.seriesAdmissions, color: '#7c3aed' },
    { label: t.seriesConfirmed, color: '#059669' }
  ]
  const stock: SeriesSpec[] = [
    { label: t.seriesRemaining, color: '#0284c7' },
    { label: t.seriesHeld, color: '#d97706' },
    { label: t.seriesPending, color: '#9333ea' },
    { label: t.seriesSold, color: '#15803d' }
  ]
  const pipe: SeriesSpec[] = [
    { label: t.seriesLag, color: '#b45309' },
    { label: t.seriesDlq, color: '#dc2626' },
    { label: t.seriesP99, color: '#334155', right: true }
  ]
  return { queue, rates, stock, pipe }
}

/** Sales per section (stats `sections`, creation order), amounts in the sale's currency. */
function SectionTable(props: { sections: SectionStatsView[]; currency: string }) {
  const t = useT().console
  const total = (f: (s: SectionStatsView) => number) => props.sections.reduce((n, s) => n + f(s), 0)
  return (
    <section class="card" aria-labelledby="by-section-title">
      <h2 id="by-section-title">{t.bySection}</h2>
      <div class="table-wrap">
        <table data-testid="section-stats">
          <thead>
            <tr>
              <th scope="col">{t.colSection}</th>
              <th scope="col">{t.colPrice}</th>
              <th scope="col">{t.colCapacity}</th>
              <th scope="col">{t.colAvailable}</th>
              <th scope="col">{t.colHeld}</th>
              <th scope="col">{t.colPending}</th>
              <th scope="col">{t.colSold}</th>
              <th scope="col">{t.colRevenue}</th>
            </tr>
          </thead>
          <tbody>
            {props.sections.map((s) => (
              <tr key={s.name} data-section={s.name}>
                <th scope="row">{s.name}</th>
                <td>{money(s.price, props.currency)}</td>
                <td>{num(s.capacity)}</td>
                <td>{num(s.available)}</td>
                <td>{num(s.held)}</td>
                <td>{num(s.pending)}</td>
                <td>{num(s.sold)}</td>
                <td>{money(s.sold * s.price, props.currency)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t.totalRow}</th>
              <td />
              <td>{num(total((s) => s.capacity))}</td>
              <td>{num(total((s) => s.available))}</td>
              <td>{num(total((s) => s.held))}</td>
              <td>{num(total((s) => s.pending))}</td>
              <td>{num(total((s) => s.sold))}</td>
              <td data-testid="revenue">
                {money(
                  total((s) => s.sold * s.price),
                  props.currency
                )}
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  )
}

function columns(samples: Sample[], pick: ((s: Sample) => number | null)[]): (number | null)[][] {
  return [samples.map((s) => s.t), ...pick.map((f) => samples.map(f))]
}

function Tile(props: { label: string; value: number | null; unit?: string; id: string }) {
  return (
    <div class="tile">
      <dt>{props.label}</dt>
      <dd data-testid={`kpi-${props.id}`}>
        {props.value === null ? '—' : num(props.value, 1)}
        {props.unit && props.value !== null ? <small> {props.unit}</small> : null}
      </dd>
    </div>
  )
}

/** This process's Prometheus metrics (`GET /v1/admin/metrics`), or null when they cannot be read. */
async function metricsText(token: string): Promise<string | null> {
  try {
    const { data, response } = await api.GET('/v1/admin/metrics', {
      parseAs: 'text',
      headers: { authorization: `Bearer ${token}` }
    })
    return response.ok && typeof data === 'string' ? data : null
  } catch {
    return null
  }
}

/** `/admin/events/:id`: live numbers and charts of one sale (stats polled every second) and its controls. */
export function Dashboard(props: { saleId: string }) {
  const admin = useIdentity('admin')
  const { saleId } = props
  const t = useT()
  const [sale, setSale] = useState<PublicSale | null>(null)
  const [sections, setSections] = useState<SectionStatsView[] | null>(null)
  const [statsCurrency, setStatsCurrency] = useState<string | null>(null)
  const [samples, setSamples] = useState<Sample[]>([])
  const [error, setError] = useState<string | null>(null)
  const [admission, setAdmission] = useState<AdmissionSettingsView | null>(null)
  const [phase, setPhase] = useState<SalePhase | null>(null)
  const prev = useRef<{ t: number; admitted: number; confirmed: number } | null>(null)
  const p99 = useRef<number | null>(null)
  const lastBuckets = useRef<Buckets | undefined>(undefined)

  useEffect(() => {
    setSamples([])
    prev.current = null
    call((init) => api.GET('/v1/events/{id}', { params: { path: { id: saleId } }, ...init }))
      .then((s) => {
        setSale(s)
        knownSales.add({ id: s.id, name: s.name, kind: s.kind })
      })
      .catch((err: unknown) => setError(describe(err)))
  }, [saleId])

  const tick = async () => {
    if (!admin) return
    try {
      const st: SaleStatsResponse = await call(
        (init) => api.GET('/v1/admin/events/{id}/stats', { params: { path: { id: saleId } }, ...init }),
        { token: admin.token }
      )
      setError(null)
      if (st.phase) setPhase(st.phase)
      const extra = st as SaleStatsResponse & { sections?: unknown; currency?: unknown }
      if (Array.isArray(extra.sections)) setSections(extra.sections as SectionStatsView[])
      if (typeof extra.currency === 'string') setStatsCurrency(extra.currency)
      const now = Date.now() / 1000
      const p = prev.current
      const dt = p ? now - p.t : 0
      const rate = (value: number, before: number | undefined) =>
        p && dt > 0 && before !== undefined ? Math.max(0, (value - before) / dt) : null
      const sample: Sample = {
        t: now,
        waiting: st.queue.waiting,
        active: st.queue.active,
        admittedPerSec: rate(st.queue.admitted, p?.admitted),
        confirmedPerSec: rate(st.stock.confirmed, p?.confirmed),
        available: st.stock.available,
        held: st.stock.held,
        pending: st.stock.pending,
        confirmed: st.stock.confirmed,
        lag: st.consumerLag,
        dlq: st.dlq,
        refundsDue: st.refunds?.due ?? null,
        p99ms: typeof st.p99HoldMs === 'number' ? st.p99HoldMs : p99.current
      }
      prev.current = { t: now, admitted: st.queue.admitted, confirmed: st.stock.confirmed }
      const adm = st.admission as AdmissionSettingsView | undefined
      if (adm && typeof adm.ratePerSec === 'number') setAdmission(adm)
      setSamples((s) => [...s.slice(-(WINDOW - 1)), sample])
    } catch (err) {
      setError(msg().console.unavailable(describe(err)))
    }
  }
  const scrape = async () => {
    if (!admin) return
    // The metrics of the process that answers, behind the admin token (scrapers use the internal listener).
    const text = await metricsText(admin.token)
    if (text === null) return
    const now = parseBuckets(text, 'http_request_duration_seconds', { method: 'POST', route: HOLD_ROUTE })
    const q = quantile(0.99, deltaBuckets(now, lastBuckets.current))
    lastBuckets.current = now
    p99.current = q === null ? null : q * 1000
  }
  useInterval(() => void tick(), 1000, admin !== null)
  useInterval(() => void scrape(), 2000, admin !== null)
  useEffect(() => {
    void tick()
    void scrape()
  }, [admin?.token, saleId])

  if (!admin) return <SignIn kind="admin" />
  const last = samples.at(-1) ?? null
  const c = t.console
  const s = series(c)
  const currency = statsCurrency ?? (sale ? currencyOf(sale) : null)
  return (
    <div class="dashboard">
      <header class="card dash-head">
        <p class="eyebrow">
          <Link href="/admin">{t.app.admin}</Link>
          {c.dashCrumb}
        </p>
        <h1>{sale?.name ?? saleId}</h1>
        <p class="muted">
          {sale
            ? `${sale.kind === 'seated' ? t.sale.seated : t.sale.coupon} · ${c.capacity(num(sale.capacity))}${
                sale.kind === 'seated' ? ` · ${currencyOf(sale)}` : ''
              }`
            : ''}{' '}
          · <Link href={`/events/${saleId}`}>{c.buyerPage}</Link> ·{' '}
          <Link href={`/admin/events/${saleId}/report`}>{t.saleReport.link}</Link> · {c.id}{' '}
          <code>{saleId}</code>
        </p>
        <p>
          {c.phase}:{' '}
          <strong class="phase" data-testid="sale-phase" data-phase={phase ?? ''}>
            {phase ? t.sale.phaseNames[phase] : '—'}
          </strong>
          {sale && (sale.preQueueOpensAt || sale.opensAt || sale.closesAt) && (
            <span class="muted" data-testid="sale-timeline">
              {' · '}
              {c.timeline(
                sale.preQueueOpensAt ? dateTime(sale.preQueueOpensAt) : null,
                sale.opensAt ? dateTime(sale.opensAt) : null,
                sale.closesAt ? dateTime(sale.closesAt) : null
              )}
            </span>
          )}
        </p>
      </header>
      {error && <Notice tone="warning">{error}</Notice>}
      <dl class="tiles" aria-label={c.liveNumbers}>
        <Tile id="waiting" label={c.kpiWaiting} value={last?.waiting ?? null} />
        <Tile id="active" label={c.kpiActive} value={last?.active ?? null} />
        <Tile id="admissions" label={c.kpiAdmissions} value={last?.admittedPerSec ?? null} />
        <Tile id="available" label={c.kpiRemaining} value={last?.available ?? null} />
        <Tile id="held" label={c.kpiHeld} value={last?.held ?? null} />
        <Tile id="pending" label={c.kpiPending} value={last?.pending ?? null} />
        <Tile id="confirmed" label={c.kpiConfirmed} value={last?.confirmed ?? null} />
        <Tile id="confirmed-rate" label={c.kpiConfirmedRate} value={last?.confirmedPerSec ?? null} />
        <Tile id="lag" label={c.kpiLag} value={last?.lag ?? null} />
        <Tile id="dlq" label={c.kpiDlq} value={last?.dlq ?? null} />
        <Tile id="refunds-due" label={c.kpiRefunds} value={last?.refundsDue ?? null} />
        <Tile id="p99" label={c.kpiP99} value={last?.p99ms ?? null} unit="ms" />
      </dl>
      {sections && sections.length > 0 && currency && (
        <SectionTable sections={sections} currency={currency} />
      )}
      <div class="charts">
        <Chart
          title={c.chartQueue}
          series={s.queue}
          data={columns(samples, [(x) => x.waiting, (x) => x.active])}
        />
        <Chart
          title={c.chartThroughput}
          series={s.rates}
          data={columns(samples, [(x) => x.admittedPerSec, (x) => x.confirmedPerSec])}
        />
        <Chart
          title={c.chartStock}
          series={s.stock}
          data={columns(samples, [(x) => x.available, (x) => x.held, (x) => x.pending, (x) => x.confirmed])}
        />
        <Chart
          title={c.chartPipeline}
          series={s.pipe}
          rightUnit="ms"
          data={columns(samples, [(x) => x.lag, (x) => x.dlq, (x) => x.p99ms])}
        />
      </div>
      <AccessCodes saleId={saleId} token={admin.token} />
      <SaleEdit saleId={saleId} token={admin.token} />
      <Controls saleId={saleId} admin={admin} admission={admission} onAdmission={setAdmission} />
    </div>
  )
}
