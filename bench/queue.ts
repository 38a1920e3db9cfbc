/**
 * `npm run bench:queue`: the waiting room's two capacity numbers on this machine.
 *
 *   1. joins per second: the join script on pooled connections (what Redis sustains), and
 *      `POST /v1/events/:id/queue` against one API process (what one process sustains);
 *   2. concurrent SSE streams one API process holds while pushing a position update to each of
 *      them every tick (1 s), with that process's CPU and memory.
 *
 *   npm run bench:queue -- --joins 100000 --http-joins 20000 --sse 19000 --window 10
 *
 * The API runs as a child (`firstcome serve`) on a fresh database `fc_bench_<random>` and a random
 * Redis prefix, both removed at the end; SSE clients run in child processes of their own, each on
 * its own loopback address (127.0.0.2, .3, ...), because one process may open at most 20,000 files.
 * The window starts half a tick after a tick and spans `--window` ticks: a stream that got every
 * update counts exactly that many.
 */
import { type ChildProcess, fork } from 'node:child_process'
import os from 'node:os'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { createClient } from 'redis'
import { Agent, request } from 'undici'
import { KeyBuilder } from '../src/adapters/redis/keys.ts'
import { connectRedis } from '../src/adapters/redis/redis-client.ts'
import { ScriptRunner } from '../src/adapters/redis/scripts.ts'
import { RedisWaitingRoomStore } from '../src/adapters/redis/waiting-room-store.ts'
import { loadConfig } from '../src/config/index.ts'
import { signDevToken } from '../src/http/auth.ts'
import {
  clearRedisPrefix,
  createDatabase,
  isolatedServe,
  spawnFirstcome,
  stopChild,
  waitListening
} from '../tools/sut.ts'
import type { StartMessage, WindowReport } from './child/sse-clients.ts'
import { procStats } from './lib/proc.ts'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const CLIENT = fileURLToPath(new URL('./child/sse-clients.ts', import.meta.url))
const PER_CLIENT_PROCESS = 5000

const { values } = parseArgs({
  options: {
    joins: { type: 'string', default: '100000' },
    'http-joins': { type: 'string', default: '20000' },
    sse: { type: 'string', default: '19000' },
    window: { type: 'string', default: '10' }
  }
})
const JOINS = Number(values.joins)
const HTTP_JOINS = Number(values['http-joins'])
const SSE = Number(values.sse)
const WINDOW_SEC = Number(values.window)

function say(line: string): void {
  process.stdout.write(`${line}\n`)
}

async function main(): Promise<void> {
  const { serverUrl, dbName, prefix, env } = isolatedServe({ FC_ADMISSION_TICK_MS: '1000' })
  const config = loadConfig(env)
  const database = await createDatabase(serverUrl, dbName, { keepAdmin: true })
  let server: ChildProcess | undefined
  const clients: ChildProcess[] = []
  const redis = await connectRedis(config.redis.url, 'bench-queue')
  try {
    server = spawnFirstcome(ROOT, ['serve'], { env })
    const child = server
    const url = await waitListening(server)
    const adminToken = await signDevToken(config, 'bench-admin', 'admin')
    const dispatcher = new Agent({ connections: 128, pipelining: 1 })
    const call = async (method: 'POST' | 'PATCH', path: string, token: string, body?: unknown) => {
      const res = await request(`${url}${path}`, {
        method,
        dispatcher,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body === undefined ? '' : JSON.stringify(body)
      })
      const text = await res.body.text()
      if (res.statusCode >= 300) throw new Error(`${method} ${path}: ${res.statusCode} ${text}`)
      return JSON.parse(text) as Record<string, unknown>
    }
    const sale = await call('POST', '/v1/admin/events', adminToken, {
      name: 'Queue bench',
      kind: 'coupon',
      quantity: 1000,
      perUserLimit: 1,
      admission: { ratePerSec: 1, maxActive: 1, accessTtlSec: 600 }
    })
    const saleId = String(sale.id)
    // Paused: the positions move only by the ticks, and every stream stays open for the window.
    await call('PATCH', `/v1/admin/events/${saleId}/admission`, adminToken, { paused: true })

    // 1a. Joins on pooled connections, through the join script.
    const store = new RedisWaitingRoomStore(redis, new ScriptRunner(redis), new KeyBuilder(prefix))
    let t0 = performance.now()
    for (let i = 0; i < JOINS; i += 5000) {
      await Promise.all(
        Array.from({ length: Math.min(5000, JOINS - i) }, (_, j) => store.join(saleId, `u${i + j}`, 0))
      )
    }
    const storeJoinsPerSec = Math.round(JOINS / ((performance.now() - t0) / 1000))
    say(
      `joins (join script, pooled): ${JOINS} in ${((performance.now() - t0) / 1000).toFixed(2)} s = ${storeJoinsPerSec}/s`
    )

    // 1b. Joins over HTTP against one API process (new users, one bearer token each).
    const tokens = await Promise.all(
      Array.from({ length: HTTP_JOINS }, (_, i) => signDevToken(config, `h${i}`))
    )
    const cpu0 = await procStats(child.pid!)
    t0 = performance.now()
    let next = 0
    await Promise.all(
      Array.from({ length: 128 }, async () => {
        while (next < HTTP_JOINS) {
          const i = next++
          await call('POST', `/v1/events/${saleId}/queue`, tokens[i]!)
        }
      })
    )
    const httpSec = (performance.now() - t0) / 1000
    const cpu1 = await procStats(child.pid!)
    const httpJoinsPerSec = Math.round(HTTP_JOINS / httpSec)
    say(
      `joins (HTTP, one API process): ${HTTP_JOINS} in ${httpSec.toFixed(2)} s = ${httpJoinsPerSec}/s; ` +
        `server ${((cpu1.cpuSec - cpu0.cpuSec) / httpSec).toFixed(2)} cores`
    )
    await dispatcher.close()

    // 2. SSE streams held by the same API process.
    const idle = await procStats(child.pid!)
    const procs = Math.ceil(SSE / PER_CLIENT_PROCESS)
    const base = new URL(url)
    const channel = new KeyBuilder(prefix).queueChannel(saleId)
    const connected = await Promise.all(
      Array.from({ length: procs }, (_, k) => {
        const c = fork(CLIENT, [], { execArgv: ['--import', 'tsx'], env })
        clients.push(c)
        const from = k * PER_CLIENT_PROCESS
        const start: StartMessage = {
          type: 'start',
          host: base.hostname,
          port: Number(base.port),
          saleId,
          userPrefix: 'u',
          from,
          count: Math.min(PER_CLIENT_PROCESS, SSE - from),
          localAddress: `127.0.0.${k + 2}`,
          inFlight: 64,
          sampleEvery: 100,
          batchMs: 0,
          auth: 'bearer',
          feed: { redisUrl: config.redis.url, channel }
        }
        return new Promise<{ connected: number; failed: number }>((resolve) => {
          c.on('message', (m: { type: string; connected: number; failed: number }) => {
            if (m.type === 'connected') resolve(m)
          })
          c.send(start)
        })
      })
    )
    const open = connected.reduce((n, c) => n + c.connected, 0)
    const failed = connected.reduce((n, c) => n + c.failed, 0)
    say(`SSE streams open: ${open} (failed ${failed})`)
    // The window starts half a tick after a tick, so each stream should count WINDOW_SEC events.
    const feed = createClient({ url: config.redis.url })
    feed.on('error', () => {})
    await feed.connect()
    let ticks = 0
    await feed.subscribe(channel, () => {
      ticks++
    })
    const afterTick = async () => {
      const n = ticks
      while (ticks === n) await new Promise((r) => setTimeout(r, 10))
      await new Promise((r) => setTimeout(r, 500))
    }
    await afterTick()
    const ticks0 = ticks
    for (const c of clients) c.send({ type: 'window', phase: 'start' })
    const t1 = performance.now()
    const s0 = await procStats(child.pid!)
    while (ticks - ticks0 < WINDOW_SEC) await new Promise((r) => setTimeout(r, 10))
    await new Promise((r) => setTimeout(r, 500))
    const windowTicks = ticks - ticks0
    const reports = Promise.all(
      clients.map(
        (c) =>
          new Promise<WindowReport>((resolve) => {
            c.on('message', (m: WindowReport) => {
              if (m.type === 'report') resolve(m)
            })
          })
      )
    )
    for (const c of clients) c.send({ type: 'window', phase: 'end' })
    const s1 = await procStats(child.pid!)
    const windowSec = (performance.now() - t1) / 1000
    await feed.quit()
    const perStream = new Map<number, number>()
    for (const r of await reports)
      for (const [k, v] of r.eventsPerStream) perStream.set(k, (perStream.get(k) ?? 0) + v)
    const held = [...perStream.values()].reduce((a, b) => a + b, 0)
    const minEvents = Math.min(...perStream.keys())
    const avgEvents = [...perStream].reduce((a, [k, v]) => a + k * v, 0) / held
    const missed = [...perStream].filter(([k]) => k < windowTicks).reduce((a, [, v]) => a + v, 0)
    const cores = (s1.cpuSec - s0.cpuSec) / windowSec
    say(
      `over ${windowTicks} ticks: updates per stream min ${minEvents}, mean ${avgEvents.toFixed(2)}, ` +
        `${missed} of ${held} streams missed one or more; server ${cores.toFixed(3)} cores, ` +
        `RSS ${s1.rssMb.toFixed(0)} MB (idle before streams ${idle.rssMb.toFixed(0)} MB)`
    )
    const per10k = {
      cores: (cores / open) * 10_000,
      rssMb: ((s1.rssMb - idle.rssMb) / open) * 10_000
    }
    say(`per 10k streams: ${per10k.cores.toFixed(3)} cores, ${per10k.rssMb.toFixed(0)} MB`)
    say(
      JSON.stringify({
        date: new Date().toISOString(),
        machine: `${os.cpus().length} x ${os.cpus()[0]?.model ?? '?'}, ${Math.round(os.totalmem() / 2 ** 30)} GB, node ${process.version}`,
        storeJoinsPerSec,
        httpJoinsPerSec,
        sse: { open, failed, windowTicks, minEvents, avgEvents, missed, cores, rssMb: s1.rssMb, per10k }
      })
    )
  } finally {
    for (const c of clients) c.kill('SIGKILL')
    await stopChild(server, 15_000)
    redis.destroy()
    await clearRedisPrefix(config.redis.url, prefix)
    await database.drop()
  }
}

await main()
