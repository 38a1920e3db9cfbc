/**
 * A presale sale in the browser: the buyer page asks for a code, a wrong one is refused in words, a
 * valid one lets the buyer in; the console shows how many codes were redeemed.
 */
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { couponSale } from '../support/harness.ts'
import {
  DESKTOP,
  launchBrowser,
  newBuyer,
  signInOperator,
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

async function admin(method: 'PUT' | 'POST', url: string, payload: Record<string, unknown>) {
  const res = await h.rt.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${h.adminToken}` },
    payload
  })
  expect(res.statusCode, res.body).toBeLessThan(300)
  return res.json() as Record<string, unknown>
}

describe('presale codes in the browser', () => {
  it('the buyer page asks for a code and a valid one lets the buyer in; the console shows the usage', async () => {
    const saleId = await h.createSale(couponSale(10, { name: 'Presale coupons' }))
    await admin('PUT', `/v1/admin/events/${saleId}/access`, { mode: 'codes' })
    const { codes } = (await admin('POST', `/v1/admin/events/${saleId}/access/codes`, { count: 3 })) as {
      codes: string[]
    }

    const b = await newBuyer(browser, h.base, `/events/${saleId}`, 'presale-fan')
    const field = b.page.getByTestId('presale-code')
    await field.waitFor({ timeout: 10_000 })
    await field.fill('WRONG-CODE-1')
    await b.page.getByRole('button', { name: 'Join the waiting room' }).click()
    await b.page.getByText('This code is not valid for this sale').waitFor({ timeout: 10_000 })

    await field.fill(codes[0]!.toLowerCase())
    await b.page.getByRole('button', { name: 'Join the waiting room' }).click()
    await b.page
      .locator('[data-testid="admitted"], [data-testid="queue-position"]')
      .first()
      .waitFor({ timeout: 15_000 })
    expect(b.errors).toEqual([])
    await b.context.close()

    const context = await browser.newContext({ ...DESKTOP, baseURL: h.base })
    const page = await context.newPage()
    const errors = watchErrors(page)
    await signInOperator(page)
    await page.goto(`/admin/events/${saleId}`)
    const summary = page.getByTestId('code-usage-summary')
    await expect.poll(() => summary.textContent(), { timeout: 15_000 }).toBe('1 redeemed of 3 codes')
    expect(errors).toEqual([])
    await context.close()
  })
})
