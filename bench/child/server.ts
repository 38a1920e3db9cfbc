/**
 * The server side of `npm run bench:hot`, run in child processes of their own so the load generator
 * does not share their event loops. `hello` serves a bare fastify route; `api` builds the real
 * runtime without workers (as `FC_WORKERS=0 firstcome serve` does) from the environment the driver
 * gives it, creates the two sales, admits the buyers and sends back their ids; `workers` runs the
 * workers against the same stores (as `firstcome worker` does). The driver signs the tokens
 * itself, so a CPU profile of the API process holds the load and not the set-up.
 */
import Fastify, { type FastifyInstance } from 'fastify'
import type { RedisClient } from '../../src/adapters/redis/redis-client.ts'
import { createRuntime, type Runtime } from '../../src/app/runtime.ts'
import { loadConfig } from '../../src/config/index.ts'
import { newChildId } from '../../src/domain/ids.ts'
import type { InventoryStore } from '../../src/domain/inventory-ports.ts'
import { signDevToken } from '../../src/http/auth.ts'
import { fingerprint } from '../../src/services/sales/idempotency.ts'
import { openBenchClients } from '../lib/clients.ts'
import { assertLoopback, type ChildMessage, type ParentMessage } from '../protocol.ts'

const SECTIONS = Array.from({ length: 10 }, (_, i) => `S${i + 1}`)
// Fewer rows (BENCH_ROWS) when a busy shared box cannot write 100,000 seats within the statement timeout.
const ROWS = Number(process.env.BENCH_ROWS ?? 100)
const SEATS_PER_ROW = 100

function send(message: ChildMessage): void {
  if (!process.send)
    throw new Error('bench/child/server.ts must be started by bench/hot.ts (it needs an IPC channel)')
  process.send(message)
}

async function hello(): Promise<void> {
  const app = Fastify({ logger: false })
  app.get('/hello', async () => ({ hello: 'world' }))
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  if (address === null || typeof address === 'string') throw new Error('no TCP address')
  onParent(
    async () => ({ type: 'counts', hold: {}, claim: {} }),
    () => app.close()
  )
  send({ type: 'ready', mode: 'hello', port: address.port })
}

/**
 * The floor of a hold on this machine: bare fastify POST routes in the API process that read the
 * same request as the hold route and answer with the same body. `/echo` does nothing else, `/ping`
 * adds one Redis round trip (PING), and `/hold` makes the one hold decision through the real Redis
 * adapter (the same script, keys, idempotency record and ledger entry, which the workers carry to
 * PostgreSQL). No bearer or access-token check, rate limit, validation schema or hook: what any
 * implementation of a hold has to pay on this box, whatever its HTTP layer does.
 */
async function floor(
  inventory: InventoryStore,
  redis: RedisClient,
  saleId: string,
  claimSaleId: string
): Promise<FastifyInstance> {
  const app = Fastify({ logger: false })
  const untimed = redis.withCommandOptions({ timeout: 0 })
  const answer = (seatId: string) => ({
    holdId: `${saleId}.h000000000000`,
    seatId,
    expiresAt: new Date().toISOString()
  })
  app.post<{ Body: { seatId: string } }>('/echo', async (req, reply) => {
    reply.code(201)
    return answer(req.body.seatId)
  })
  app.post<{ Body: { seatId: string } }>('/ping', async (req, reply) => {
    await untimed.ping()
    reply.code(201)
    return answer(req.body.seatId)
  })
  app.post<{ Body: { seatId: string } }>('/hold', async (req, reply) => {
    const userId = String(req.headers['x-bench-user'])
    const key = String(req.headers['idempotency-key'])
    const seatId = req.body.seatId
    const holdId = newChildId(saleId, 'h')
    const body = (expiresAt: number) => ({ holdId, seatId, expiresAt: new Date(expiresAt).toISOString() })
    const r = await inventory.holdSeat({
      saleId,
      userId,
      seatId,
      holdId,
      idem: { saleId, userId, key, fingerprint: fingerprint(`hold ${saleId}`, userId, { seatId }) },
      response: (expiresAt) => ({ statusCode: 201, body: body(expiresAt) })
    })
    if (!r.ok) return reply.code(409).send({ refusal: r.refusal })
    reply.code(201)
    return body(r.value.expiresAt)
  })
  // The floor of a claim: the claim step's very requests, and only the claim decision through the
  // real adapter (the same claim-unit script, keys, idempotency record and ledger entry) on a
  // coupon sale of its own. Nothing finishes these claims (no publish): they stay pending.
  app.post('/claim', async (req, reply) => {
    const userId = String(req.headers['x-bench-user'])
    const key = String(req.headers['idempotency-key'])
    const claimId = newChildId(claimSaleId, 'c')
    const response = { statusCode: 202, body: { claimId, status: 'pending' } }
    const r = await inventory.claim({
      saleId: claimSaleId,
      userId,
      claimId,
      idem: {
        saleId: claimSaleId,
        userId,
        key,
        fingerprint: fingerprint(`claim ${claimSaleId}`, userId, {})
      },
      response
    })
    if (!r.ok) return reply.code(409).send({ refusal: r.refusal })
    reply.code(202)
    return response.body
  })
  await app.listen({ port: 0, host: '127.0.0.1' })
  return app
}

async function api(): Promise<void> {
  const config = loadConfig(process.env)
  assertLoopback(config.redis.url, 'REDIS_URL')
  assertLoopback(config.postgres.url, 'DATABASE_URL')
  const userCount = Number(process.env.BENCH_USERS ?? 5000)
  const rt: Runtime = await createRuntime(config, {
    logger: process.env.BENCH_LOG_LEVEL ? { level: process.env.BENCH_LOG_LEVEL } : false,
    workers: false
  })
  const { inventory, redis, close: closeClients } = await openBenchClients(config)
  try {
    await rt.app.listen({ port: 0, host: '127.0.0.1' })
    const adminToken = await signDevToken(config, 'ops', 'admin')
    const create = async (body: Record<string, unknown>): Promise<string> => {
      // Writing 100,000 seats can pass PostgreSQL's statement timeout on a busy shared box (500);
      // the transaction is rolled back, so trying again is safe.
      for (let attempt = 1; ; attempt++) {
        const res = await rt.app.inject({
          method: 'POST',
          url: '/v1/admin/events',
          headers: { authorization: `Bearer ${adminToken}` },
          payload: body
        })
        if (res.statusCode === 201) return (res.json() as { id: string }).id
        if (res.statusCode !== 500 || attempt === 10)
          throw new Error(`create sale: ${res.statusCode} ${res.body}`)
      }
    }
    const admission = { ratePerSec: 1_000_000, maxActive: 10_000_000, accessTtlSec: 86_400 }
    // The hold step and the floor steps each get a seated sale of their own, so each starts untouched.
    const seated = (name: string) =>
      create({
        name,
        kind: 'seated',
        seats: {
          sections: SECTIONS.map((section) => ({
            name: section,
            rows: ROWS,
            seatsPerRow: SEATS_PER_ROW,
            price: 5000
          }))
        },
        perUserLimit: 100,
        holdTtlSec: 3600,
        admission
      })
    const holdSaleId = await seated('Bench concert')
    const pausedHoldSaleId = await seated('Bench concert, workers paused')
    const claimSaleId = await create({
      name: 'Bench coupons',
      kind: 'coupon',
      quantity: 10_000_000,
      perUserLimit: 100,
      admission
    })
    const floorSaleId = await seated('Bench floor')
    const floorClaimSaleId = await create({
      name: 'Bench floor coupons',
      kind: 'coupon',
      quantity: 10_000_000,
      perUserLimit: 100,
      admission
    })

    const ids = Array.from({ length: userCount }, (_, i) => `bench-${i}`)
    const until = Date.now() + 3_600_000
    await inventory.admit(holdSaleId, ids, until)
    await inventory.admit(pausedHoldSaleId, ids, until)
    await inventory.admit(claimSaleId, ids, until)
    await inventory.admit(floorSaleId, ids, until)
    await inventory.admit(floorClaimSaleId, ids, until)
    const floorApp = await floor(inventory, redis, floorSaleId, floorClaimSaleId)
    const address = rt.app.server.address()
    const floorAddress = floorApp.server.address()
    if (address === null || typeof address === 'string') throw new Error('no TCP address')
    if (floorAddress === null || typeof floorAddress === 'string') throw new Error('no TCP address')
    onParent(
      async () => ({
        type: 'counts',
        hold: { ...(await inventory.counts(holdSaleId)) },
        pausedHold: { ...(await inventory.counts(pausedHoldSaleId)) },
        claim: { ...(await inventory.counts(claimSaleId)) },
        floor: { ...(await inventory.counts(floorSaleId)) },
        floorClaim: { ...(await inventory.counts(floorClaimSaleId)) }
      }),
      async () => {
        await floorApp.close()
        await rt.close()
        await closeClients()
      }
    )
    send({
      type: 'ready',
      mode: 'api',
      port: address.port,
      floorPort: floorAddress.port,
      holdSaleId,
      pausedHoldSaleId,
      claimSaleId,
      floorSaleId,
      floorClaimSaleId,
      sections: SECTIONS,
      rows: ROWS,
      seatsPerRow: SEATS_PER_ROW,
      userIds: ids,
      admittedUntil: until
    })
  } catch (err) {
    await rt.close().catch(() => undefined)
    await closeClients()
    throw err
  }
}

async function workers(): Promise<void> {
  const config = loadConfig(process.env)
  assertLoopback(config.redis.url, 'REDIS_URL')
  assertLoopback(config.postgres.url, 'DATABASE_URL')
  const rt: Runtime = await createRuntime(config, { logger: false, workers: true })
  onParent(
    async () => ({ type: 'counts', hold: {}, claim: {} }),
    () => rt.close()
  )
  send({ type: 'ready', mode: 'workers' })
}

/** Answers the driver; closes and exits on `close` or when the driver goes away. */
function onParent(counts: () => Promise<ChildMessage>, close: () => Promise<unknown>): void {
  let closing = false
  const shutdown = async () => {
    if (closing) return
    closing = true
    await close().catch(() => undefined)
    process.exit(0)
  }
  process.on('message', (message: ParentMessage) => {
    if (message.type === 'close') void shutdown()
    else if (message.type === 'counts') void counts().then(send, (err: unknown) => send(errorMessage(err)))
  })
  process.on('disconnect', () => void shutdown())
}

function errorMessage(err: unknown): ChildMessage {
  return { type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) }
}

const mode = process.argv[2]
const start = mode === 'hello' ? hello : mode === 'api' ? api : mode === 'workers' ? workers : undefined
if (!start) {
  console.error('usage: bench/child/server.ts hello|api|workers')
  process.exit(2)
}
start().catch((err: unknown) => {
  if (process.send) send(errorMessage(err))
  else console.error(err)
  process.exit(1)
})
