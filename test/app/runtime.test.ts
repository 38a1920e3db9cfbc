import { afterAll, beforeAll, expect, it } from 'vitest'
import { createHarness, type Harness } from '../support/harness.ts'
import { type OwnRedis, startOwnRedis } from '../support/redis-server.ts'

// Stopping a dependency is destructive: this file runs a redis-server of its own.
let redis: OwnRedis | undefined
let h: Harness | undefined

beforeAll(async () => {
  redis = await startOwnRedis()
  h = await createHarness({ REDIS_URL: redis.url })
})

afterAll(async () => {
  await redis?.kill()
  // The harness's Redis is gone: closing it cannot drop keys, only the database.
  await h?.close().catch(() => undefined)
})

it('/ready answers true with every dependency up, and false once Redis stops', async () => {
  const up = await h!.rt.internal.inject({ method: 'GET', url: '/ready' })
  expect(up.statusCode).toBe(200)
  expect(up.json()).toMatchObject({ ready: true, checks: { redis: true, postgres: true, kafka: true } })

  await redis!.kill()
  await expect
    .poll(async () => (await h!.rt.internal.inject({ method: 'GET', url: '/ready' })).statusCode, {
      timeout: 10_000
    })
    .toBe(503)
  const down = await h!.rt.internal.inject({ method: 'GET', url: '/ready' })
  expect(down.json()).toMatchObject({ ready: false, checks: { redis: false, postgres: true, kafka: true } })
})
