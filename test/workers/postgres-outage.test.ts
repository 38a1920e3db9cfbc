/**
 * PostgreSQL unreachable while the booking consumer works: it retries with back-off past its
 * attempts (a batch failing as a whole is a store out, not the messages' fault) and, once the
 * database is back, finishes every booking, with nothing dead-lettered and nobody charged twice.
 * The consumer runs in a runtime of its own whose database connection goes through a TCP proxy
 * this test cuts and restores.
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
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.ts'

let h: Harness
let proxy: TcpProxy
let worker: Runtime | undefined
const gateway = new FaultyGateway({ latencyMs: 2 })

beforeAll(async () => {
  h = await createHarness(pipelineEnv(), { pipeline: 'kafka', workers: false })
  const db = new URL(h.config.postgres.url)
  proxy = await startTcpProxy({ host: db.hostname, port: Number(db.port || 5432) })
  const viaProxy = new URL(h.config.postgres.url)
  viaProxy.hostname = '127.0.0.1'
  viaProxy.port = String(proxy.port)
  worker = await workerRuntime(
    h,
    {
      payments: gateway,
      // Two attempts 100 ms apart: without the outage wait the first batch would be dead-lettered
      // at once; a batch failing as a whole is retried for up to a minute (outageMs) instead.
      consumers: { maxAttempts: 2, backoffMs: 100 }
    },
    viaProxy.toString()
  )
})
afterAll(async () => {
  await proxy?.open().catch(() => undefined)
  await worker?.close().catch(() => undefined)
  await proxy?.close()
  if (h) {
    await deletePipelineTopics(h).catch(() => undefined)
    await h.close()
  }
})

it('retries while PostgreSQL is unreachable, then books everything once it is back', async () => {
  const saleId = await h.createSale(seatedSale(2, 100))
  const holds = await holdAll(
    h,
    saleId,
    seatIds(2, 100).map((seatId, i) => ({ userId: `pg${Math.floor(i / 2)}`, seatId }))
  )
  await proxy.cut()
  const attempts = await confirmAll(h, saleId, holds)
  expect(attempts.every((a) => a.confirmStatus === 202)).toBe(true)
  const ids = attempts.map((a) => a.reservationId)
  // The consumer is at it and failing: nothing can reach the database through the proxy.
  await expect
    .poll(() => h.rt.sales.stats(saleId).then((s) => s.consumerLag), { timeout: 10_000 })
    .toBeGreaterThan(0)
  await new Promise((resolve) => setTimeout(resolve, 2000)) // the outage itself: a span of time, not a condition
  const during = await h.pool.query('SELECT count(*)::int AS n FROM reservations WHERE sale_id = $1', [
    saleId
  ])
  expect(during.rows[0]).toEqual({ n: 0 })
  expect(gateway.calls.size).toBe(0)

  await proxy.open()
  await waitTerminal(h, ids, 60_000)
  // The consumers run in the worker runtime: its drain waits for their Redis finalisation too.
  await worker?.handoff.drain?.()
  expect(await expectPipelineInvariants(h, saleId, ids, gateway)).toEqual({ confirmed: 200, failed: 0 })
  expect((await h.rt.sales.stats(saleId)).dlq).toBe(0)
})
