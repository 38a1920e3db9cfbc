/**
 * The Kafka broker (a broker of this test's own) stops while buyers confirm: refused confirms are
 * answered 503 within seconds and compensated (the hold is back to HELD), accepted ones complete
 * after the broker is back, and a retry of a refused one goes through.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createHarness, type Harness, seatedSale } from '../support/harness.ts'
import { type OwnKafka, startOwnKafka } from '../support/kafka-broker.ts'
import { confirmAll, expectPipelineInvariants, holdAll, pipelineEnv, seatIds } from '../support/pipeline.ts'

let kafka: OwnKafka
let h: Harness

beforeAll(async () => {
  kafka = await startOwnKafka()
  h = await createHarness(pipelineEnv({ KAFKA_BROKERS: kafka.brokers.join(',') }), {
    pipeline: 'kafka',
    workers: true,
    consumers: { maxAttempts: 3, backoffMs: 100 }
  })
}, 180_000)
afterAll(async () => {
  await h?.close().catch(() => undefined)
  await kafka?.destroy()
})

it('refused confirms are compensated, accepted ones complete after the broker restarts', async () => {
  const saleId = await h.createSale(seatedSale(2, 50))
  const holds = await holdAll(
    h,
    saleId,
    seatIds(2, 50).map((seatId, i) => ({ userId: `b${Math.floor(i / 2)}`, seatId }))
  )
  const before = await confirmAll(h, saleId, holds.slice(0, 40))
  expect(before.every((a) => a.confirmStatus === 202)).toBe(true)
  await expect.poll(async () => (await h.inventory.counts(saleId)).confirmed, { timeout: 30_000 }).toBe(40)

  await kafka.stop()
  // Every confirm is answered (202 or 503) while the broker is down: the publish deadline ends
  // the wait, so a hang would show as this call never returning (the test's own timeout).
  const during = await confirmAll(h, saleId, holds.slice(40, 70))
  const refused = during.filter((a) => a.confirmStatus === 503)
  expect(refused.length + during.filter((a) => a.confirmStatus === 202).length).toBe(30)
  expect(refused.length).toBeGreaterThan(0)
  const held = await Promise.all(refused.map((a) => h.inventory.getHold(saleId, a.holdId)))
  expect(held.map((x) => x?.state)).toEqual(refused.map(() => 'held'))

  await kafka.start()
  // Retried by the buyer (same idempotency key): accepted now.
  const retried = await confirmAll(
    h,
    saleId,
    holds.filter((x) => refused.some((r) => r.holdId === x.holdId))
  )
  expect(retried.every((a) => a.confirmStatus === 202)).toBe(true)
  const accepted = [...before, ...during.filter((a) => a.confirmStatus === 202), ...retried].map(
    (a) => a.reservationId
  )
  await expect.poll(async () => (await h.inventory.counts(saleId)).pending, { timeout: 90_000 }).toBe(0)
  await h.rt.handoff.drain?.()
  const totals = await expectPipelineInvariants(h, saleId, accepted)
  expect(totals).toEqual({ confirmed: 70, failed: 0 })
  expect(await h.inventory.counts(saleId)).toMatchObject({ held: 30, confirmed: 70 })
}, 240_000)
