import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, inject, it } from 'vitest'
import {
  checkJava,
  ensureStack,
  StackError,
  type StackProgressEvent,
  stopDetachedStack
} from '../../../tools/stack/index.ts'
import { tryLock } from '../../../tools/stack/lock.ts'
import { probeRedis } from '../../../tools/stack/redis-service.ts'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..')
const stack = inject('stack')
const stackEnv = {
  ...process.env,
  REDIS_URL: stack.redisUrl,
  DATABASE_URL: stack.databaseUrl,
  KAFKA_BROKERS: stack.kafkaBrokers.join(',')
}
const scratch = mkdtempSync(join(tmpdir(), 'fc-stack-test-'))

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true })
})

/** A loopback port nobody listens on (released just before use; fine for a test). */
async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  if (address === null || typeof address === 'string') throw new Error('no port')
  return address.port
}

async function stackFailure(promise: Promise<unknown>): Promise<StackError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason
  )
  expect(error).toBeInstanceOf(StackError)
  return error as StackError
}

describe('ensureStack', () => {
  it('reuses the services that answer and starts nothing', async () => {
    const events: StackProgressEvent[] = []
    const again = await ensureStack({ root, env: stackEnv, onProgress: (event) => events.push(event) })
    expect(again.started).toEqual([])
    expect(again.redisUrl).toBe(stack.redisUrl)
    expect(again.databaseUrl).toBe(stack.databaseUrl)
    expect(again.kafkaBrokers).toEqual(stack.kafkaBrokers)
    const reused = events.filter((event) => event.phase === 'reuse').map((event) => event.service)
    expect(reused.sort()).toEqual(['kafka', 'postgres', 'redis'])
    await again.stop()
  })

  it('starts a missing Redis, lists only it as started, and stop() ends it', async () => {
    const port = await freePort()
    const redisUrl = `redis://127.0.0.1:${port}`
    const own = await ensureStack({ root: join(scratch, 'own'), env: { ...stackEnv, REDIS_URL: redisUrl } })
    try {
      expect(own.started).toEqual(['redis'])
      expect(await probeRedis(redisUrl)).toBe('up')
      expect(existsSync(join(scratch, 'own', '.data', 'redis', 'appendonlydir'))).toBe(true)
    } finally {
      await own.stop()
    }
    expect(await probeRedis(redisUrl)).toBe('down')
  })

  it('records a detached service so that stopDetachedStack stops it', async () => {
    const port = await freePort()
    const redisUrl = `redis://127.0.0.1:${port}`
    const dir = join(scratch, 'detached')
    const detached = await ensureStack({
      root: dir,
      env: { ...stackEnv, REDIS_URL: redisUrl },
      detached: true
    })
    expect(detached.started).toEqual(['redis'])
    const state = JSON.parse(readFileSync(join(dir, '.data', 'stack.json'), 'utf8'))
    expect(state.services.redis.detached).toBe(true)
    // A second call finds it answering and reuses it.
    const second = await ensureStack({ root: dir, env: { ...stackEnv, REDIS_URL: redisUrl } })
    expect(second.started).toEqual([])
    expect(await stopDetachedStack(dir)).toEqual(['redis'])
    expect(await probeRedis(redisUrl)).toBe('down')
    expect(await stopDetachedStack(dir)).toEqual([])
  })

  it('says in plain words that Java 17 is missing', async () => {
    const port = await freePort()
    const error = await stackFailure(
      ensureStack({
        root: join(scratch, 'no-java'),
        env: { ...stackEnv, KAFKA_BROKERS: `127.0.0.1:${port}`, FC_JAVA: join(scratch, 'no-such-java') }
      })
    )
    expect(error.service).toBe('kafka')
    expect(error.message).toBe('Java 17 not found: install openjdk-17-jre-headless')
  })

  it('rejects a Java older than 17', async () => {
    const fakeJava = join(scratch, 'java11')
    writeFileSync(fakeJava, '#!/bin/sh\necho \'openjdk version "11.0.22" 2024-01-16\' >&2\n')
    chmodSync(fakeJava, 0o755)
    const error = await stackFailure(checkJava({ ...process.env, FC_JAVA: fakeJava }))
    expect(error.message).toBe(
      `Java 17 not found: install openjdk-17-jre-headless (found Java 11 at ${fakeJava})`
    )
    expect(await checkJava(process.env)).toMatch(/java$/)
  })

  it('says in plain words that Maven is missing when the broker jars must be fetched', async () => {
    const port = await freePort()
    const error = await stackFailure(
      ensureStack({
        root: join(scratch, 'no-mvn'),
        env: { ...stackEnv, KAFKA_BROKERS: `127.0.0.1:${port}`, FC_MVN: join(scratch, 'no-such-mvn') }
      })
    )
    expect(error.service).toBe('kafka')
    expect(error.message).toBe('Maven not found: install maven')
  })

  it('rejects a malformed URL before touching anything', async () => {
    const error = await stackFailure(
      ensureStack({ root: join(scratch, 'bad-url'), env: { ...stackEnv, REDIS_URL: 'http://x' } })
    )
    expect(error.service).toBe('redis')
    expect(error.message).toBe('REDIS_URL must start with redis:// or rediss://: http://x')
  })
})

describe('start lock', () => {
  it('is exclusive while its holder lives and taken over when the holder is gone', () => {
    const path = join(scratch, 'test.lock')
    const first = tryLock(path)
    expect(first.held).toBe(true)
    expect(tryLock(path)).toEqual({ held: false, holderPid: process.pid })
    if (first.held) first.lock.release()
    // A lock left by a process that no longer exists (pid far above pid_max).
    writeFileSync(path, '999999999')
    const taken = tryLock(path)
    expect(taken.held).toBe(true)
    if (taken.held) taken.lock.release()
    expect(existsSync(path)).toBe(false)
  })
})
