/**
 * Several members of each pipeline consumer group in one worker process (FC_CONSUMERS_PER_PROCESS):
 * they share the topics' partitions, their batches run side by side, and every booking and claim is
 * still finished exactly once.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { couponSale, createHarness, type Harness, seatedSale } from '../support/harness.ts'
import {
  claimAll,
  confirmAll,
  deletePipelineTopics,
  expectPipelineInvariants,
  FaultyGateway,
  holdAll,
  pipelineEnv,
  seatIds,
  waitTerminal
} from '../support/pipeline.ts'

let h: Harness
const gateway = new FaultyGateway({ latencyMs: 1 })

beforeAll(async () => {
  h = await createHarness(pipelineEnv({ FC_CONSUMERS_PER_PROCESS: '3' }), {
    pipeline: 'kafka',
    workers: true,
    payments: gateway
  })
})
afterAll(async () => {
  if (!h) return
  await deletePipelineTopics(h).catch(() => undefined)
  await h.close()
})

it('three members per group book 400 seats and issue 300 coupons, each once', async () => {
  expect(h.config.kafka.consumersPerProcess).toBe(3)
  const seated = await h.createSale(seatedSale(4, 100))
  const coupons = await h.createSale(couponSale(300, { perUserLimit: 1 }))
  const plan = seatIds(4, 100).map((seatId, i) => ({ userId: `s${Math.floor(i / 2)}`, seatId }))
  const buyers = Array.from({ length: 300 }, (_, i) => `k${i}`)
  const access = await h.admit(coupons, buyers)
  const [attempts, claims] = await Promise.all([
    holdAll(h, seated, plan).then((holds) => confirmAll(h, seated, holds)),
    claimAll(h, coupons, buyers, access)
  ])
  expect(attempts.filter((a) => a.confirmStatus !== 202)).toEqual([])
  expect(claims.filter((s) => s !== 202)).toEqual([])
  const ids = attempts.map((a) => a.reservationId)
  await waitTerminal(h, ids)
  await h.rt.handoff.drain?.()
  expect(await expectPipelineInvariants(h, seated, ids, gateway)).toEqual({ confirmed: 400, failed: 0 })
  expect(await h.inventory.counts(coupons)).toMatchObject({ available: 0, pending: 0, confirmed: 300 })
  const { rows } = await h.pool.query<{ n: number; codes: number; outbox: number }>(
    `SELECT count(*)::int AS n, count(DISTINCT coupon_code)::int AS codes,
       (SELECT count(*)::int FROM outbox WHERE payload->>'saleId' = $1 AND payload->>'type' = 'claim') AS outbox
     FROM claims WHERE sale_id = $1 AND status = 'confirmed'`,
    [coupons]
  )
  expect(rows[0]).toEqual({ n: 300, codes: 300, outbox: 300 })
})
