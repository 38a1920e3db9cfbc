import { describe, expect, it } from 'vitest'
import type { SaleReport } from '../../../src/domain/report-ports.ts'
import { renderReportHtml } from '../../../src/services/report/report-html.ts'

const report: SaleReport = {
  saleId: 'e0123456789abcde',
  name: '</script><script>alert(1)</script>',
  kind: 'seated',
  status: 'closed',
  capacity: 4,
  currency: 'KRW',
  opensAt: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  generatedAt: '2026-01-01T01:00:00.000Z',
  timeline: [0, 1, 2].map((i) => ({
    at: 1_767_225_600 + i,
    waiting: 3 - i,
    active: i,
    admittedTotal: i,
    abandoned: 0,
    left: 0,
    frontier: i,
    free: 4 - i,
    held: i,
    pending: 0,
    sold: 0,
    confirmed: 0,
    consumerLag: 0
  })),
  funnel: {
    joined: 3,
    admitted: 2,
    waiting: 1,
    abandoned: 0,
    left: 0,
    held: 2,
    holders: 2,
    paid: 1,
    failed: 1,
    inFlight: 0,
    released: 0,
    expired: 0,
    refunds: 0,
    queueSource: 'timeline'
  },
  fairness: { seedHash: null, seed: null, frontierRegressions: 0, admittedRegressions: 0 },
  reconcile: { reports: [], driftFound: 0, repaired: 0, unrepaired: 0, staleSettled: 0 },
  deadLetters: { total: 0, unresolved: 0, replayed: 0, failed: 0, items: [] },
  edits: {
    total: 1,
    items: [
      {
        id: '1',
        actor: '<b>op</b>',
        action: 'edit',
        before: { perUserLimit: 2 },
        after: { perUserLimit: 4 },
        at: '2026-12-07T05:00:00.000Z'
      }
    ]
  }
}

describe('the report page', () => {
  it('is self-contained: inline SVG charts, no address to load, names escaped', () => {
    const html = renderReportHtml(report)
    expect(html.match(/<svg /g)?.length).toBe(4) // three timeline charts and the funnel
    expect(html).not.toMatch(/(src|href)=/)
    expect(html).not.toContain('<script>alert(1)')
    // The edits table: escaped, with what changed.
    expect(html).toContain('&lt;b&gt;op&lt;/b&gt;')
    expect(html).toContain('{&quot;perUserLimit&quot;:4}')
    expect(html).toContain('&lt;/script&gt;')
    // The embedded JSON cannot end its script element early.
    const data = html.slice(html.indexOf('id="report-data">'), html.indexOf('</script>'))
    expect(data).toContain('\\u003c/script>')
  })

  it('says so when no timeline was recorded', () => {
    const html = renderReportHtml({ ...report, timeline: [] })
    expect(html).toContain('no timeline recorded')
  })
})
