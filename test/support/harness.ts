/**
 * A runtime of its own for one test file: a fresh PostgreSQL database, a random Redis key prefix,
 * random Kafka topics (and so consumer groups), no internal listener on the default port, and
 * helpers to create sales, admit buyers and mint tokens. Nothing is shared with another test file
 * or with a running `npm start` (the runtime refuses the default prefixes in the test profile).
 * Cleanup is registered by the caller through `afterAll(h.close)`.
 */
import { randomBytes } from 'node:crypto'
import { createKafkaAdmin } from '../../src/adapters/kafka/index.ts'
import { pipelineTopics } from '../../src/adapters/kafka/topics.ts'
import { createRuntime, type Runtime, type RuntimeOptions } from '../../src/app/runtime.ts'
import { type Config, loadConfig } from '../../src/config/index.ts'
import type { AdmissionTickResult } from '../../src/domain/waiting-room-ports.ts'
import { signDevToken } from '../../src/http/auth.ts'
import { AdmissionScheduler } from '../../src/workers/admission-scheduler.ts'
import { clearRedisPrefix, createDatabase, randomTag } from '../../tools/sut.ts'
import { openStoreClients, type StoreClients } from './clients.ts'
import { directHandoff } from './direct-handoff.ts'
import { TEST_JWT_SECRET, TEST_TOKEN_SECRET } from './secrets.ts'

export interface Harness {
  rt: Runtime
  config: Config
  /** A Redis client of the test's own, on the runtime's Redis (closed with the harness). */
  redis: StoreClients['redis']
  /** A PostgreSQL pool of the test's own, on the runtime's database (closed with the harness). */
  pool: StoreClients['pool']
  /** The runtime's Redis key names (same prefix). */
  keys: StoreClients['keys']
  /** The Redis inventory store, on `redis`. */
  inventory: StoreClients['inventory']
  /** The sale repository, on `pool`. */
  repo: StoreClients['repo']
  /** An admin's bearer token ('' when the runtime takes tokens from a JWKS URL only). */
  adminToken: string
  /** A bearer token for `userId` (cached). */
  userToken(userId: string): Promise<string>
  /** Creates a sale through the admin API; returns its id. */
  createSale(body: Record<string, unknown>): Promise<string>
  /** Admits users for `ttlMs` and returns their access tokens. */
  admit(saleId: string, userIds: readonly string[], ttlMs?: number): Promise<Map<string, string>>
  close(): Promise<void>
}

/**
 * The runtime's options, and where confirms and claims go: 'kafka' (published, finished by the
 * consumers: pipeline tests) or, by default, 'direct' (the same pipeline called in this process,
 * `direct-handoff.ts`: tests of other parts, which need no broker for it).
 */
export type HarnessOptions = RuntimeOptions & { pipeline?: 'kafka' | 'direct' }

export async function createHarness(
  env: Record<string, string> = {},
  options: HarnessOptions = {}
): Promise<Harness> {
  const base = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/firstcome'
  const database = await createDatabase(base, `fc_test_${randomTag(6)}`)

  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    FC_REDIS_PREFIX: `t${randomTag()}`,
    // The pipeline's topics and consumer groups are named after this prefix.
    FC_KAFKA_TOPIC_PREFIX: `t${randomTag()}`,
    FC_KAFKA_PARTITIONS: '3',
    FC_INTERNAL_PORT: '0',
    FC_LOG_LEVEL: 'silent',
    FC_JWT_SECRET: TEST_JWT_SECRET,
    FC_TOKEN_SECRET: TEST_TOKEN_SECRET,
    FC_WORKERS: '0',
    // Every answer is checked against its route's declared responses (500 FC_RESPONSE_SCHEMA if
    // not); production refuses the check.
    ...(env.NODE_ENV === 'production' ? {} : { FC_RESPONSE_VALIDATION: '1' }),
    // The production profile sheds load past 200 ms of event-loop delay, which a busy test machine
    // reaches: a harness sheds only when its test asks for it (the test profile never does).
    FC_SHED_EVENT_LOOP_DELAY_MS: '0',
    ...env
  })
  const { pipeline, ...runtimeOptions } = options
  const rt = await createRuntime(config, {
    logger: false,
    ...(pipeline === 'kafka' ? {} : { handoff: directHandoff }),
    ...runtimeOptions
  })
  const clients = await openStoreClients(config).catch(async (err: unknown) => {
    await rt.close()
    throw err
  })
  const { redis, pool, keys, inventory, repo } = clients
  const adminToken = config.auth.jwtSecret === '' ? '' : await signDevToken(config, 'operator', 'admin')
  const tokens = new Map<string, string>()

  return {
    rt,
    config,
    redis,
    pool,
    keys,
    inventory,
    repo,
    adminToken,
    async userToken(userId) {
      let t = tokens.get(userId)
      if (!t) {
        t = await signDevToken(config, userId)
        tokens.set(userId, t)
      }
      return t
    },
    async createSale(body) {
      const res = await rt.app.inject({
        method: 'POST',
        url: '/v1/admin/events',
        headers: { authorization: `Bearer ${adminToken}` },
        payload: body
      })
      if (res.statusCode !== 201) throw new Error(`create sale: ${res.statusCode} ${res.body}`)
      return (res.json() as { id: string }).id
    },
    async admit(saleId, userIds, ttlMs = 600_000) {
      const until = Date.now() + ttlMs
      await inventory.admit(saleId, userIds, until)
      return new Map(userIds.map((u) => [u, rt.tokens.sign({ userId: u, saleId, exp: until })]))
    },
    async close() {
      await rt.close()
      await clients.close()
      // The topics this file's runtime created (a test that deleted them already is fine).
      if (options.kafka !== false) {
        // Briefly: a test that stopped its own broker has nothing left to delete there.
        const kafka = createKafkaAdmin(config.kafka.brokers, { timeoutMs: 3000 })
        await kafka
          .deleteTopics(pipelineTopics(config).map((t) => t.name))
          .catch(() => undefined)
          .finally(() => kafka.close().catch(() => undefined))
      }
      // Drop this file's keys and database: nothing of it outlives the file.
      await clearRedisPrefix(config.redis.url, config.redis.prefix, { reconnect: false }).catch(() => {
        // A test that stopped its own Redis has nothing left to clean there.
      })
      await database.drop()
    }
  }
}

/**
 * Lifts the per-user limits of the given route policies and the bot detector's pace check, for a
 * test whose few users send many requests on purpose (what it tests must not hide behind a 429).
 */
/**
 * One buyer request through the app: bearer token of `userId`, and with an access token also a
 * fresh Idempotency-Key. Answers the status and the JSON body.
 */
export async function buyerRequest(
  h: Harness,
  method: 'GET' | 'POST' | 'DELETE',
  url: string,
  userId: string,
  access?: string,
  payload?: object
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await h.rt.app.inject({
    method,
    url,
    headers: {
      authorization: `Bearer ${await h.userToken(userId)}`,
      ...(access ? { 'x-access-token': access, 'idempotency-key': randomBytes(8).toString('hex') } : {})
    },
    ...(payload ? { payload } : {})
  })
  return { status: res.statusCode, body: res.json() as Record<string, unknown> }
}

export async function liftUserLimits(h: Harness, policies: readonly string[]): Promise<void> {
  const res = await h.rt.app.inject({
    method: 'PUT',
    url: '/v1/admin/rate-limits',
    headers: { authorization: `Bearer ${h.adminToken}` },
    payload: {
      policies: Object.fromEntries(policies.map((p) => [p, { user: null }])),
      autoBlock: { userPerSec: 100_000 }
    }
  })
  if (res.statusCode !== 200) throw new Error(`lifting limits: ${res.statusCode} ${res.body}`)
}

/** A seated sale body: `sections` of rows x seatsPerRow. */
export function seatedSale(
  rows: number,
  seatsPerRow: number,
  extra: Record<string, unknown> = {}
): Record<string, unknown> {
  return {
    name: 'Test concert',
    kind: 'seated',
    seats: { sections: [{ name: 'A', rows, seatsPerRow, price: 5000 }] },
    perUserLimit: 2,
    holdTtlSec: 300,
    admission: { ratePerSec: 100, maxActive: 100_000, accessTtlSec: 600 },
    ...extra
  }
}

export function couponSale(quantity: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'Test coupons',
    kind: 'coupon',
    quantity,
    perUserLimit: 1,
    admission: { ratePerSec: 100, maxActive: 100_000, accessTtlSec: 600 },
    ...extra
  }
}

/**
 * One admission tick of `saleId` by a scheduler of its own (tests run without workers); answers
 * who was admitted, and throws when the tick did not run.
 */
export async function tickOnce(h: Harness, saleId: string): Promise<string[]> {
  let result: AdmissionTickResult | undefined
  const s = new AdmissionScheduler({
    room: h.rt.waitingRoom.room,
    owner: `t-${Math.random()}`,
    sales: async () => [saleId],
    onError: (err) => {
      throw err
    },
    onTick: (_sale, r) => {
      result = r
    }
  })
  await s.runOnce()
  await s.stop()
  if (result?.kind !== 'ticked') throw new Error(`tick of ${saleId}: ${result?.kind ?? 'no tick'}`)
  return result.admitted
}
