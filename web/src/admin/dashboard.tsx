import { useEffect, useRef, useState } from 'preact/hooks'
import type { AdmissionSettingsView, PublicSale, SaleStatsResponse } from '../../../src/http/api-types.ts'
import { call, describe } from '../api/client.ts'
import { useInterval } from '../hooks.ts'
import { Link } from '../router.tsx'
import { knownSales, useIdentity } from '../session.ts'
import { Notice } from '../ui/notice.tsx'
import { SignIn } from '../ui/sign-in.tsx'
import { Chart, type SeriesSpec } from './chart.tsx'
import { Controls } from './controls.tsx'
import { type Buckets, deltaBuckets, parseBuckets, quantile } from './prometheus.ts'

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

const QUEUE: SeriesSpec[] = [
  { label: 'waiting', color: '#2563eb' },
  { label: 'active buyers', color: '#16a34a' }
]
const RATES: SeriesSpec[] = [
  { label: 'admissions/s', color: '#7c3aed' },
  { label: 'confirmed/s', color: '#059669' }
]
const STOCK: SeriesSpec[] = [
  { label: 'remaining', color: '#0284c7' },
  { label: 'held', color: '#d97706' },
  { label: 'pending', color: '#9333ea' },
  { label: 'confirmed', color: '#15803d' }
]
const PIPE: SeriesSpec[] = [
  { label: 'consumer lag', color: '#b45309' },
  { label: 'dead letters', color: '#dc2626' },
  { label: 'hold p99 (ms)', color: '#334155', right: true }
]

function columns(samples: Sample[], pick: ((s: Sample) => number | null)[]): (number | null)[][] {
  return [samples.map((s) => s.t), ...pick.map((f) => samples.map(f))]
}

function Tile(props: { label: string; value: number | null; unit?: string; id: string }) {
  return (
    <div class="tile">
      <dt>{props.label}</dt>
      <dd data-testid={`kpi-${props.id}`}>
        {props.value === null ? '—' : props.value.toLocaleString(undefined, { maximumFractionDigits: 1 })}
        {props.unit && props.value !== null ? <small> {props.unit}</small> : null}
      </dd>
    </div>
  )
}

async function fetchText(path: string, token: string): Promise<string | null> {
  try {
    const res = await fetch(path, { cache: 'no-store', headers: { authorization: `Bearer ${token}` } })
    return res.ok ? await res.text() : null
  } catch {
    return null
  }
}

/** `/admin/events/:id`: live numbers and charts of one sale (stats polled every second) and its controls. */
export function Dashboard(props: { saleId: string }) {
  const admin = useIdentity('admin')
  const { saleId } = props
  const [sale, setSale] = useState<PublicSale | null>(null)
  const [samples, setSamples] = useState<Sample[]>([])
  const [error, setError] = useState<string | null>(null)
  const [admission, setAdmission] = useState<AdmissionSettingsView | null>(null)
  const prev = useRef<{ t: number; admitted: number; confirmed: number } | null>(null)
  const p99 = useRef<number | null>(null)
  const lastBuckets = useRef<Buckets | undefined>(undefined)

  useEffect(() => {
    setSamples([])
    prev.current = null
    call<PublicSale>('GET', `/v1/events/${saleId}`)
      .then((s) => {
        setSale(s)
        knownSales.add({ id: s.id, name: s.name, kind: s.kind })
      })
      .catch((err: unknown) => setError(describe(err)))
  }, [saleId])

  const tick = async () => {
    if (!admin) return
    try {
      const st = await call<SaleStatsResponse>('GET', `/v1/admin/events/${saleId}/stats`, {
        token: admin.token
      })
      setError(null)
      const t = Date.now() / 1000
      const p = prev.current
      const dt = p ? t - p.t : 0
      const rate = (now: number, before: number | undefined) =>
        p && dt > 0 && before !== undefined ? Math.max(0, (now - before) / dt) : null
      const sample: Sample = {
        t,
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
      prev.current = { t, admitted: st.queue.admitted, confirmed: st.stock.confirmed }
      const adm = st.admission as AdmissionSettingsView | undefined
      if (adm && typeof adm.ratePerSec === 'number') setAdmission(adm)
      setSamples((s) => [...s.slice(-(WINDOW - 1)), sample])
    } catch (err) {
      setError(`Live numbers unavailable: ${describe(err)}`)
    }
  }
  const scrape = async () => {
    if (!admin) return
    // The metrics of the process that answers, behind the admin token (scrapers use the internal listener).
    const text = await fetchText('/v1/admin/metrics', admin.token)
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
  return (
    <div class="dashboard">
      <header class="card dash-head">
        <p class="eyebrow">
          <Link href="/admin">Admin</Link> / live dashboard
        </p>
        <h1>{sale?.name ?? saleId}</h1>
        <p class="muted">
          {sale
            ? `${sale.kind === 'seated' ? 'Seated sale' : 'Coupon drop'} · capacity ${sale.capacity}`
            : ''}{' '}
          · <Link href={`/events/${saleId}`}>buyer page</Link> · id <code>{saleId}</code>
        </p>
      </header>
      {error && <Notice tone="warning">{error}</Notice>}
      <dl class="tiles" aria-label="Live numbers">
        <Tile id="waiting" label="In queue" value={last?.waiting ?? null} />
        <Tile id="active" label="Active buyers" value={last?.active ?? null} />
        <Tile id="admissions" label="Admissions/s" value={last?.admittedPerSec ?? null} />
        <Tile id="available" label="Remaining" value={last?.available ?? null} />
        <Tile id="held" label="Held" value={last?.held ?? null} />
        <Tile id="pending" label="Pending" value={last?.pending ?? null} />
        <Tile id="confirmed" label="Confirmed" value={last?.confirmed ?? null} />
        <Tile id="confirmed-rate" label="Confirmed/s" value={last?.confirmedPerSec ?? null} />
        <Tile id="lag" label="Consumer lag" value={last?.lag ?? null} />
        <Tile id="dlq" label="Dead letters" value={last?.dlq ?? null} />
        <Tile id="refunds-due" label="Refunds due" value={last?.refundsDue ?? null} />
        <Tile id="p99" label="Hold p99" value={last?.p99ms ?? null} unit="ms" />
      </dl>
      <div class="charts">
        <Chart title="Queue" series={QUEUE} data={columns(samples, [(s) => s.waiting, (s) => s.active])} />
        <Chart
          title="Throughput"
          series={RATES}
          data={columns(samples, [(s) => s.admittedPerSec, (s) => s.confirmedPerSec])}
        />
        <Chart
          title="Stock"
          series={STOCK}
          data={columns(samples, [(s) => s.available, (s) => s.held, (s) => s.pending, (s) => s.confirmed])}
        />
        <Chart
          title="Pipeline"
          series={PIPE}
          rightUnit="ms"
          data={columns(samples, [(s) => s.lag, (s) => s.dlq, (s) => s.p99ms])}
        />
      </div>
      <Controls saleId={saleId} admin={admin} admission={admission} onAdmission={setAdmission} />
    </div>
  )
}
