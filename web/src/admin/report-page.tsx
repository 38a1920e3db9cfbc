import { useEffect, useMemo, useState } from 'preact/hooks'
import type { SaleReportResponse } from '../../../src/http/api-types.ts'
import { api, call, describe } from '../api/client.ts'
import { dateTime, num } from '../format.ts'
import { useInterval } from '../hooks.ts'
import { useT } from '../i18n/index.ts'
import { Link } from '../router.tsx'
import { useIdentity } from '../session.ts'
import { Notice } from '../ui/notice.tsx'
import { SignIn } from '../ui/sign-in.tsx'
import { Chart, type SeriesSpec } from './chart.tsx'

const REFRESH_MS = 5000

/**
 * `/admin/events/:id/report`: the post-sale report of a sale (`GET /v1/admin/events/:id/report`):
 * the timeline charts, the funnel, fairness, drift and dead letters. Refreshed every 5 s while the
 * sale runs; a closed sale's report is read once.
 */
export function ReportPage(props: { saleId: string }) {
  const { saleId } = props
  const admin = useIdentity('admin')
  const t = useT()
  const r = t.saleReport
  const [report, setReport] = useState<SaleReportResponse | null>(null)
  const [error, setError] = useState<string | null>(null)
  const load = () => {
    if (!admin) return
    call<SaleReportResponse>(
      (init) => api.GET('/v1/admin/events/{id}/report', { params: { path: { id: saleId } }, ...init }),
      { token: admin.token }
    )
      .then((body) => {
        setReport(body)
        setError(null)
      })
      .catch((err: unknown) => setError(describe(err)))
  }
  useEffect(load, [saleId, admin?.token])
  useInterval(load, REFRESH_MS, report !== null && report.status !== 'closed')

  const rows = report?.timeline ?? []
  const charts = useMemo(() => {
    const times = rows.map((x) => x.at)
    const col = (f: (x: (typeof rows)[number]) => number) => rows.map(f)
    return {
      queue: [times, col((x) => x.waiting), col((x) => x.active), col((x) => x.admittedTotal)],
      stock: [times, col((x) => x.free), col((x) => x.held), col((x) => x.pending), col((x) => x.sold)],
      pipe: [times, col((x) => x.confirmed), col((x) => x.consumerLag)]
    }
  }, [rows])

  if (!admin) return <SignIn kind="admin" />
  const queueSeries: SeriesSpec[] = [
    { label: r.waiting, color: '#2563eb' },
    { label: r.active, color: '#16a34a' },
    { label: r.admittedTotal, color: '#9333ea' }
  ]
  const stockSeries: SeriesSpec[] = [
    { label: r.free, color: '#64748b' },
    { label: r.held, color: '#f59e0b' },
    { label: r.pending, color: '#0ea5e9' },
    { label: r.sold, color: '#16a34a' }
  ]
  const pipeSeries: SeriesSpec[] = [
    { label: r.confirmed, color: '#16a34a' },
    { label: r.lag, color: '#dc2626' }
  ]
  const f = report?.funnel
  const steps: Array<[string, number]> = f
    ? [
        [r.joined, f.joined],
        [r.admitted, f.admitted],
        [r.held, f.held],
        [r.paid, f.paid],
        [r.failed, f.failed],
        [r.abandoned, f.abandoned],
        [r.left, f.left],
        [r.inFlight, f.inFlight]
      ]
    : []
  const top = Math.max(1, ...steps.map(([, v]) => v))
  return (
    <div class="dashboard" data-testid="sale-report">
      <header class="card dash-head">
        <p class="eyebrow">
          <Link href="/admin">{t.app.admin}</Link> ·{' '}
          <Link href={`/admin/events/${saleId}`}>{report?.name ?? saleId}</Link>
        </p>
        <h1>{r.title}</h1>
        <p class="muted">
          <code>{saleId}</code>
          {report ? ` · ${report.status === 'closed' ? r.final : r.live}` : ''}
        </p>
      </header>
      {error && <Notice tone="warning">{error}</Notice>}
      {!report ? (
        !error && <p class="muted">{r.loading}</p>
      ) : (
        <>
          <section class="card">
            <h2>{r.timeline(num(rows.length))}</h2>
            {rows.length === 0 && <p class="muted">{r.noTimeline}</p>}
          </section>
          {rows.length > 0 && (
            <div class="charts">
              <Chart title={r.queueChart} series={queueSeries} data={charts.queue} />
              <Chart title={r.stockChart} series={stockSeries} data={charts.stock} />
              <Chart title={r.pipelineChart} series={pipeSeries} data={charts.pipe} />
            </div>
          )}
          <section class="card" aria-labelledby="funnel-title">
            <h2 id="funnel-title">{r.funnel}</h2>
            <table data-testid="report-funnel">
              <tbody>
                {steps.map(([label, v]) => (
                  <tr key={label}>
                    <th scope="row">{label}</th>
                    <td>{num(v)}</td>
                    <td style={{ width: '60%' }}>
                      <div style={{ background: '#2563eb', height: '0.8em', width: `${(v / top) * 100}%` }} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section class="card" aria-labelledby="fairness-title">
            <h2 id="fairness-title">{r.fairness}</h2>
            <dl>
              <dt>{r.seedHash}</dt>
              <dd>
                <code>{report.fairness.seedHash ?? r.noSeed}</code>
              </dd>
              <dt>{r.seed}</dt>
              <dd>
                <code>{report.fairness.seed ?? (report.fairness.seedHash ? r.notRevealed : '—')}</code>
              </dd>
              <dt>{r.regressions}</dt>
              <dd>{num(report.fairness.frontierRegressions)}</dd>
            </dl>
          </section>
          <section class="card" aria-labelledby="drift-title">
            <h2 id="drift-title">{r.drift}</h2>
            {report.reconcile.reports.length === 0 ? (
              <p class="muted">{r.noDrift}</p>
            ) : (
              <div class="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{r.checkedAt}</th>
                      <th scope="col">{r.differences}</th>
                      <th scope="col">{r.repaired}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {report.reconcile.reports.map((x, i) => (
                      <tr key={`${x.checkedAt}-${i}`}>
                        <td>{dateTime(x.checkedAt)}</td>
                        <td>
                          {x.drift
                            .map(
                              (d) => `${d.field}: ${JSON.stringify(d.redis)} / ${JSON.stringify(d.database)}`
                            )
                            .join('; ')}
                        </td>
                        <td>{x.repaired ? r.yes : r.no}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          <section class="card" aria-labelledby="report-dlq-title">
            <h2 id="report-dlq-title">{r.deadLetters}</h2>
            {report.deadLetters.items.length === 0 ? (
              <p class="muted">{r.noDeadLetters}</p>
            ) : (
              <div class="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">id</th>
                      <th scope="col">{r.reason}</th>
                      <th scope="col">{r.outcome}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {report.deadLetters.items.map((d) => (
                      <tr key={d.id}>
                        <td>{d.id}</td>
                        <td>{d.reason}</td>
                        <td>{d.resolution ?? r.unresolved}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </>
      )}
    </div>
  )
}
