/**
 * A real Prometheus scrapes a running firstcome during a test sale; every query of the shipped
 * dashboard (deploy/grafana/firstcome.json) must return something, and the shipped alert rules
 * must evaluate without error against the real series.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buyerRequest, couponSale, createHarness, type Harness, seatedSale } from '../support/harness.ts'
import { startPrometheus, type TestPrometheus } from '../support/prometheus.ts'
import { until } from '../support/wait.ts'

const DASHBOARD = fileURLToPath(new URL('../../deploy/grafana/firstcome.json', import.meta.url))
const RULES = fileURLToPath(new URL('../../deploy/prometheus/alerts.yml', import.meta.url))

interface Panel {
  title: string
  targets?: Array<{ expr: string }>
}

let h: Harness
let prometheus: TestPrometheus
const cleanups: Array<() => Promise<unknown>> = []

beforeAll(async () => {
  // Workers on: the admission scheduler, the consumers and the relay run in this runtime.
  h = await createHarness({ FC_WORKERS: '1', FC_ADMISSION_TICK_MS: '200' }, { pipeline: 'kafka' })
  cleanups.push(() => h.close())
  await h.rt.internal.listen({ host: '127.0.0.1', port: 0 })
  const address = h.rt.internal.server.address()
  if (address === null || typeof address === 'string') throw new Error('no internal address')
  prometheus = await startPrometheus([`127.0.0.1:${address.port}`], [RULES])
  cleanups.push(() => prometheus.stop())
})
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup()
})

/** Joins the sale's waiting room and waits until admitted; the access token. */
async function admitted(saleId: string, userId: string): Promise<string> {
  const joined = await buyerRequest(h, 'POST', `/v1/events/${saleId}/queue`, userId)
  expect(joined.status).toBeLessThan(300)
  let token = ''
  await until(async () => {
    const status = await buyerRequest(h, 'GET', `/v1/events/${saleId}/queue`, userId)
    token = (status.body.accessToken as string | undefined) ?? ''
    return token !== ''
  }, 60_000)
  return token
}

describe('Prometheus against a running firstcome', () => {
  it('scrapes the per-sale series during a sale; every dashboard query returns data; the rules evaluate', async () => {
    await until(async () => (await prometheus.query('up{job="firstcome"} == 1')).length === 1, 60_000)
    const seated = await h.createSale(seatedSale(2, 5))
    const coupons = await h.createSale(couponSale(10))

    // A seated sale: 12 buyers through the waiting room, 10 seats; two come too late.
    const buyers = Array.from({ length: 12 }, (_, i) => `buyer-${i}`)
    const access = await Promise.all(buyers.map((u) => admitted(seated, u)))
    const seats = Array.from({ length: 12 }, (_, i) => `A-${Math.floor((i % 10) / 5) + 1}-${(i % 5) + 1}`)
    const holds = await Promise.all(
      buyers.map((u, i) =>
        buyerRequest(h, 'POST', `/v1/events/${seated}/holds`, u, access[i], { seatId: seats[i] })
      )
    )
    expect(holds.filter((r) => r.status === 201)).toHaveLength(10)
    const confirms = await Promise.all(
      holds.flatMap((r, i) =>
        r.status === 201
          ? [
              buyerRequest(
                h,
                'POST',
                `/v1/holds/${r.body.holdId as string}/confirm`,
                buyers[i] as string,
                access[i],
                {
                  payment: { simulate: i === 0 ? 'decline' : 'approve' }
                }
              )
            ]
          : []
      )
    )
    expect(confirms.every((c) => c.status === 202)).toBe(true)

    // A coupon drop: 12 claims for 10 coupons.
    const claimers = Array.from({ length: 12 }, (_, i) => `claimer-${i}`)
    const claimAccess = await Promise.all(claimers.map((u) => admitted(coupons, u)))
    const claims = await Promise.all(
      claimers.map((u, i) => buyerRequest(h, 'POST', `/v1/events/${coupons}/claims`, u, claimAccess[i]))
    )
    expect(claims.filter((c) => c.status === 202)).toHaveLength(10)

    // Prometheus has seen the bookings finish.
    await until(
      async () =>
        (await prometheus.query('sum(firstcome_bookings_total)')).some((s) => Number(s.value[1]) >= 20),
      90_000
    )
    const sold = await prometheus.query(`max by (state) (firstcome_stock_units{sale="${seated}"})`)
    expect(Object.fromEntries(sold.map((s) => [s.metric.state, Number(s.value[1])]))).toMatchObject({
      sold: 9
    })

    // Every query of every panel, over every sale ("All").
    const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as { panels: Panel[] }
    const queries = dashboard.panels.flatMap((p) =>
      (p.targets ?? []).map((t) => ({ panel: p.title, expr: t.expr }))
    )
    expect(queries.length).toBeGreaterThanOrEqual(15)
    const empty: string[] = []
    for (const q of queries) {
      const expr = q.expr.replaceAll('$sale', '.*')
      let found = false
      // A rate needs two scrapes after the change: wait for it rather than fail at once.
      await until(async () => {
        found = (await prometheus.query(expr)).length > 0
        return found
      }, 30_000).catch(() => undefined)
      if (!found) empty.push(`${q.panel}: ${expr}`)
    }
    expect(empty).toEqual([])

    // The alert rules loaded and evaluate without error against the real series.
    const res = await fetch(`${prometheus.url}/api/v1/rules`)
    const rules = (await res.json()) as {
      data: { groups: Array<{ rules: Array<{ name: string; health: string; lastError?: string }> }> }
    }
    const all = rules.data.groups.flatMap((g) => g.rules)
    expect(all.map((r) => r.name).sort()).toEqual([
      'FirstcomeAdmissionStalled',
      'FirstcomeConsumerLagGrowing',
      'FirstcomeConsumerLagStuck',
      'FirstcomeDeadLetters',
      'FirstcomeDriftNotRepaired',
      'FirstcomeErrorRate'
    ])
    await until(async () => {
      const again = (await (await fetch(`${prometheus.url}/api/v1/rules`)).json()) as typeof rules
      return again.data.groups.flatMap((g) => g.rules).every((r) => r.health === 'ok')
    }, 30_000)
  })
})
