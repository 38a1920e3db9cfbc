/**
 * Redis loses a sale between the confirms and their consumption: the booking consumer finds the
 * sale not loaded, retries those requests past its attempts (the rest of a batch goes on) until the
 * re-warm worker has rebuilt the sale from PostgreSQL, then books them. Nothing is dead-lettered
 * although the consumer would give up after two quick attempts on any other failure.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Runtime } from '../../src/app/runtime.ts'
import { createHarness, type Harness, seatedSale } from '../support/harness.ts'
import {
  confirmAll,
  deletePipelineTopics,
  expectPipelineInvariants,
  FaultyGateway,
  holdAll,
  pipelineEnv,
  seatIds,
  waitTerminal,
  workerRuntime
} from '../support/pipeline.ts'

let h: Harness
let worker: Runtime | undefined
const gateway = new FaultyGateway({ latencyMs: 1 })

beforeAll(async () => {
  h = await createHarness(pipelineEnv(), { pipeline: 'kafka', workers: false })
})
afterAll(async () => {
  await worker?.close().catch(() => undefined)
  if (h) {
    await deletePipelineTopics(h).catch(() => undefined)
    await h.close()
  }
})

it('books what was accepted once the sale is loaded again, with nothing dead-lettered', async () => {
  const saleId = await h.createSale(seatedSale(1, 40))
  const holds = await holdAll(
    h,
    saleId,
    seatIds(1, 40).map((seatId, i) => ({ userId: `nr${Math.floor(i / 2)}`, seatId }))
  )
  // PostgreSQL's copy of the holds is up to date; the confirms are accepted and wait in Kafka.
  await h.rt.drainLedger()
  const attempts = await confirmAll(h, saleId, holds)
  expect(attempts.filter((a) => a.confirmStatus !== 202)).toEqual([])
  const ids = attempts.map((a) => a.reservationId)
  // Redis loses the sale.
  for (const key of await h.redis.keys(`${h.keys.base(saleId)}*`)) await h.redis.del(key)
  expect(await h.inventory.isWarm(saleId)).toBe(false)

  // The workers start (consumers, and the re-warm every 2 s); any other failure would be
  // dead-lettered after two attempts 50 ms apart.
  worker = await workerRuntime(h, { payments: gateway, consumers: { maxAttempts: 2, backoffMs: 50 } })
  await waitTerminal(h, ids, 60_000)
  await worker.handoff.drain?.()
  expect(await expectPipelineInvariants(h, saleId, ids, gateway)).toEqual({ confirmed: 40, failed: 0 })
  expect(await h.rt.deadLetters.list({ saleId, limit: 10, includeResolved: true })).toEqual([])
})
