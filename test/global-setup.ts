/**
 * Vitest global setup: makes the local stack answer before any test runs, starting what is
 * missing under .data/ (detached on purpose: the next run reuses it; `firstcome down` stops it),
 * then hands the addresses to the test workers through process.env and `inject('stack')`.
 */
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { TestProject } from 'vitest/node'
import { ensureStack } from '../tools/stack/index.ts'

/** Addresses of the stack the tests run against. */
export interface TestStack {
  redisUrl: string
  databaseUrl: string
  kafkaBrokers: string[]
}

declare module 'vitest' {
  export interface ProvidedContext {
    stack: TestStack
  }
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

export default async function setup(project: TestProject): Promise<void> {
  const startedAt = Date.now()
  const stack = await ensureStack({
    root,
    env: process.env,
    detached: true,
    onProgress: ({ service, phase, message }) => {
      // Reuse is the common case and not worth a line per run.
      if (phase === 'check' || phase === 'reuse') return
      process.stderr.write(`[stack] ${service} ${phase}: ${message}\n`)
    }
  })
  if (stack.started.length > 0) {
    process.stderr.write(
      `[stack] started ${stack.started.join(', ')} in ${((Date.now() - startedAt) / 1000).toFixed(1)}s; ` +
        'left running for later test runs (stop with `firstcome down`)\n'
    )
  }
  // Workers are forked after global setup and inherit this environment.
  process.env.REDIS_URL = stack.redisUrl
  process.env.DATABASE_URL = stack.databaseUrl
  process.env.KAFKA_BROKERS = stack.kafkaBrokers.join(',')
  project.provide('stack', {
    redisUrl: stack.redisUrl,
    databaseUrl: stack.databaseUrl,
    kafkaBrokers: stack.kafkaBrokers
  })
}
