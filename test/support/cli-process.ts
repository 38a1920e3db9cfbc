/**
 * The `firstcome` command as a child process of a test, started the way the product and operators
 * start it (the test's own Node, bin/firstcome.mjs), on a harness's database, Redis key prefix,
 * token secrets and Kafka topics and consumer groups of its own: a server on the shared default
 * prefix would join the consumer groups of every other such process on the broker and take their
 * messages. It is stopped when the test ends, also when the test timed out.
 */
import type { ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { onTestFinished } from 'vitest'
import { spawnFirstcome as spawnFirstcomeChild } from '../../tools/sut.ts'
import type { Harness } from './harness.ts'

const root = join(import.meta.dirname, '..', '..')

/** A running `firstcome` child. */
export interface CliProcess {
  child: ChildProcess
  /** Everything it wrote to stderr so far. */
  output(): string
  /** Resolves with the first match of `pattern` in its stderr; rejects if it exits first. */
  waitFor(pattern: RegExp): Promise<RegExpExecArray>
}

/**
 * Starts `firstcome <args>` inside a test with exactly `env` (the caller passes every variable that
 * isolates it: `NODE_ENV: 'test'`, database, Redis prefix, Kafka topic prefix, internal port). The
 * child is stopped when the test ends, also when the test timed out.
 */
export function spawnFirstcome(args: readonly string[], env: Record<string, string | undefined>): CliProcess {
  const child = spawnFirstcomeChild(root, args, { env })
  onTestFinished(async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
    await exited
    clearTimeout(timer)
  })
  let text = ''
  child.stderr?.setEncoding('utf8')
  child.stderr?.on('data', (chunk: string) => {
    text += chunk
  })
  return {
    child,
    output: () => text,
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const m = pattern.exec(text)
          if (!m) return false
          child.stderr?.off('data', check)
          child.off('exit', exited)
          resolve(m)
          return true
        }
        const exited = (code: number | null) =>
          reject(new Error(`firstcome ${args.join(' ')} exited with ${code}: ${text}`))
        if (check()) return
        child.stderr?.on('data', check)
        child.once('exit', exited)
      })
  }
}

/**
 * Starts `firstcome <args>` (inside a test) on the harness's database, Redis key prefix, Kafka topic
 * prefix (its own consumer groups) and secrets, with no internal listener; `env` adds to (or
 * overrides) these settings.
 */
export function spawnCli(h: Harness, args: readonly string[], env: Record<string, string> = {}): CliProcess {
  return spawnFirstcome(args, {
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: h.config.postgres.url,
    REDIS_URL: h.config.redis.url,
    KAFKA_BROKERS: h.config.kafka.brokers.join(','),
    FC_REDIS_PREFIX: h.config.redis.prefix,
    FC_KAFKA_TOPIC_PREFIX: h.config.kafka.topicPrefix,
    FC_KAFKA_PARTITIONS: String(h.config.kafka.partitions),
    FC_JWT_SECRET: h.config.auth.jwtSecret,
    FC_TOKEN_SECRET: h.config.tokens.secret,
    FC_INTERNAL_PORT: 'off',
    FC_LOG_LEVEL: 'error',
    PORT: '0',
    HOST: '127.0.0.1',
    ...env
  })
}
