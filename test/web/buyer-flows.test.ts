/**
 * The waiting room keeps a buyer's place across a page reload, a double click on the coupon
 * button claims one coupon (one request, one Idempotency-Key, one effect), and a payment that
 * times out fails the booking and tells the buyer where the money stands.
 */
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { couponSale, seatedSale } from '../support/harness.ts'
import { launchBrowser, newBuyer, screenshot, startWebHarness, type WebHarness } from './support/browser.ts'

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

async function admin(method: 'PATCH' | 'GET', url: string, payload?: Record<string, unknown>) {
  const res = await h.rt.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${h.adminToken}` },
    payload
  })
  expect(res.statusCode, res.body).toBe(200)
  return res.json() as Record<string, unknown>
}

async function joinByApi(saleId: string, userId: string): Promise<void> {
  const res = await h.rt.app.inject({
    method: 'POST',
    url: `/v1/events/${saleId}/queue`,
    headers: { authorization: `Bearer ${await h.userToken(userId)}` }
  })
  expect(res.statusCode, res.body).toBe(200)
}

describe('buyer flows in the browser', () => {
  it('a reload in the waiting room keeps the place, and admission follows', async () => {
    const saleId = await h.createSale(couponSale(10, { name: 'Spring coupons' }))
    await admin('PATCH', `/v1/admin/events/${saleId}/admission`, { paused: true })
    await joinByApi(saleId, 'early-1')
    await joinByApi(saleId, 'early-2')

    const b = await newBuyer(browser, h.base, `/events/${saleId}`, 'dana')
    await b.page.getByRole('button', { name: 'Join the waiting room' }).click()
    const position = b.page.getByTestId('queue-position')
    await expect.poll(() => position.textContent(), { timeout: 10_000 }).toBe('3')
    await screenshot(b.page, 'waiting-room-coupon')

    await b.page.reload()
    // Same place, same ticket: the page resumed the wait instead of joining again.
    await expect.poll(() => position.textContent(), { timeout: 10_000 }).toBe('3')
    expect(await b.page.getByRole('button', { name: 'Join the waiting room' }).count()).toBe(0)

    await admin('PATCH', `/v1/admin/events/${saleId}/admission`, { paused: false })
    await b.page.getByRole('button', { name: 'Claim coupon' }).waitFor({ timeout: 15_000 })
    expect(b.errors).toEqual([])
    await b.context.close()
  })

  it('a double click on the coupon button claims one coupon', async () => {
    const saleId = await h.createSale(couponSale(5, { name: 'Flash coupons', perUserLimit: 3 }))
    const b = await newBuyer(browser, h.base, `/events/${saleId}`, 'eli')
    let claims = 0
    b.page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/claims')) claims++
    })
    await b.page.getByRole('button', { name: 'Join the waiting room' }).click()
    const button = b.page.getByRole('button', { name: 'Claim coupon' })
    await button.waitFor({ timeout: 15_000 })
    await screenshot(b.page, 'coupon')
    await button.dblclick()
    await b.page.locator('[data-testid="claim-result"][data-status="confirmed"]').waitFor({ timeout: 15_000 })
    await screenshot(b.page, 'coupon-issued')
    expect(claims).toBe(1)
    const stats = await admin('GET', `/v1/admin/events/${saleId}/stats`)
    expect(stats.stock).toMatchObject({ capacity: 5, available: 4 })
    expect(b.errors).toEqual([])
    await b.context.close()
  })

  it('a payment that times out: the booking fails, the seat returns, and the buyer hears about the charge', async () => {
    const saleId = await h.createSale(
      seatedSale(1, 2, {
        name: 'Late show',
        admission: { ratePerSec: 50, maxActive: 100, accessTtlSec: 600 }
      })
    )
    const b = await newBuyer(browser, h.base, `/events/${saleId}`, 'tia')
    await b.page.getByRole('button', { name: 'Join the waiting room' }).click()
    await b.page.locator('button[data-seat="A-1-1"]').click({ timeout: 20_000 })
    await b.page.getByTestId('hold-selected').click()
    await b.page.getByTestId('hold').waitFor()
    await b.page.getByLabel('Time out').check()
    await b.page.getByRole('button', { name: /^Pay / }).click()
    const failed = b.page.locator('[data-testid="booking-result"][data-status="failed"]')
    await failed.waitFor({ timeout: 20_000 })
    expect(await failed.textContent()).toMatch(
      /could not be completed\. \(payment timed out\) (Anything charged for it is refunded automatically|Nothing was charged)\./
    )
    // The refund worker settles it with the provider, which captured nothing for a timed-out charge.
    const refund = async () =>
      (
        await h.pool.query<{ status: string }>(
          'SELECT f.status FROM refunds f JOIN reservations r ON r.id = f.reservation_id WHERE r.sale_id = $1',
          [saleId]
        )
      ).rows.map((r) => r.status)
    await expect.poll(refund, { timeout: 15_000 }).toEqual(['nothing_charged'])
    expect(await h.inventory.counts(saleId)).toMatchObject({ available: 2, confirmed: 0 })
    expect(b.errors).toEqual([])
    await b.context.close()
  })
})
