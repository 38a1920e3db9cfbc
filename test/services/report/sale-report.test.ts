/**
 * The stored post-sale report: the timeline worker records a row per second of an open sale, the
 * reconciler's reports are stored, and `GET /v1/admin/events/:id/report` counts a sale driven
 * through the API exactly, before and after it closes; admins only. `firstcome report --html`
 * writes a self-contained page.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SaleReport } from '../../../src/domain/report-ports.ts'
import { spawnCli } from '../../support/cli-process.ts'
import { buyerRequest, createHarness, type Harness, seatedSale } from '../../support/harness.ts'
import { until } from '../../support/wait.ts'

let h: Harness
let saleId: string
const buyers = ['b1', 'b2', 'b3', 'b4', 'b5', 'b6']

beforeAll(async () => {
  // Workers on (the admission scheduler admits, the timeline samples every 200 ms).
  h = await createHarness(
    { FC_TIMELINE_INTERVAL_MS: '200', FC_ADMISSION_TICK_MS: '100', FC_QUEUE_GRACE_SEC: '600' },
    { workers: true }
  )
  saleId = await h.createSale(
    seatedSale(1, 10, { admission: { ratePerSec: 1000, maxActive: 4, accessTtlSec: 600 } })
  )
})
afterAll(async () => {
  await h?.close()
})

async function report(id = saleId, token = h.adminToken) {
  const res = await h.rt.app.inject({
    url: `/v1/admin/events/${id}/report`,
    headers: token ? { authorization: `Bearer ${token}` } : {}
  })
  return { status: res.statusCode, body: res.json() as SaleReport & { code?: string } }
}

async function access(userId: string): Promise<string> {
  const view = await h.rt.waitingRoom.room.status(userId, saleId)
  if (view.state !== 'admitted' || !view.accessToken) throw new Error(`${userId} is ${view.state}`)
  return view.accessToken
}

describe('the post-sale report', () => {
  it('counts a sale driven through the API exactly, with its timeline, drift and dead letters', async () => {
    for (const u of buyers) {
      expect((await buyerRequest(h, 'POST', `/v1/events/${saleId}/queue`, u, undefined, {})).status).toBe(200)
    }
    // At most 4 live admissions: the first four tickets get in, two wait.
    await until(async () => (await h.rt.waitingRoom.room.counts(saleId)).admitted === 4, 15_000)
    const admitted = buyers.slice(0, 4)
    const outcomes = ['approve', 'approve', 'decline'] as const
    for (const [i, simulate] of outcomes.entries()) {
      const u = admitted[i] as string
      const a = await access(u)
      const held = await buyerRequest(h, 'POST', `/v1/events/${saleId}/holds`, u, a, {
        seatId: `A-1-${i + 1}`
      })
      expect(held.status).toBe(201)
      const confirmed = await buyerRequest(h, 'POST', `/v1/holds/${held.body.holdId}/confirm`, u, a, {
        payment: { simulate }
      })
      expect(confirmed.status).toBe(202)
    }
    await h.rt.handoff.drain?.()
    await h.rt.drainLedger()

    // The timeline records the sale while it is open.
    await until(
      async () =>
        (
          await h.pool.query('SELECT count(*)::int AS n FROM sale_timeline WHERE sale_id = $1 AND sold = 2', [
            saleId
          ])
        ).rows[0].n > 0,
      15_000,
      50,
      'a timeline row with two seats sold'
    )

    // Drift the reconciler finds and repairs is stored with the sale.
    await h.redis.hIncrBy(h.keys.sale(saleId).meta, 'available', 5)
    const rec = await h.rt.results.reconciler.reconcile(saleId)
    expect(rec.drift.map((d) => d.field)).toContain('available')
    // A dead letter of the sale, given up.
    await h.pool.query(
      `INSERT INTO failed_events (topic, payload, reason, sale_id, kind, source_partition, source_offset, resolution, resolved_at)
       VALUES ('x.bookings', '{}', 'poison', $1, 'booking', 0, 1, 'failed', now())`,
      [saleId]
    )

    await until(async () => (await report()).body.reconcile?.reports.length === 1, 5000)
    const open = await report()
    expect(open.status).toBe(200)
    expect(open.body.funnel).toMatchObject({
      joined: 6,
      admitted: 4,
      waiting: 2,
      abandoned: 0,
      held: 3,
      holders: 3,
      paid: 2,
      failed: 1,
      inFlight: 0,
      queueSource: 'waiting-room'
    })
    expect(open.body.timeline.length).toBeGreaterThan(0)
    const last = open.body.timeline.at(-1)!
    expect(last).toMatchObject({ sold: 2, confirmed: 2, admittedTotal: 4 })
    expect(open.body.fairness).toMatchObject({ frontierRegressions: 0, admittedRegressions: 0 })
    expect(open.body.fairness.seedHash ?? null).toBeNull()
    expect(open.body.reconcile).toMatchObject({ repaired: 1, unrepaired: 0 })
    expect(open.body.reconcile.reports[0]?.drift.map((d) => d.field)).toContain('available')
    expect(open.body.deadLetters).toMatchObject({ total: 1, failed: 1, unresolved: 0 })
    expect(open.body.deadLetters.items[0]).toMatchObject({
      kind: 'booking',
      reason: 'poison',
      resolution: 'failed'
    })
  })

  it('reports a closed sale, and stops sampling it', async () => {
    const closed = await h.rt.app.inject({
      method: 'PATCH',
      url: `/v1/admin/events/${saleId}/status`,
      headers: { authorization: `Bearer ${h.adminToken}` },
      payload: { status: 'closed' }
    })
    expect(closed.statusCode).toBe(200)
    await new Promise((r) => setTimeout(r, 500))
    const before = (await report()).body.timeline.length
    await new Promise((r) => setTimeout(r, 1200))
    const res = await report()
    expect(res.status).toBe(200)
    expect(res.body.status).toBe('closed')
    expect(res.body.timeline.length).toBe(before)
    expect(res.body.funnel).toMatchObject({ joined: 6, admitted: 4, held: 3, paid: 2, failed: 1 })
    // The close is in the sale's audit log, and so in its report.
    expect(res.body.edits.total).toBe(1)
    expect(res.body.edits.items[0]).toMatchObject({
      actor: 'operator',
      action: 'status',
      before: { status: 'open' },
      after: { status: 'closed' }
    })
  })

  it('is for admins only, and knows no unknown sale', async () => {
    expect((await report(saleId, '')).status).toBe(401)
    const buyer = await report(saleId, await h.userToken('b1'))
    expect(buyer.status).toBe(403)
    expect(buyer.body.code).toBe('FC_FORBIDDEN')
    expect((await report('e000000000000000')).status).toBe(404)
  })

  it('firstcome report --html writes a self-contained page with the charts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fc-report-'))
    try {
      const file = join(dir, 'report.html')
      const json = join(dir, 'report.json')
      const cli = spawnCli(h, ['report', saleId, '--html', file, '--json', json])
      await new Promise<void>((resolve, reject) => {
        cli.child.once('exit', (code) =>
          code === 0 ? resolve() : reject(new Error(`exit ${code}: ${cli.output()}`))
        )
      })
      expect(cli.output()).toMatch(/wrote .*report\.html/)
      const html = readFileSync(file, 'utf8')
      expect(html).toContain(saleId)
      expect(html).toContain('<svg')
      expect(html).toContain('<polyline')
      expect(html).not.toMatch(/(src|href)="https?:/)
      const stored = JSON.parse(readFileSync(json, 'utf8')) as SaleReport
      expect(stored).toMatchObject({ saleId, status: 'closed', funnel: { joined: 6, paid: 2, failed: 1 } })
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
