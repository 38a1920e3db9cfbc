/**
 * Tests never share anything with a running stack. `npm test` on a fresh clone failed two browser
 * tests while `npm start` ran beside it: the web harness ran the Kafka pipeline on the default
 * topic prefix and consumer group names, so the running service's consumers took half of the
 * test's bookings. Every harness now gets random Redis and topic prefixes (and so consumer groups)
 * and a database of its own, and the test profile refuses the defaults outright: a harness that
 * forgets one fails here, and at its first start, instead of flaking beside `npm start`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { createRuntime } from '../../src/app/runtime.ts'
import { ConfigError, loadConfig, settings } from '../../src/config/index.ts'
import { buildInternal, listenInternal } from '../../src/http/internal.ts'
import { createHarness, type Harness } from '../support/harness.ts'
import { pipelineEnv } from '../support/pipeline.ts'
import { TEST_JWT_SECRET, TEST_TOKEN_SECRET } from '../support/secrets.ts'

const testRoot = join(dirname(fileURLToPath(import.meta.url)), '..')
const harnesses: Harness[] = []
afterAll(async () => {
  await Promise.all(harnesses.map((h) => h.close()))
})

describe('the test profile', () => {
  it('refuses a runtime on the default Redis or Kafka prefix, before connecting to anything', async () => {
    for (const [variable, env] of [
      ['FC_REDIS_PREFIX', { FC_KAFKA_TOPIC_PREFIX: 'isolated-topics' }],
      ['FC_KAFKA_TOPIC_PREFIX', { FC_REDIS_PREFIX: 'isolated' }]
    ] as const) {
      // Unreachable services: the refusal must come first.
      const config = loadConfig({
        NODE_ENV: 'test',
        FC_JWT_SECRET: TEST_JWT_SECRET,
        FC_TOKEN_SECRET: TEST_TOKEN_SECRET,
        REDIS_URL: 'redis://127.0.0.1:1',
        DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none',
        KAFKA_BROKERS: '127.0.0.1:1',
        ...env
      })
      const refusal = await createRuntime(config, { logger: false }).then(
        () => undefined,
        (err: unknown) => err
      )
      expect(refusal, variable).toBeInstanceOf(ConfigError)
      expect((refusal as ConfigError).problems.map((p) => p.variable)).toEqual([variable])
    }
  })

  it('refuses the internal listener on its default port (a running stack owns it)', async () => {
    const config = loadConfig({
      NODE_ENV: 'test',
      FC_JWT_SECRET: TEST_JWT_SECRET,
      FC_TOKEN_SECRET: TEST_TOKEN_SECRET
    })
    expect(config.internal.port).toBe(Number(settings.FC_INTERNAL_PORT.default))
    const app = await buildInternal({
      config,
      logger: false,
      readiness: async () => ({ ready: true }),
      metrics: { contentType: 'text/plain', text: async () => '' }
    })
    try {
      await expect(listenInternal(app, config)).rejects.toThrow(/FC_INTERNAL_PORT/)
      expect(app.server.listening).toBe(false)
    } finally {
      await app.close()
    }
  })
})

describe('every harness', () => {
  it('gets a database, a Redis prefix, Kafka topics and consumer groups of its own, none of them the default', async () => {
    const a = await createHarness({}, { kafka: false })
    harnesses.push(a)
    const b = await createHarness(pipelineEnv(), { kafka: false })
    harnesses.push(b)
    for (const h of [a, b]) {
      expect(h.config.redis.prefix).not.toBe(settings.FC_REDIS_PREFIX.default)
      expect(h.config.kafka.topicPrefix).not.toBe(settings.FC_KAFKA_TOPIC_PREFIX.default)
      expect(h.config.internal.port === 0 || h.config.internal.port === null).toBe(true)
      expect(new URL(h.config.postgres.url).pathname).not.toBe(
        new URL(settings.DATABASE_URL.default).pathname
      )
    }
    expect(a.config.redis.prefix).not.toBe(b.config.redis.prefix)
    expect(a.config.kafka.topicPrefix).not.toBe(b.config.kafka.topicPrefix)
    expect(a.config.postgres.url).not.toBe(b.config.postgres.url)
  })

  it('every test that starts `firstcome` as a process runs it in the test profile, where the defaults are refused', () => {
    const files: string[] = []
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name)
        if (statSync(path).isDirectory()) walk(path)
        else if (name.endsWith('.ts') && path !== fileURLToPath(import.meta.url)) files.push(path)
      }
    }
    walk(testRoot)
    const spawning = files.filter((f) => /firstcome\.mjs|spawnFirstcome\(/.test(readFileSync(f, 'utf8')))
    expect(spawning.length).toBeGreaterThan(0)
    for (const f of spawning) {
      if (relative(testRoot, f) === join('support', 'cli-process.ts')) continue
      expect(readFileSync(f, 'utf8'), relative(testRoot, f)).toMatch(/NODE_ENV: 'test'/)
    }
  })
})
