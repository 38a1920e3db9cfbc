/**
 * The system under test of `firstcome bench`: either API processes of the run's own (`firstcome
 * serve` in a child process, against the local stack, with a database, Redis prefix and Kafka
 * topic prefix of their own, all removed at the end), or an already running server (`--target`).
 */
import type { ChildProcess } from 'node:child_process'
import { request } from 'undici'
import { createKafkaAdmin } from '../../src/adapters/kafka/index.ts'
import { pipelineTopics } from '../../src/adapters/kafka/topics.ts'
import { loadConfig } from '../../src/config/index.ts'
import { signDevToken } from '../../src/http/auth.ts'
import { freePorts } from '../../tools/stack/cluster-ports.ts'
import { ensureStack } from '../../tools/stack/index.ts'
import {
  childPids,
  clearRedisPrefix,
  createDatabase,
  databaseUrlFor,
  randomTag,
  spawnFirstcome,
  stopChild,
  waitReady
} from '../../tools/sut.ts'
import { assertLoopback } from '../protocol.ts'

export interface SutOptions {
  root: string
  /** An already running server; only loopback addresses are accepted. */
  target?: string
  adminToken?: string
  apiProcesses: number
  say: (line: string) => void
  /** Extra environment of the API processes (payment latency, queue grace...). */
  env?: Record<string, string>
}

export interface Sut {
  base: string
  adminToken: string
  /** The secret the buyers' tokens are signed with, when known (own server); else dev tokens. */
  jwtSecret?: string
  /** Own server only: direct access for the invariant check, INFO and the reconciler. */
  own?: {
    env: Record<string, string>
    databaseUrl: string
    redisUrl: string
    prefix: string
    pids: () => Promise<number[]>
  }
  stop(): Promise<void>
}

/** Only 127.0.0.0/8 may be loaded by a benchmark. */
export function assertLocalTarget(url: string): void {
  const host = new URL(url).hostname
  if (!/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) && host !== 'localhost')
    throw new Error(`--target must be a 127.0.0.0/8 address, not ${host}`)
}

export async function adminCall(
  sut: Pick<Sut, 'base' | 'adminToken'>,
  method: 'GET' | 'POST' | 'PATCH',
  path: string,
  body?: unknown
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await request(`${sut.base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${sut.adminToken}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {})
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    headersTimeout: 30_000,
    bodyTimeout: 30_000
  })
  const text = await res.body.text()
  return { status: res.statusCode, body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>) }
}

async function startTarget(o: SutOptions, target: string): Promise<Sut> {
  assertLocalTarget(target)
  const base = target.replace(/\/$/, '')
  let adminToken = o.adminToken ?? ''
  if (adminToken === '') {
    // Only a server with FC_DEV_AUTH mints tokens; without one (and no --admin-token) there is no admin.
    const res = await request(`${base}/v1/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 'bench-admin', role: 'admin' })
    })
    const body = (await res.body.json()) as { token?: string }
    if (res.statusCode !== 200 || !body.token)
      throw new Error('--target needs --admin-token, or a server with FC_DEV_AUTH=1 (POST /v1/dev/token)')
    adminToken = body.token
  }
  const secret = process.env.FC_JWT_SECRET
  return { base, adminToken, ...(secret ? { jwtSecret: secret } : {}), stop: async () => {} }
}

async function startOwn(o: SutOptions): Promise<Sut> {
  const stack = await ensureStack({
    root: o.root,
    env: process.env,
    detached: true,
    onProgress: ({ service, phase, message }) => {
      if (phase !== 'check' && phase !== 'reuse')
        o.say(`  ${service.padEnd(8)} ${phase.padEnd(7)} ${message}`)
    }
  })
  assertLoopback(stack.databaseUrl, 'DATABASE_URL')
  assertLoopback(stack.redisUrl, 'REDIS_URL')
  const tag = randomTag()
  const dbName = `fc_bench_${tag}`
  const prefix = `bench${tag}`
  const dbUrl = databaseUrlFor(stack.databaseUrl, dbName)
  const secret = randomTag(32)
  const [port, internalPort] = await freePorts(2)
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    NODE_ENV: 'development',
    REDIS_URL: stack.redisUrl,
    DATABASE_URL: dbUrl,
    KAFKA_BROKERS: stack.kafkaBrokers.join(','),
    FC_REDIS_PREFIX: prefix,
    FC_KAFKA_TOPIC_PREFIX: `fcbench-${tag}`,
    FC_KAFKA_PARTITIONS: '3',
    FC_JWT_SECRET: secret,
    FC_DEV_AUTH: '1',
    FC_LOG_LEVEL: 'error',
    FC_WORKERS: '1',
    FC_ADMISSION_TICK_MS: '250',
    // Abandoners are skipped at admission once silent this long (the minimum allowed).
    FC_QUEUE_GRACE_SEC: '5',
    // With several API processes, each accepts its own connections from the shared socket. In the
    // default round-robin mode the cluster primary accepts every connection and hands it over; with
    // tens of thousands of streams opening on a busy box it ran out of its 20,000 files first.
    NODE_CLUSTER_SCHED_POLICY: 'none',
    PORT: String(port),
    HOST: '127.0.0.1',
    // Readiness and metrics: a port of its own, never the default one a running `npm start` owns.
    FC_INTERNAL_PORT: String(internalPort),
    ...o.env
  }
  const database = await createDatabase(stack.databaseUrl, dbName, { keepAdmin: true })
  const config = loadConfig(env)
  let server: ChildProcess | undefined
  const cleanup = async () => {
    await stopChild(server, 15_000)
    // Bounded: at most 10,000 SCAN pages.
    await clearRedisPrefix(stack.redisUrl, prefix, { maxPages: 10_000 })
    const kafka = createKafkaAdmin(stack.kafkaBrokers)
    await kafka.deleteTopics(pipelineTopics(config).map((t) => t.name)).catch(() => undefined)
    await kafka.close().catch(() => undefined)
    await database.drop().catch(() => undefined)
  }
  try {
    server = spawnFirstcome(o.root, ['serve', '--processes', String(o.apiProcesses)], { env })
    let stderr = ''
    server.stderr?.setEncoding('utf8')
    server.stderr?.on('data', (c: string) => {
      stderr = (stderr + c).slice(-4000)
      // FC_BENCH_SERVER_LOG=1 shows the server's own log lines (errors by default) as they come.
      if (process.env.FC_BENCH_SERVER_LOG === '1') process.stderr.write(c)
    })
    const base = `http://127.0.0.1:${port}`
    await waitReady(`http://127.0.0.1:${internalPort}/ready`, {
      child: server,
      timeoutMs: 120_000,
      output: () => stderr
    })
    const child = server
    return {
      base,
      adminToken: await signDevToken(config, 'bench-admin', 'admin'),
      jwtSecret: secret,
      own: {
        env,
        databaseUrl: dbUrl,
        redisUrl: stack.redisUrl,
        prefix,
        pids: async () => {
          const pid = child.pid
          if (pid === undefined) return []
          return o.apiProcesses > 1 ? childPids(pid) : [pid]
        }
      },
      stop: cleanup
    }
  } catch (err) {
    await cleanup()
    throw err
  }
}

export function startSut(o: SutOptions): Promise<Sut> {
  return o.target ? startTarget(o, o.target) : startOwn(o)
}
