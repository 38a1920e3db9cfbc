/**
 * The console's operator pages against a real runtime: dead letters (inspect, retry a sale, retry
 * all, discard after a confirmation, the ledger's list), traffic (blocks, auto-blocks, rate-limit
 * overrides) and webhooks (an endpoint whose secret is shown once, a delivery that fails, is sent
 * again and arrives signed with that secret, then the endpoint deleted).
 */
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pipelineTopicNames } from '../../src/adapters/kafka/topics.ts'
import { PgDeadLetterStore } from '../../src/adapters/postgres/dead-letter-store.ts'
import { startReceiver, type WebhookReceiver } from '../support/webhook-receiver.ts'
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
let receiver: WebhookReceiver

beforeAll(async () => {
  browser = await launchBrowser()
  receiver = await startReceiver()
  h = await startWebHarness({
    // Dead letters stay where the test put them until an operator acts.
    FC_DLQ_RETRY_INTERVAL_SEC: '0',
    FC_WEBHOOK_MAX_ATTEMPTS: '2',
    FC_WEBHOOK_BACKOFF_MS: '20',
    FC_WEBHOOK_BACKOFF_MAX_MS: '50',
    FC_WEBHOOK_POLL_MS: '50'
  })
})
afterAll(async () => {
  await browser?.close()
  await h?.close()
  await receiver?.stop()
})

async function api<T = Record<string, unknown>>(
  method: 'GET' | 'POST' | 'DELETE',
  url: string
): Promise<{ status: number; body: T }> {
  const res = await h.rt.app.inject({ method, url, headers: { authorization: `Bearer ${h.adminToken}` } })
  return { status: res.statusCode, body: res.json() as T }
}

interface Letter {
  id: string
  saleId: string | null
  reason: string
  replays: number
  resolution: string | null
}

async function letters(all = false): Promise<{ depth: number; items: Letter[] }> {
  return (await api<{ depth: number; items: Letter[] }>('GET', `/v1/admin/dead-letters?all=${all}`)).body
}

/** Signs in on /admin and opens a console page through the console's navigation. */
async function openConsolePage(
  name: string
): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext({ ...DESKTOP, baseURL: h.base })
  const page = await context.newPage()
  const errors = watchErrors(page)
  await page.goto('/admin')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name }).click()
  return { page, errors, close: () => context.close() }
}

const SALE_A = 'e0000000000000a1'
const SALE_B = 'e0000000000000b2'
const b64 = (x: unknown) => Buffer.from(JSON.stringify(x)).toString('base64')

describe('operator pages', () => {
  it('dead letters: inspect, retry a sale, retry all, discard; the ledger list', async () => {
    const topic = pipelineTopicNames(h.config.kafka.topicPrefix).bookings
    const now = new Date().toISOString()
    await new PgDeadLetterStore(h.pool).record([
      {
        v: 1,
        kind: 'booking',
        saleId: SALE_A,
        topic,
        partition: 0,
        offset: '41',
        key: `${SALE_A}:A-1-1`,
        value: b64({ saleId: SALE_A, userId: 'u-dana', seatId: 'A-1-1' }),
        headers: { 'x-trace': 't-1' },
        reason: 'database unavailable',
        attempts: 5,
        replays: 0,
        failedAt: now
      },
      {
        v: 1,
        kind: 'claim',
        saleId: SALE_B,
        topic,
        partition: 1,
        offset: '7',
        key: null,
        value: Buffer.from('not json').toString('base64'),
        headers: {},
        reason: 'poison: not JSON',
        attempts: 0,
        replays: 0,
        failedAt: now
      }
    ])
    await h.pool.query(
      `INSERT INTO ledger_dead_letters (sale_id, source_id, entry, reason) VALUES ($1, '1733-0', $2, 'duplicate key value')`,
      [
        SALE_A,
        JSON.stringify({
          sourceId: '1733-0',
          saleId: SALE_A,
          kind: 'hold',
          unitId: 'u1',
          seatId: 'A-1-2',
          userId: 'u-erin',
          delta: -1,
          state: 'held',
          expiresAt: null,
          reservationId: null,
          at: Date.now()
        })
      ]
    )
    const before = await letters()
    expect(before.depth).toBe(2)
    const l1 = before.items.find((x) => x.saleId === SALE_A)!.id
    const l2 = before.items.find((x) => x.saleId === SALE_B)!.id

    const { page, errors, close } = await openConsolePage('Dead letters')
    await page.waitForURL('**/admin/dead-letters')
    const rows = page.locator('[data-testid="dlq-table"] tbody tr')
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(2)
    expect(await page.getByTestId('dlq-depth').textContent()).toBe('2 waiting')
    const row1 = page.locator(`[data-testid="dlq-table"] tr[data-id="${l1}"]`)
    const cells = await row1.locator('td').allTextContents()
    expect(cells.slice(0, 6)).toEqual([l1, 'booking', SALE_A, 'database unavailable', '5', '0'])
    expect(cells[6]).toMatch(/^\d+ s$/)
    expect(cells[7]).toBe('waiting')
    await expect
      .poll(() => page.getByTestId('ledger-dlq-table').locator('tbody tr').first().textContent())
      .toContain('duplicate key value')

    // Inspect: the decoded message fields.
    await page.getByRole('button', { name: `Inspect dead letter ${l1}` }).click()
    const fields = page.getByTestId('dlq-fields')
    await expect
      .poll(() => fields.locator('tr').allTextContents())
      .toEqual([`saleId${SALE_A}`, 'userIdu-dana', 'seatIdA-1-1'])
    expect(await page.getByTestId('dlq-inspect').textContent()).toContain(topic)
    await screenshot(page, 'console-dead-letters')
    await page.getByRole('button', { name: 'Close' }).click()

    // Retry one: its sale's dead letters go back to the topic.
    await page.getByRole('button', { name: `Retry dead letter ${l1}` }).click()
    await expect
      .poll(() => page.getByTestId('dlq-message').textContent())
      .toBe(`Sent back: ${l1}. Skipped as poison: 0.`)
    expect((await letters(true)).items.find((x) => x.id === l1)?.resolution).toBe('replayed')
    // The consumer refuses the message (it is not a booking request): it comes back, replayed once.
    let l3 = ''
    await expect
      .poll(
        async () => {
          l3 = (await letters()).items.find((x) => x.saleId === SALE_A)?.id ?? ''
          return l3 !== ''
        },
        { timeout: 20_000 }
      )
      .toBe(true)
    await page.getByRole('button', { name: 'Refresh' }).click()
    const row3 = page.locator(`[data-testid="dlq-table"] tr[data-id="${l3}"]`)
    await expect.poll(() => row3.locator('td').nth(5).textContent()).toBe('1')
    expect(await row3.locator('td').nth(3).textContent()).toMatch(/^poison: schema violation/)

    // Retry all: poison is skipped, nothing else waits.
    await page.getByRole('button', { name: 'Retry all' }).click()
    await expect
      .poll(() => page.getByTestId('dlq-message').textContent())
      .toBe(`Sent back: 0. Skipped as poison: ${[l2, l3].sort((a, b) => Number(a) - Number(b)).join(', ')}.`)

    // Discard, after a confirmation (cancel first: nothing changes).
    await page.getByRole('button', { name: `Discard dead letter ${l2}` }).click()
    await page.getByRole('button', { name: 'Cancel' }).click()
    expect((await letters()).depth).toBe(2)
    for (const id of [l2, l3]) {
      await page.getByRole('button', { name: `Discard dead letter ${id}` }).click()
      expect(await page.getByRole('alertdialog').textContent()).toContain(`Discard dead letter ${id}?`)
      await page.getByRole('button', { name: 'Confirm discard' }).click()
      await expect
        .poll(() => page.getByTestId('dlq-message').textContent())
        .toBe(`Dead letter ${id} discarded.`)
    }
    await page.getByTestId('dlq-empty').waitFor()
    expect(await page.getByTestId('dlq-depth').textContent()).toBe('0 waiting')
    const after = await letters(true)
    expect(after.depth).toBe(0)
    expect(after.items.filter((x) => x.id === l2 || x.id === l3).map((x) => x.resolution)).toEqual([
      'failed',
      'failed'
    ])
    // The resolved ones, on request.
    await page.getByLabel('Show resolved').check()
    await expect.poll(() => rows.count()).toBe(3)
    expect(await row1.locator('td').nth(7).textContent()).toBe('replayed')
    expect(errors).toEqual([])
    await close()
  })

  it('traffic: blocks and auto-blocks, rate-limit overrides', async () => {
    await h.rt.traffic.blocklist.add({
      kind: 'fp',
      value: 'fp-bot-0123456789',
      ttlSec: 900,
      reason: 'one fingerprint, 40 users',
      auto: true
    })
    const { page, errors, close } = await openConsolePage('Traffic')
    await page.waitForURL('**/admin/traffic')
    const blocks = page.getByTestId('blocks-table')
    await expect.poll(() => blocks.locator('tbody tr').count(), { timeout: 10_000 }).toBe(1)
    expect(await blocks.locator('tbody tr').first().textContent()).toContain('auto-block')

    await page.getByLabel('Block by').selectOption('ip')
    await page.getByLabel('Address, user id or fingerprint').fill('203.0.113.7')
    await page.getByLabel('Duration (s)', { exact: true }).fill('600')
    await page.getByLabel('Reason').fill('scraping seat maps')
    await page.getByRole('button', { name: 'Block', exact: true }).click()
    await expect.poll(() => page.getByTestId('traffic-message').textContent()).toBe('203.0.113.7 blocked.')
    const ipRow = blocks.locator('tr[data-block="203.0.113.7"]')
    await expect
      .poll(() => ipRow.locator('td').allTextContents())
      .toEqual(expect.arrayContaining(['address', '203.0.113.7', 'scraping seat maps', 'operator']))
    const listed = (await api<{ blocks: Array<{ value: string; auto: boolean }> }>('GET', '/v1/admin/blocks'))
      .body
    expect(listed.blocks.map((b) => [b.value, b.auto]).sort()).toEqual([
      ['203.0.113.7', false],
      ['fp-bot-0123456789', true]
    ])

    // A rate-limit override: shown as such, and in effect.
    const policy = 'hold'
    await page.getByLabel('policy', { exact: true }).selectOption(policy)
    await page.getByLabel('subject', { exact: true }).selectOption('user')
    await page.getByLabel('burst', { exact: true }).fill('7')
    await page.getByLabel('per second', { exact: true }).fill('3')
    await page.getByLabel('window limit').fill('100')
    await page.getByLabel('window (s)', { exact: true }).fill('60')
    await page.getByRole('button', { name: 'Save override' }).click()
    await expect.poll(() => page.getByTestId('traffic-message').textContent()).toBe('Rate limits saved.')
    const limitRow = page.locator(`[data-limit="${policy}.user"]`)
    await expect
      .poll(() => limitRow.locator('td').allTextContents())
      .toEqual(['user', '7', '3', '100 / 60 s', 'override'])
    const limits = (
      await api<{ overrides: Record<string, unknown>; effective: Record<string, unknown> }>(
        'GET',
        '/v1/admin/rate-limits'
      )
    ).body
    expect(limits.overrides).toMatchObject({
      policies: { [policy]: { user: { burst: 7, perSec: 3, windowLimit: 100, windowSec: 60 } } }
    })
    await page.getByLabel('block duration (s)').fill('120')
    await page.getByRole('button', { name: 'Save thresholds' }).click()
    await expect
      .poll(
        async () =>
          (await api<{ effective: { autoBlock: { blockSec: number } } }>('GET', '/v1/admin/rate-limits')).body
            .effective.autoBlock.blockSec
      )
      .toBe(120)
    await screenshot(page, 'console-traffic')

    // Back to the defaults; the block lifted.
    await page.getByRole('button', { name: 'Back to defaults' }).click()
    await expect
      .poll(() => page.getByTestId('traffic-message').textContent())
      .toBe('Overrides removed: the defaults apply.')
    expect((await api('GET', '/v1/admin/rate-limits')).body.overrides).toEqual({})
    await expect.poll(() => limitRow.locator('td').last().textContent()).toBe('')
    await page.getByRole('button', { name: 'Lift the block of 203.0.113.7' }).click()
    await expect
      .poll(() => page.getByTestId('traffic-message').textContent())
      .toBe('Block of 203.0.113.7 lifted.')
    await expect.poll(() => blocks.locator('tbody tr').count()).toBe(1)
    const left = (await api<{ blocks: Array<{ value: string }> }>('GET', '/v1/admin/blocks')).body.blocks
    expect(left.map((b) => b.value)).toEqual(['fp-bot-0123456789'])
    expect(errors).toEqual([])
    await close()
  })

  it('webhooks: add (secret once), a failed delivery redelivered, delete', async () => {
    receiver.mode = 500
    const { page, errors, close } = await openConsolePage('Webhooks')
    await page.waitForURL('**/admin/webhooks')
    await page.getByTestId('webhooks-empty').waitFor({ timeout: 10_000 })
    await page.getByLabel('URL').fill(receiver.url)
    await page.getByLabel('sale.sold_out').check()
    await page.getByRole('button', { name: 'Add endpoint' }).click()
    const secretBox = page.getByTestId('webhook-secret')
    await secretBox.waitFor()
    const secret = (await secretBox.locator('code').textContent()) ?? ''
    expect(secret).toMatch(/^whsec_/)
    const endpoints = (
      await api<{ items: Array<{ id: string; url: string; events: string[] }> }>('GET', '/v1/admin/webhooks')
    ).body.items
    expect(endpoints).toHaveLength(1)
    expect(endpoints[0]).toMatchObject({
      url: receiver.url,
      events: ['reservation.confirmed', 'sale.sold_out']
    })
    const endpointId = endpoints[0]!.id
    await expect
      .poll(() =>
        page.locator(`[data-testid="webhooks-table"] tr[data-endpoint="${endpointId}"]`).textContent()
      )
      .toContain('reservation.confirmed, sale.sold_out')

    // An event the endpoint takes: the receiver answers 500 until the dispatcher gives up.
    await h.pool.query(
      `INSERT INTO webhook_events (id, type, sale_id, data) VALUES ('evt_console_1', 'sale.sold_out', $1, '{"saleId":"${SALE_A}"}')`,
      [SALE_A]
    )
    await page.getByRole('button', { name: `Deliveries of ${receiver.url}` }).click()
    const delivery = page.locator('[data-testid="deliveries-table"] tbody tr').first()
    await expect
      .poll(
        async () => {
          await page.getByTestId('webhook-deliveries').getByRole('button', { name: 'Refresh' }).click()
          return delivery.getAttribute('data-status')
        },
        { timeout: 20_000, interval: 300 }
      )
      .toBe('failed')
    const failedCells = await delivery.locator('td').allTextContents()
    expect(failedCells.slice(1, 5)).toEqual(['sale.sold_out', 'failed', '2', '500'])
    expect(receiver.received.length).toBe(2)
    await screenshot(page, 'console-webhooks')

    // Redeliver: it arrives, signed with the secret shown once.
    receiver.mode = 200
    const deliveryId = (await delivery.getAttribute('data-delivery')) ?? ''
    await page.getByRole('button', { name: `Redeliver ${deliveryId}` }).click()
    await expect
      .poll(() => page.getByTestId('webhooks-message').textContent())
      .toBe(`${deliveryId} is due again.`)
    await expect
      .poll(
        async () => {
          await page.getByTestId('webhook-deliveries').getByRole('button', { name: 'Refresh' }).click()
          return delivery.getAttribute('data-status')
        },
        { timeout: 20_000, interval: 300 }
      )
      .toBe('delivered')
    expect(receiver.delivered(secret).map((d) => [d.id, d.type])).toEqual([[deliveryId, 'sale.sold_out']])

    // Delete, after a confirmation.
    await page.getByRole('button', { name: `Delete endpoint ${receiver.url}` }).click()
    expect(await page.getByRole('alertdialog').textContent()).toContain('Its deliveries go with it.')
    await page.getByRole('button', { name: 'Confirm delete' }).click()
    await page.getByTestId('webhooks-empty').waitFor()
    expect((await api('GET', '/v1/admin/webhooks')).body).toEqual({ items: [] })
    expect(errors).toEqual([])
    await close()
  })
})
