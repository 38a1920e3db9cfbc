/**
 * A worker process (`firstcome worker`) SIGKILLed after the payment provider captured a charge and
 * before the booking's commit, then started again: Kafka hands the booking to the new process, its
 * confirm carries the same Idempotency-Key (the reservation id), the provider answers the first
 * charge instead of taking a second, and the booking ends confirmed once. Nothing is lost, nobody
 * pays twice.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { reservationIdOf } from '../../src/services/sales/buyer-service.ts'
import { type FakeProvider, startFakeProvider } from '../../tools/payment-provider/fake-provider.ts'
import { spawnCli } from '../support/cli-process.ts'
import { buyerRequest, createHarness, type Harness, seatedSale } from '../support/harness.ts'
import { deletePipelineTopics, pipelineEnv } from '../support/pipeline.ts'

let h: Harness
let fake: FakeProvider
let providerEnv: Record<string, string>

beforeAll(async () => {
  fake = await startFakeProvider()
  providerEnv = {
    FC_PAYMENT_PROVIDER: 'http',
    FC_PAYMENT_URL: fake.url,
    FC_PAYMENT_SECRET_KEY: fake.secretKey,
    FC_PAYMENT_CALLBACK_SECRET: fake.callbackSecret,
    // Longer than the test waits: the first worker dies waiting for the provider's answer.
    FC_PAYMENT_TIMEOUT_MS: '120000'
  }
  h = await createHarness(pipelineEnv(providerEnv), { pipeline: 'kafka', workers: false })
})
afterAll(async () => {
  if (h) {
    await deletePipelineTopics(h).catch(() => undefined)
    await h.close()
  }
  await fake?.close()
})

it('a worker killed between the provider capture and the commit: confirmed once, charged once', async () => {
  const saleId = await h.createSale(seatedSale(1, 4))
  const access = (await h.admit(saleId, ['crash1'])).get('crash1')
  const hold = await buyerRequest(h, 'POST', `/v1/events/${saleId}/holds`, 'crash1', access, {
    seatId: 'A-1-1'
  })
  expect(hold.status).toBe(201)
  const holdId = hold.body.holdId as string
  const reservationId = reservationIdOf(holdId)
  // The provider captures, then keeps its answer: the worker is in the window.
  fake.setBehaviour(reservationId, { charge: 'hold', callback: 'none' })
  const key = fake.authorize(reservationId, 5000, 'KRW')
  const confirm = await buyerRequest(h, 'POST', `/v1/holds/${holdId}/confirm`, 'crash1', access, {
    payment: { key }
  })
  expect(confirm.status).toBe(202)

  const first = spawnCli(h, ['worker'], providerEnv)
  await fake.captured(reservationId)
  first.child.kill('SIGKILL')
  await new Promise((resolve) => first.child.once('exit', resolve))

  // Charged, not committed: no booking row, the seat still pending in Redis.
  expect(fake.charges(reservationId)).toBe(1)
  const row = async () =>
    (await h.pool.query<{ status: string }>('SELECT status FROM reservations WHERE id = $1', [reservationId]))
      .rows[0]?.status
  expect(await row()).toBeUndefined()
  expect((await h.inventory.counts(saleId)).pending).toBe(1)

  // The provider answers again; the restarted worker replays the booking.
  fake.setBehaviour(reservationId, { charge: 'approve', callback: 'none' })
  const second = spawnCli(h, ['worker'], providerEnv)
  await expect.poll(row, { timeout: 90_000, interval: 100 }).toBe('confirmed')
  await expect
    .poll(async () => (await h.inventory.counts(saleId)).pending, { timeout: 30_000, interval: 100 })
    .toBe(0)
  second.child.kill('SIGTERM')

  expect(fake.charges(reservationId)).toBe(1)
  expect(fake.confirmCalls(reservationId)).toBe(2)
  const payments = await h.pool.query<{ status: string; provider_ref: string }>(
    'SELECT status, provider_ref FROM payments WHERE reservation_id = $1',
    [reservationId]
  )
  expect(payments.rows).toEqual([{ status: 'approved', provider_ref: key }])
  const counts = await h.inventory.counts(saleId)
  expect(counts).toMatchObject({ held: 0, pending: 0 })
  const seats = await h.rt.app.inject({ method: 'GET', url: `/v1/events/${saleId}/seats` })
  expect(
    (seats.json() as { seats: Array<{ id: string; state: string }> }).seats.find((s) => s.id === 'A-1-1')
  ).toMatchObject({
    state: 'sold'
  })
}, 180_000)
