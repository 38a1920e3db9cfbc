/**
 * The draw check page: a buyer who joined before opening sees, after opening, their rank verified
 * in the browser (their inclusion proof against the committed root, their rank recomputed from the
 * revealed seed over the published list), and the whole draw verified.
 */
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { couponSale } from '../support/harness.ts'
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

describe('draw check page', () => {
  it('a pre-queued buyer sees their verified rank after opening, and the whole draw verified', async () => {
    // Far enough ahead that everyone joins before opening, even on a busy machine.
    const opensAt = Date.now() + 20_000
    const saleId = await h.createSale(
      couponSale(100, { name: 'Drawn coupons', opensAt: new Date(opensAt).toISOString() })
    )
    const others = Array.from({ length: 40 }, (_, i) => `early-${i}`)
    await Promise.all(
      others.map(async (u) => {
        const res = await h.rt.app.inject({
          method: 'POST',
          url: `/v1/events/${saleId}/queue`,
          headers: { authorization: `Bearer ${await h.userToken(u)}` }
        })
        expect(res.statusCode, res.body).toBe(200)
      })
    )
    const b = await newBuyer(browser, h.base, `/events/${saleId}`, 'mina')
    await b.page.getByRole('button', { name: 'Join the waiting room' }).click()
    await expect.poll(async () => (await h.rt.waitingRoom.room.status('mina', saleId)).preQueue).toBe(true)
    expect(Date.now()).toBeLessThan(opensAt)

    // The scheduler seals the pre-queue at opening and publishes the commitment.
    await expect
      .poll(async () => (await h.rt.waitingRoom.draw.commitment(saleId)).entrants?.count ?? 0, {
        timeout: 60_000,
        interval: 250
      })
      .toBe(41)
    const ticket = (await h.rt.waitingRoom.room.status('mina', saleId)).ticket
    expect(ticket).toBeGreaterThanOrEqual(1)

    await b.page.goto(`/events/${saleId}/draw`)
    // The verdict, or whatever the page says instead.
    await b.page
      .locator('[data-testid="my-rank"], [data-testid="draw-verdict"], .notice-error, .notice-info')
      .first()
      .waitFor({ timeout: 60_000 })
      .catch(async (err) => {
        throw new Error(`${err}\n${await b.page.locator('body').textContent()}\n${b.errors.join('\n')}`)
      })
    const mine = b.page.locator('[data-testid="my-rank"][data-verified="yes"]')
    await mine.waitFor({ timeout: 30_000 }).catch(async (err) => {
      throw new Error(`${err}\n${await b.page.locator('main').textContent()}\n${b.errors.join('\n')}`)
    })
    expect(await mine.textContent()).toContain(`Your place ${ticket} is verified`)
    const whole = b.page.locator('[data-testid="draw-verdict"][data-verified="yes"]')
    await whole.waitFor({ timeout: 30_000 })
    expect(await whole.textContent()).toContain('41 entrants')
    await screenshot(b.page, 'draw-check')
    expect(b.errors).toEqual([])
    await b.context.close()
  })
})
