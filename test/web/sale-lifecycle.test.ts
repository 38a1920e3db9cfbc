/**
 * A sale's timeline in the browser: the buyer page counts down to the waiting room's opening,
 * lets buyers into the pre-queue once it is open, says when the waiting room is full and when the
 * sale has closed; the operator's dashboard shows each phase as it comes (the lifecycle worker
 * runs in this runtime, and closes the sale at its closesAt).
 */
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { couponSale } from '../support/harness.ts'
import {
  DESKTOP,
  launchBrowser,
  newBuyer,
  screenshot,
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

async function openDashboard(saleId: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ ...DESKTOP, baseURL: h.base })
  const page = await context.newPage()
  const errors = watchErrors(page)
  await signInOperator(page)
  await page.goto(`/admin/events/${saleId}`)
  return { page, errors }
}

const phaseOf = (page: Page) => page.getByTestId('sale-phase').getAttribute('data-phase')

describe('the timeline of a sale, in the browser', () => {
  it('counts down to the pre-queue, pre-queues, says "full", and shows the close; the console follows each phase', async () => {
    // Far enough ahead for two browser pages to open on a busy machine before the countdown ends.
    const preQueueOpensAt = Date.now() + 25_000
    const opensAt = preQueueOpensAt + 15_000
    // Open long enough for the console's refresh to show it on a busy machine.
    const closesAt = opensAt + 15_000
    const saleId = await h.createSale(
      couponSale(100, {
        name: 'Timeline drop',
        preQueueOpensAt: new Date(preQueueOpensAt).toISOString(),
        opensAt: new Date(opensAt).toISOString(),
        closesAt: new Date(closesAt).toISOString(),
        maxWaiting: 1
      })
    )
    const admin = await openDashboard(saleId)
    const buyer = await newBuyer(browser, h.base, `/events/${saleId}`, 'ria')
    const late = await newBuyer(browser, h.base, `/events/${saleId}`, 'sol')

    // Scheduled: a countdown to the waiting room, no way to join yet.
    await buyer.page.getByTestId('queue-opens-in').waitFor()
    await buyer.page.getByTestId('join-not-yet').waitFor()
    expect(await buyer.page.getByRole('button', { name: 'Join the waiting room' }).isDisabled()).toBe(true)
    await screenshot(buyer.page, 'buyer-pre-queue-countdown')
    await expect.poll(() => phaseOf(admin.page), { timeout: 10_000 }).toBe('scheduled')
    expect(await admin.page.getByTestId('sale-timeline').textContent()).toContain('opens')

    // The waiting room opens: the countdown goes, the buyer joins the pre-queue.
    await buyer.page.getByTestId('pre-queue-open').waitFor({ timeout: 30_000 })
    await buyer.page.getByRole('button', { name: 'Join the waiting room' }).click()
    await buyer.page.getByText('You are in the pre-queue', { exact: false }).waitFor()
    await expect.poll(() => phaseOf(admin.page), { timeout: 10_000 }).toBe('pre_queue')

    // maxWaiting 1: the next buyer is told the waiting room is full.
    await late.page.getByRole('button', { name: 'Join the waiting room' }).click()
    await late.page.getByTestId('queue-full').waitFor()

    // The opening, then the close at closesAt, by the lifecycle worker.
    await expect.poll(() => phaseOf(admin.page), { timeout: 20_000 }).toBe('open')
    await expect.poll(() => phaseOf(admin.page), { timeout: 30_000 }).toBe('closed')
    await late.page.getByTestId('sale-closed').waitFor({ timeout: 10_000 })
    expect((await h.repo.getSale(saleId))?.status).toBe('closed')

    expect(buyer.errors).toEqual([])
    expect(late.errors).toEqual([])
    expect(admin.errors).toEqual([])
    await buyer.context.close()
    await late.context.close()
  })
})
