/**
 * Three buyers in three phone-sized browsers race for two seats through the real flow: sign in,
 * join the waiting room, get admitted, pick a seat, pay. Admission is stock-aware, so two are let
 * in and the third waits; the two race for the same seat, the loser watches it vanish and is told
 * why, takes the other one, and both book. The third is told the sale is sold out.
 */
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seatedSale } from '../support/harness.ts'
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

/** Where a buyer stands a moment after joining: let in to the seat map, or still in line. */
async function stageOf(page: Page): Promise<'shop' | 'waiting'> {
  const shop = page.getByRole('heading', { name: 'Pick your seat' })
  const waiting = page.getByTestId('queue-position')
  await shop.or(waiting).first().waitFor({ timeout: 20_000 })
  return (await shop.count()) > 0 ? 'shop' : 'waiting'
}

/** Whether this page ended up holding a seat or being refused it. */
async function outcome(page: Page): Promise<'hold' | 'refused'> {
  const hold = page.getByTestId('hold')
  const refused = page.getByTestId('shop-message')
  await hold.or(refused).first().waitFor({ timeout: 10_000 })
  return (await hold.count()) > 0 ? 'hold' : 'refused'
}

describe('seated sale in the browser', () => {
  it('three buyers, two seats: exactly two book, the loser of a race is told, the third hears "sold out"', async () => {
    const saleId = await h.createSale(
      seatedSale(1, 2, {
        name: 'Rooftop session',
        perUserLimit: 1,
        admission: { ratePerSec: 50, maxActive: 100, accessTtlSec: 600 }
      })
    )
    const buyers = await Promise.all(
      ['ana', 'ben', 'cy'].map((name) => newBuyer(browser, h.base, `/events/${saleId}`, name))
    )
    await buyers[0]!.page.getByRole('button', { name: 'Join the waiting room' }).waitFor()
    await screenshot(buyers[0]!.page, 'sale-page')

    // Everyone joins at once. Admission is stock-aware: two seats let two buyers in.
    await Promise.all(
      buyers.map((b) => b.page.getByRole('button', { name: 'Join the waiting room' }).click())
    )
    await Promise.all(buyers.map((b) => stageOf(b.page)))
    await expect
      .poll(
        async () => (await Promise.all(buyers.map((b) => stageOf(b.page)))).filter((s) => s === 'shop').length
      )
      .toBe(2)
    const stages = await Promise.all(buyers.map((b) => stageOf(b.page)))
    const shoppers = buyers.filter((_, i) => stages[i] === 'shop')
    const third = buyers[stages.indexOf('waiting')]!
    await screenshot(third.page, 'waiting-room')
    await shoppers[0]!.page.locator('button[data-seat="A-1-2"]').waitFor()
    await screenshot(shoppers[0]!.page, 'seat-map')

    // Both pick seat 1 and ask to hold it in the same instant: one holds it, the other is told and
    // the seat turns taken on their map.
    await Promise.all(shoppers.map((b) => b.page.locator('button[data-seat="A-1-1"]').click()))
    // A buyer whose seat went to the other before they asked sees it leave the selection (the hold
    // button turns off) and is told: either way one holds it and the other hears why.
    await Promise.all(
      shoppers.map((b) =>
        b.page
          .getByTestId('hold-selected')
          .click({ timeout: 3000 })
          .catch(() => undefined)
      )
    )
    const round = await Promise.all(shoppers.map((b) => outcome(b.page)))
    expect(round.filter((o) => o === 'hold')).toHaveLength(1)
    const loser = shoppers[round.indexOf('refused')]!
    expect(await loser.page.getByTestId('shop-message').textContent()).toContain('just taken by someone else')
    await expect
      .poll(() => loser.page.locator('button[data-seat="A-1-1"]').getAttribute('data-state'))
      .toBe('taken')
    await screenshot(loser.page, 'seat-taken')

    // The loser takes the last seat; both pay (approve) and see the booking confirmed, live.
    await loser.page.locator('button[data-seat="A-1-2"]').click()
    await loser.page.getByTestId('hold-selected').click()
    await loser.page.getByTestId('hold').waitFor()
    await screenshot(loser.page, 'checkout')
    await Promise.all(shoppers.map((w) => w.page.getByRole('button', { name: /^Pay / }).click()))
    for (const w of shoppers) {
      await w.page
        .locator('[data-testid="booking-result"][data-status="confirmed"]')
        .waitFor({ timeout: 15_000 })
    }
    await screenshot(shoppers[0]!.page, 'booking-confirmed')
    expect(await h.inventory.counts(saleId)).toMatchObject({ confirmed: 2, available: 0, held: 0 })

    // The third buyer never got a seat and is told the sale sold out: in the waiting room if still
    // in line, or on an empty seat map if admitted once stock was already spoken for.
    await third.page
      .getByTestId('queue-closed')
      .or(third.page.getByTestId('sold-out'))
      .first()
      .waitFor({ timeout: 15_000 })
    expect(await third.page.locator('button.seat[data-state="available"]').count()).toBe(0)
    await screenshot(third.page, 'sold-out')

    // My bookings lists the booked seat.
    const w = shoppers[0]!.page
    await w.getByRole('link', { name: 'My bookings' }).click()
    await w.getByTestId('bookings').getByText('Confirmed').waitFor({ timeout: 10_000 })
    await screenshot(w, 'my-bookings')

    for (const b of buyers) {
      expect(b.errors).toEqual([])
      await b.context.close()
    }
  })
})
