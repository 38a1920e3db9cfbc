/**
 * An operator creates a seated sale from the admin console and watches its live numbers move as
 * buyers arrive, hold a seat and wait; then pauses admission and runs a reconcile from the page.
 */
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  DESKTOP,
  launchBrowser,
  screenshot,
  startWebHarness,
  type WebHarness,
  watchErrors
} from './support/browser.ts'

let browser: Browser
let h: WebHarness

beforeAll(async () => {
  browser = await launchBrowser()
  h = await startWebHarness()
})
afterAll(async () => {
  await browser?.close()
  await h?.close()
})

async function inject(
  method: 'POST' | 'GET',
  url: string,
  token: string,
  extra: Record<string, string> = {},
  payload?: Record<string, unknown>
) {
  return h.rt.app.inject({ method, url, headers: { authorization: `Bearer ${token}`, ...extra }, payload })
}

/** A buyer who joins through the API and, once admitted, holds `seatId`. */
async function buyerHolds(saleId: string, userId: string, seatId: string): Promise<void> {
  const token = await h.userToken(userId)
  expect((await inject('POST', `/v1/events/${saleId}/queue`, token)).statusCode).toBe(200)
  let access: string | undefined
  await expect
    .poll(
      async () => {
        const s = (await inject('GET', `/v1/events/${saleId}/queue`, token)).json() as {
          accessToken?: string
        }
        access = s.accessToken
        return access !== undefined
      },
      { timeout: 10_000 }
    )
    .toBe(true)
  const hold = await inject(
    'POST',
    `/v1/events/${saleId}/holds`,
    token,
    { 'x-access-token': access!, 'idempotency-key': `k-${userId}` },
    { seatId }
  )
  expect(hold.statusCode, hold.body).toBe(201)
}

describe('admin console', () => {
  it('creates a sale and watches the numbers move', async () => {
    const context = await browser.newContext({ ...DESKTOP, baseURL: h.base })
    const page = await context.newPage()
    const errors = watchErrors(page)
    await page.goto('/admin')
    await page.getByRole('button', { name: 'Sign in' }).click()

    await page.getByLabel('Sale name').fill('Summer arena')
    await page.getByLabel('Rows').fill('1')
    await page.getByLabel('Seats per row').fill('4')
    await page.getByLabel('Currency').fill('KRW')
    await page.getByLabel('Price (KRW)').fill('42500')
    // A second section, moved in front of the first: buyers and the console see VIP, then A.
    await page.getByRole('button', { name: 'Add a section' }).click()
    await page.locator('#sec-name-1').fill('VIP')
    await page.locator('#sec-rows-1').fill('1')
    await page.locator('#sec-seats-1').fill('2')
    await page.locator('#sec-price-1').fill('99000')
    await page.getByRole('button', { name: 'Move section VIP up' }).click()
    expect(await page.locator('#sec-name-0').inputValue()).toBe('VIP')
    await page.getByLabel('Admissions per second').fill('20')
    await screenshot(page, 'admin-create')
    await page.getByRole('button', { name: 'Create sale' }).click()

    await page.waitForURL(/\/admin\/events\/[a-z0-9]+$/)
    const saleId = page.url().split('/').at(-1)!
    const kpi = (id: string) => page.getByTestId(`kpi-${id}`)
    await expect.poll(() => kpi('available').textContent(), { timeout: 10_000 }).toBe('6')

    // A buyer arrives, is admitted and holds a seat: the dashboard follows within a second or two.
    await buyerHolds(saleId, 'zoe', 'A-1-1')
    await expect.poll(() => kpi('held').textContent(), { timeout: 10_000 }).toBe('1')
    await expect.poll(() => kpi('available').textContent()).toBe('5')
    // Sales per section, in the order entered, priced in won.
    const rows = page.locator('[data-testid="section-stats"] tbody tr')
    await expect
      .poll(() => rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-section'))))
      .toEqual(['VIP', 'A'])
    await expect
      .poll(() => page.locator('[data-testid="section-stats"] tr[data-section="A"]').textContent())
      .toMatch(/^A₩42,500431/) // section, price, seats 4, available 3, held 1
    await expect.poll(() => kpi('active').textContent()).toBe('1')
    // Nothing failed, so no refund is owed.
    expect(await kpi('refunds-due').textContent()).toBe('0')

    // Paused admission: newcomers wait, and the queue length shows them.
    await page.getByRole('button', { name: 'Pause admission' }).click()
    await page.getByTestId('control-message').getByText('Admission paused.').waitFor()
    for (const u of ['q1', 'q2']) {
      expect((await inject('POST', `/v1/events/${saleId}/queue`, await h.userToken(u))).statusCode).toBe(200)
    }
    await expect.poll(() => kpi('waiting').textContent(), { timeout: 10_000 }).toBe('2')
    await page.getByRole('button', { name: 'Resume admission' }).waitFor()

    await page.getByRole('button', { name: 'Reconcile' }).click()
    await page.getByTestId('report').waitFor({ timeout: 10_000 })
    // The screenshot shows lines, not dots: the queue chart has a few samples (one per second).
    const queueChart = page.locator('figure.chart').first()
    await expect
      .poll(async () => Number(await queueChart.getAttribute('data-points')), { timeout: 15_000 })
      .toBeGreaterThanOrEqual(4)
    await screenshot(page, 'admin-dashboard')

    // The console's list of sales comes from the API (GET /v1/admin/events), newest first.
    await page.goto('/admin')
    const listed = page.getByRole('region', { name: 'Sales' }).getByRole('listitem').first()
    await expect.poll(() => listed.textContent(), { timeout: 10_000 }).toContain('Summer arena')
    expect(await listed.textContent()).toContain('(seat map, 6 seats, open)')
    await listed.getByRole('link', { name: 'Summer arena' }).click()
    await page.waitForURL(`**/admin/events/${saleId}`)
    expect(errors).toEqual([])
    await context.close()
  })
})
