/**
 * The venue-scale buyer page on a 5,400-seat sale in four sections (created VIP, R, S, A: not
 * alphabetical), priced in won. On a phone in Korean and in English, and on a desktop: the page
 * never scrolls sideways, sections come in creation order with prices in won, a best-available pair
 * and a hand-picked pair are held and paid with the booking confirmed, and a seat another buyer
 * takes (through the API) turns taken within two seconds while the layout and state routes are
 * read once: the map follows the delta stream, it is not reloaded.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Messages } from '../../web/src/i18n/en.ts'
import { en } from '../../web/src/i18n/en.ts'
import { ko } from '../../web/src/i18n/ko.ts'
import {
  DESKTOP,
  launchBrowser,
  PHONE,
  screenshot,
  startWebHarness,
  type WebHarness,
  watchErrors
} from './support/browser.ts'

let browser: Browser
let h: WebHarness
let saleId: string

const SECTIONS = [
  { name: 'VIP', rows: 10, seatsPerRow: 30, price: 150_000 },
  { name: 'R', rows: 40, seatsPerRow: 40, price: 110_000 },
  { name: 'S', rows: 40, seatsPerRow: 50, price: 80_000 },
  { name: 'A', rows: 30, seatsPerRow: 50, price: 50_000 }
]

beforeAll(async () => {
  browser = await launchBrowser()
  h = await startWebHarness()
  saleId = await h.createSale({
    name: 'Seoul Arena',
    kind: 'seated',
    currency: 'KRW',
    seats: { sections: SECTIONS },
    perUserLimit: 4,
    holdTtlSec: 300,
    admission: { ratePerSec: 50, maxActive: 1000, accessTtlSec: 600 }
  })
})
afterAll(async () => {
  await browser?.close()
  await h?.close()
})

interface Buyer {
  context: BrowserContext
  page: Page
  errors: string[]
  t: Messages
  /** Requests per seat route (layout, state, stream, the old full list). */
  reads: Record<'layout' | 'state' | 'stream' | 'list', number>
}

async function buyer(lang: 'ko' | 'en', name: string): Promise<Buyer> {
  const context = await browser.newContext({
    ...PHONE,
    baseURL: h.base,
    locale: lang === 'ko' ? 'ko-KR' : 'en-US'
  })
  const page = await context.newPage()
  const errors = watchErrors(page)
  const reads = { layout: 0, state: 0, stream: 0, list: 0 }
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname
    if (path.endsWith('/seats/layout')) reads.layout++
    else if (path.endsWith('/seats/state')) reads.state++
    else if (path.endsWith('/seats/stream')) reads.stream++
    else if (path.endsWith('/seats')) reads.list++
  })
  const t = lang === 'ko' ? ko : en
  await page.goto(`/events/${saleId}`)
  expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang)
  await page.getByLabel(t.signIn.name).fill(name)
  await page.getByRole('button', { name: t.signIn.submit, exact: true }).click()
  await page.getByRole('button', { name: t.join.button }).click()
  await page.getByRole('heading', { name: t.venue.title }).waitFor({ timeout: 20_000 })
  await page.locator('button[data-section="A"]').waitFor()
  return { context, page, errors, t, reads }
}

/** The page is no wider than the screen, whatever the map holds. */
async function noSidewaysScroll(page: Page): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth
  }))
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth)
}

/** Pays the hold with the simulated payment's default (approve) and waits for the booking. */
async function payAndConfirm(b: Buyer): Promise<void> {
  await b.page.locator('[data-testid="hold"] button.primary').click()
  await b.page.locator('[data-testid="booking-result"][data-status="confirmed"]').waitFor({ timeout: 20_000 })
}

describe('venue-scale buyer page', () => {
  it('phone, Korean: sections in creation order in won, best-available pair paid, a seat taken elsewhere vanishes live', async () => {
    const b = await buyer('ko', 'minji')
    const { page } = b
    const order = await page
      .locator('button[data-section]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-section')))
    expect(order).toEqual(['VIP', 'R', 'S', 'A'])
    const vip = (await page.locator('button[data-section="VIP"]').textContent()) ?? ''
    expect(vip).toMatch(/₩\s?150,000|150,000\s?원/)
    await noSidewaysScroll(page)
    await screenshot(page, 'venue-overview-ko')

    // The widest section: its rows scroll inside the map's box, never the page.
    await page.locator('button[data-section="S"]').click()
    await page.locator('button[data-seat="S-1-1"]').waitFor()
    await noSidewaysScroll(page)
    const box = await page
      .getByTestId('map-box')
      .evaluate((el) => ({ sw: el.scrollWidth, cw: el.clientWidth }))
    expect(box.sw).toBeGreaterThan(box.cw)
    await screenshot(page, 'venue-map-ko')

    // Another buyer takes a seat on the open section through the API: it turns taken within two
    // seconds, and the page reads neither the layout nor the state again.
    const other = 'rival'
    const access = (await h.admit(saleId, [other])).get(other)!
    const taken = 'S-1-25'
    expect(await page.locator(`button[data-seat="${taken}"]`).getAttribute('data-state')).toBe('available')
    const res = await h.rt.app.inject({
      method: 'POST',
      url: `/v1/events/${saleId}/holds`,
      headers: {
        authorization: `Bearer ${await h.userToken(other)}`,
        'x-access-token': access,
        'idempotency-key': 'rival-1'
      },
      payload: { seatId: taken }
    })
    expect(res.statusCode, res.body).toBe(201)
    await page.locator(`button[data-seat="${taken}"][data-state="taken"]`).waitFor({ timeout: 2000 })

    // Best available x 2 in section R: two neighbours in the front row, one hold, the total in won.
    await page.locator('button[data-section="R"]').click()
    await page.getByLabel(b.t.venue.quantity).selectOption('2')
    await page.getByTestId('best-available').click()
    await page.getByTestId('hold').waitFor()
    const held = await page
      .locator('[data-seat-held]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-seat-held')))
    expect(held).toHaveLength(2)
    const [r1, n1] = held[0]!.split('-').slice(1).map(Number)
    const [r2, n2] = held[1]!.split('-').slice(1).map(Number)
    expect(held.every((id) => id!.startsWith('R-'))).toBe(true)
    expect(r1).toBe(1)
    expect(r2).toBe(r1)
    expect(Math.abs(n2! - n1!)).toBe(1)
    expect(await page.getByTestId('hold-total').textContent()).toMatch(/₩\s?220,000|220,000\s?원/)
    await noSidewaysScroll(page)
    await screenshot(page, 'venue-checkout-ko')

    await payAndConfirm(b)
    expect(await h.inventory.counts(saleId)).toMatchObject({ confirmed: 2 })
    await screenshot(page, 'venue-confirmed-ko')

    expect(b.reads).toMatchObject({ layout: 1, state: 1, list: 0 })
    expect(b.errors).toEqual([])
    await b.context.close()
  })

  it('phone and desktop, English: two seats picked by hand (keyboard too), held together and paid', async () => {
    const b = await buyer('en', 'sam')
    const { page } = b
    await noSidewaysScroll(page)
    await screenshot(page, 'venue-overview-en')

    await page.locator('button[data-section="VIP"]').click()
    const first = page.locator('button[data-seat="VIP-2-15"]')
    await first.click()
    expect(await first.getAttribute('aria-label')).toMatch(/Section VIP, row 2, seat 15, ₩150,000, selected/)
    // The arrow key moves to the neighbour; Space picks it.
    await page.keyboard.press('ArrowRight')
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-seat')))
      .toBe('VIP-2-16')
    await page.keyboard.press('Space')
    await expect.poll(() => page.getByTestId('selection').textContent()).toContain('2 of 4')
    await noSidewaysScroll(page)
    await screenshot(page, 'venue-map-en')

    await page.getByTestId('hold-selected').click()
    await page.getByTestId('hold').waitFor()
    expect(await page.getByTestId('hold-total').textContent()).toBe('₩300,000')
    await screenshot(page, 'venue-checkout-en')

    await page.setViewportSize(DESKTOP.viewport)
    await noSidewaysScroll(page)
    await payAndConfirm(b)
    await screenshot(page, 'venue-desktop-en')

    // The switch turns the page Korean without a reload, and remembers it.
    await page.locator('button[data-lang="ko"]').click()
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ko')
    await page.getByRole('heading', { name: ko.venue.title }).waitFor()
    expect(await page.evaluate(() => localStorage.getItem('fc.lang'))).toBe('ko')

    expect(b.reads).toMatchObject({ layout: 1, state: 1, list: 0 })
    expect(b.errors).toEqual([])
    await b.context.close()
  })
})
