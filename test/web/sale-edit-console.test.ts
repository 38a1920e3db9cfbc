/**
 * The operator edits a running sale from its console page: a new per-user limit and a section's
 * price in one edit, the outcome on the page, the new values in the API, and the edit in the
 * audit log; and a limit below what a buyer already holds, refused with its text and no change.
 */
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buyerRequest, couponSale, seatedSale } from '../support/harness.ts'
import {
  DESKTOP,
  launchBrowser,
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

async function openConsole(saleId: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ ...DESKTOP, baseURL: h.base })
  const page = await context.newPage()
  const errors = watchErrors(page)
  await signInOperator(page)
  await page.goto(`/admin/events/${saleId}`)
  // The panel has read the sale once the current limit shows as the field's placeholder.
  await expect
    .poll(() => page.getByLabel('Per-user limit').getAttribute('placeholder'), { timeout: 15_000 })
    .not.toBe('')
  return { page, errors }
}

async function publicSale(saleId: string) {
  const res = await h.rt.app.inject({ method: 'GET', url: `/v1/events/${saleId}` })
  expect(res.statusCode).toBe(200)
  return res.json() as {
    perUserLimit: number
    capacity: number
    sections: { name: string; price: number }[]
  }
}

const message = (page: Page) => page.getByTestId('sale-edit-message')

describe('editing a running sale from the console', () => {
  it('changes the per-user limit and a price, shows the outcome and the audit entry', async () => {
    const saleId = await h.createSale(seatedSale(2, 5, { name: 'Edited concert', currency: 'KRW' }))
    const { page, errors } = await openConsole(saleId)
    expect(await page.getByTestId('sale-edit').textContent()).not.toContain('→')
    await page.getByText('No edits yet.').waitFor()

    await page.getByLabel('Per-user limit').fill('3')
    await page.getByLabel('Price of section A (KRW)').fill('7000')
    await page.getByRole('button', { name: 'Save changes' }).click()
    await message(page).getByText('Sale updated.').waitFor()

    const after = await publicSale(saleId)
    expect(after.perUserLimit).toBe(3)
    expect(after.sections).toEqual([expect.objectContaining({ name: 'A', price: 7000 })])
    // The panel re-read the sale: the new limit is what the field now shows.
    await expect.poll(() => page.getByLabel('Per-user limit').getAttribute('placeholder')).toBe('3')

    const entry = page.getByTestId('audit-log').locator('tbody tr')
    await expect.poll(() => entry.count(), { timeout: 10_000 }).toBe(1)
    const text = (await entry.first().textContent()) ?? ''
    expect(text).toContain('edit')
    expect(text).toContain('Per-user limit: 2 → 3')
    expect(text).toContain('Prices: A ₩5,000 → A ₩7,000')
    await screenshot(page, 'console-sale-edit')
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('changes the quantity of a coupon sale', async () => {
    const saleId = await h.createSale(couponSale(10, { name: 'Edited coupons' }))
    const { page, errors } = await openConsole(saleId)
    await page.getByLabel('Per-user limit').fill('2')
    await page.getByLabel('Coupon quantity').fill('25')
    await page.getByRole('button', { name: 'Save changes' }).click()
    await message(page).getByText('Sale updated.').waitFor()

    expect(await publicSale(saleId)).toMatchObject({ perUserLimit: 2, capacity: 25 })
    const entry = page.getByTestId('audit-log').locator('tbody tr')
    await expect.poll(() => entry.count(), { timeout: 10_000 }).toBe(1)
    const text = (await entry.first().textContent()) ?? ''
    expect(text).toContain('Coupon quantity: 10 → 25')
    expect(text).toContain('Per-user limit: 1 → 2')
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('refuses a per-user limit below what a buyer holds, with its text, and changes nothing', async () => {
    const saleId = await h.createSale(seatedSale(2, 5, { name: 'Held concert', perUserLimit: 4 }))
    const access = (await h.admit(saleId, ['ana'])).get('ana') as string
    const held = await buyerRequest(h, 'POST', `/v1/events/${saleId}/holds`, 'ana', access, {
      seatIds: ['A-1-1', 'A-1-2']
    })
    expect(held.status, JSON.stringify(held.body)).toBe(201)

    const { page, errors } = await openConsole(saleId)
    await page.getByLabel('Per-user limit').fill('1')
    await page.getByRole('button', { name: 'Save changes' }).click()
    await message(page).getByText('A buyer already holds or owns more than this per-user limit.').waitFor()

    expect((await publicSale(saleId)).perUserLimit).toBe(4)
    expect((await h.repo.getSale(saleId))?.perUserLimit).toBe(4)
    await page.getByText('No edits yet.').waitFor()
    expect(errors).toEqual([])
    await page.context().close()
  })
})
