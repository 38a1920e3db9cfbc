/**
 * The console's post-sale report page: charts of the timeline, the funnel, fairness, drift and dead
 * letters, refreshed while the sale runs and final once it closes.
 */
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seatedSale } from '../support/harness.ts'
import { DESKTOP, launchBrowser, startWebHarness, type WebHarness, watchErrors } from './support/browser.ts'

let browser: Browser
let h: WebHarness

beforeAll(async () => {
  browser = await launchBrowser()
  h = await startWebHarness({ FC_TIMELINE_INTERVAL_MS: '200' })
})
afterAll(async () => {
  await browser?.close()
  await h?.close()
})

describe('console: post-sale report', () => {
  it('shows the report of an open sale, then of the closed sale', async () => {
    const saleId = await h.createSale(seatedSale(1, 4))
    for (const u of ['r1', 'r2', 'r3']) {
      const res = await h.rt.app.inject({
        method: 'POST',
        url: `/v1/events/${saleId}/queue`,
        headers: { authorization: `Bearer ${await h.userToken(u)}` },
        payload: {}
      })
      expect(res.statusCode).toBe(200)
    }
    const context = await browser.newContext({ ...DESKTOP, baseURL: h.base })
    const page = await context.newPage()
    const errors = watchErrors(page)
    await page.goto(`/admin/events/${saleId}/report`)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByTestId('sale-report').waitFor()
    await page.getByText('The sale is still running').waitFor({ timeout: 10_000 })
    const chart = page.locator('figure.chart').first()
    await expect
      .poll(async () => Number(await chart.getAttribute('data-points')), { timeout: 20_000 })
      .toBeGreaterThanOrEqual(2)
    const joined = page.getByTestId('report-funnel').getByRole('row', { name: /^joined/ })
    await expect.poll(() => joined.textContent(), { timeout: 10_000 }).toMatch(/^joined3/)

    const closed = await h.rt.app.inject({
      method: 'PATCH',
      url: `/v1/admin/events/${saleId}/status`,
      headers: { authorization: `Bearer ${h.adminToken}` },
      payload: { status: 'closed' }
    })
    expect(closed.statusCode).toBe(200)
    await page.reload()
    await page.getByText('The sale is closed: these figures are final.').waitFor({ timeout: 10_000 })
    expect(await page.getByRole('heading', { name: 'Fairness' }).count()).toBe(1)
    expect(errors).toEqual([])
    await context.close()
  })
})
