/**
 * Many concurrent waiting-room streams across API processes, held for a window in which every
 * stream must receive every tick's position update.
 *
 *   npx tsx bench/sse-fleet.ts --streams 100000 --processes 6 --children 6 --hold 60 [--tick-ms 1000]
 *
 * It runs its own `firstcome serve --processes N` (node:cluster, one port) on a fresh database
 * `fc_bench_<random>` and Redis prefix (both removed at the end), creates a sale and pauses its
 * admission so every buyer stays waiting (the scheduler still ticks every second and every stream
 * still gets its position each tick), joins the buyers through the join script, and opens the
 * streams from `bench/child/sse-clients.ts` children, child k sending from 127.0.0.(k+2) so no address
 * runs out of ports and no process passes the 20,000-file limit.
 *
 * The hold window starts half a tick after a tick the parent saw on the sale's feed and lasts
 * `--hold` ticks, so each stream open throughout must count exactly that many position events. It
 * reports streams open at the start and end (by the clients and by `ss`), the per-stream event
 * counts, the longest silence per stream, the delay from each tick to each update, and CPU and RSS
 * of the API processes, the clients, Redis and the whole machine over the window.
 */
import { type ChildProcess, execFile, fork } from 'node:child_process'
import { createWriteStream } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import os, { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs, promisify } from 'node:util'
import { createClient } from 'redis'
import { KeyBuilder } from '../src/adapters/redis/keys.ts'
import { connectRedis } from '../src/adapters/redis/redis-client.ts'
import { ScriptRunner } from '../src/adapters/redis/scripts.ts'
import { RedisWaitingRoomStore } from '../src/adapters/redis/waiting-room-store.ts'
import { loadConfig } from '../src/config/index.ts'
import { signDevToken } from '../src/http/auth.ts'
import { clearRedisPrefix, createDatabase, isolatedServe, spawnFirstcome, stopChild } from '../tools/sut.ts'
import type { Histogram, StartMessage, WindowReport } from './child/sse-clients.ts'
import { procStats } from './lib/proc.ts'

const ROOT = fileURLToPath(new URL('../', import.meta.url))
const CLIENT = fileURLToPath(new URL('./child/sse-clients.ts', import.meta.url))
const { values } = parseArgs({
  options: {
    streams: { type: 'string', default: '100000' },
    children: { type: 'string', default: '6' },
    processes: { type: 'string', default: '6' },
    hold: { type: 'string', default: '60' },
    // The admission tick: every stream gets one position update per tick.
    'tick-ms': { type: 'string', default: '1000' },
    port: { type: 'string', default: '3917' },
    'in-flight': { type: 'string', default: '64' },
    'sample-every': { type: 'string', default: '100' },
    'batch-ms': { type: 'string', default: '20' },
    'api-workers': { type: 'string', default: '1' },
    auth: { type: 'string', default: 'queue-token' },
    // A directory: the API processes write V8 CPU profiles there when they exit.
    'cpu-prof': { type: 'string' }
  }
})
const STREAMS = Number(values.streams)
const CHILDREN = Number(values.children)
const PROCESSES = Number(values.processes)
const HOLD = Number(values.hold)
const PORT = Number(values.port)
const say = (s: string) => process.stdout.write(`${s}\n`)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const run = promisify(execFile)

/** Busy and total jiffies of the whole machine. */
async function machineCpu(): Promise<{ busy: number; total: number }> {
  const line = (await readFile('/proc/stat', 'utf8')).split('\n')[0] ?? ''
  const v = line.trim().split(/\s+/).slice(1).map(Number)
  const total = v.reduce((a, b) => a + b, 0)
  const idle = (v[3] ?? 0) + (v[4] ?? 0)
  return { busy: total - idle, total }
}

/**
 * The client ends of the streams as the kernel sees them (`ss -tin`, established, to the API port):
 * how many there are, and how many received a segment since `tickAt`, the last tick the parent saw
 * (`lastrcv` is the time since the socket last received data, whether the client read it or not).
 */
async function kernelView(
  tickAt: number
): Promise<{ established: number; fresh: number; stale: number; ssMs: number }> {
  const started = Date.now()
  const { stdout } = await run('ss', ['-Htin', 'state', 'established', `( dport = :${PORT} )`], {
    maxBuffer: 1024 * 1024 * 1024
  })
  const ended = Date.now()
  // Milliseconds since the tick, plus the clock's granularity (lastrcv counts in jiffies).
  const sinceTick = ended - tickAt + 10
  let established = 0
  let fresh = 0
  let client = false
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('\t')) {
      // The socket's line: clients send from 127.0.0.2 and up (127.0.0.1 is this process's own).
      // Columns (no state column when filtering by state): Recv-Q, Send-Q, local, peer.
      client = !(line.trim().split(/\s+/)[2] ?? '').startsWith('127.0.0.1:')
      continue
    }
    if (!client) continue
    established++
    const m = /lastrcv:(\d+)/.exec(line)
    // ss leaves lastrcv out when it is 0.
    if (Number(m?.[1] ?? 0) <= sinceTick) fresh++
  }
  return { established, fresh, stale: established - fresh, ssMs: ended - started }
}

async function fds(pid: number): Promise<number> {
  return (await readdir(`/proc/${pid}/fd`).catch(() => [])).length
}

function merge(into: Map<number, number>, h: Histogram): void {
  for (const [k, v] of h) into.set(k, (into.get(k) ?? 0) + v)
}

function percentile(h: Map<number, number>, p: number): number {
  const keys = [...h.keys()].sort((a, b) => a - b)
  const total = [...h.values()].reduce((a, b) => a + b, 0)
  let seen = 0
  for (const k of keys) {
    seen += h.get(k) ?? 0
    if (seen >= total * p) return k
  }
  return keys.at(-1) ?? 0
}

async function main(): Promise<void> {
  const { serverUrl, dbName, prefix, env } = isolatedServe({
    // 1: every API process also runs the workers (scheduler, consumers, sweepers); 0: API
    // processes only, and one `firstcome worker` process runs them.
    FC_WORKERS: values['api-workers'] === '0' ? '0' : '1',
    FC_ADMISSION_TICK_MS: String(Number(values['tick-ms'])),
    PORT: String(PORT)
  })
  const config = loadConfig(env)
  const database = await createDatabase(serverUrl, dbName, { keepAdmin: true })
  say(`db ${dbName}, Redis prefix ${prefix}`)
  const kids: ChildProcess[] = []
  let server: ChildProcess | undefined
  // Everything the API processes print (errors only, FC_LOG_LEVEL=error), for after the run.
  const serverLogPath = join(tmpdir(), `${dbName}-server.log`)
  const serverLog = createWriteStream(serverLogPath)
  let worker: ChildProcess | undefined
  const redis = await connectRedis(config.redis.url, 'bench-sse-fleet')
  const feed = createClient({ url: config.redis.url })
  feed.on('error', () => {})
  try {
    const m = spawnFirstcome(ROOT, ['migrate'], { env, stdio: 'inherit' })
    await new Promise((r) => m.once('exit', r))
    const prof = values['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${values['cpu-prof']}`] : []
    server = spawnFirstcome(ROOT, ['serve', '--processes', String(PROCESSES)], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      nodeArgs: prof
    })
    const srv = server
    const pids = await new Promise<number[]>((resolve, reject) => {
      let text = ''
      const on = (c: Buffer) => {
        text += c.toString()
        const mm = /listening \(pids ([\d, ]+)\)/.exec(text)
        if (mm?.[1]) resolve(mm[1].split(',').map((s) => Number(s.trim())))
        else if (PROCESSES === 1 && /firstcome listening on/.test(text) && srv.pid) resolve([srv.pid])
      }
      srv.stdout?.on('data', on)
      srv.stderr?.on('data', on)
      srv.stdout?.pipe(serverLog)
      srv.stderr?.pipe(serverLog)
      srv.on('exit', (code) => reject(new Error(`server exited ${code}: ${text}`)))
      setTimeout(() => reject(new Error(`server start timeout: ${text}`)), 120_000)
    })
    say(`API pids ${pids.join(',')}`)
    if (values['api-workers'] === '0') {
      worker = spawnFirstcome(ROOT, ['worker'], {
        env: { ...env, FC_WORKERS: '1' },
        stdio: ['ignore', 'pipe', 'pipe']
      })
      const w = worker
      w.stdout?.pipe(serverLog)
      await new Promise<void>((resolve, reject) => {
        w.stderr?.on('data', (c: Buffer) => {
          serverLog.write(c)
          if (c.toString().includes('worker running')) resolve()
        })
        w.on('exit', (code) => reject(new Error(`worker exited ${code}`)))
      })
      say(`worker pid ${w.pid}`)
    }
    const base = `http://127.0.0.1:${PORT}`
    const adminToken = await signDevToken(config, 'sse-admin', 'admin')
    const call = async (method: string, path: string, body: unknown) => {
      const res = await fetch(new URL(path, base), {
        method,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
        body: JSON.stringify(body)
      })
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`)
      return (await res.json()) as Record<string, unknown>
    }
    const sale = await call('POST', '/v1/admin/events', {
      name: 'SSE fleet',
      kind: 'coupon',
      quantity: 1,
      perUserLimit: 1,
      admission: { ratePerSec: 1, maxActive: 1, accessTtlSec: 60 }
    })
    const saleId = String(sale.id)
    // Paused: nobody is admitted, the scheduler still ticks and every stream still gets each tick.
    await call('PATCH', `/v1/admin/events/${saleId}/admission`, { paused: true })

    // The buyers join through the join script (what is measured here is holding their streams).
    const store = new RedisWaitingRoomStore(redis, new ScriptRunner(redis), new KeyBuilder(prefix))
    let t0 = Date.now()
    const tickets = new Array<number>(STREAMS)
    for (let i = 0; i < STREAMS; i += 5000) {
      await Promise.all(
        Array.from({ length: Math.min(5000, STREAMS - i) }, async (_, j) => {
          tickets[i + j] = (await store.join(saleId, `f${i + j}`, 0)).ticket
        })
      )
    }
    say(`${STREAMS} buyers joined in ${((Date.now() - t0) / 1000).toFixed(1)} s`)

    // The parent watches the ticks on the sale's feed to place the window between two of them.
    const channel = new KeyBuilder(prefix).queueChannel(saleId)
    const ticks: number[] = []
    await feed.connect()
    await feed.subscribe(channel, () => ticks.push(Date.now()))

    // The API processes with no stream open, over 5 s (after 10 s for their start-up to settle).
    await sleep(10_000)
    const idle0 = await Promise.all(pids.map(procStats))
    await sleep(5000)
    const idle = await Promise.all(pids.map(procStats))
    const idleCores = idle.reduce((a, x, i) => a + x.cpuSec - (idle0[i]?.cpuSec ?? 0), 0) / 5
    say(
      `API processes idle: ${idleCores.toFixed(3)} cores, RSS ${Math.round(idle.reduce((a, x) => a + x.rssMb, 0))} MB`
    )
    t0 = Date.now()
    const per = Math.ceil(STREAMS / CHILDREN)
    const progress = new Array<{ open: number; failed: number }>(CHILDREN)
    // Not awaited here: the progress line below prints every 10 s while the streams open.
    const connected = Promise.all(
      Array.from({ length: CHILDREN }, (_, k) => {
        const c = fork(CLIENT, [], { execArgv: ['--import', 'tsx'], env })
        kids.push(c)
        const from = k * per
        const start: StartMessage = {
          type: 'start',
          host: '127.0.0.1',
          port: PORT,
          saleId,
          userPrefix: 'f',
          from,
          count: Math.max(0, Math.min(per, STREAMS - from)),
          localAddress: `127.0.0.${k + 2}`,
          inFlight: Number(values['in-flight']),
          sampleEvery: Number(values['sample-every']),
          batchMs: Number(values['batch-ms']),
          auth: values.auth === 'bearer' ? 'bearer' : 'queue-token',
          tickets: tickets.slice(from, from + per),
          feed: { redisUrl: config.redis.url, channel }
        }
        return new Promise<{ connected: number; failed: number; lastErr: string }>((resolve) => {
          c.on(
            'message',
            (msg: { type: string; open: number; failed: number; connected: number; lastErr: string }) => {
              if (msg.type === 'progress') progress[k] = msg
              if (msg.type === 'connected') {
                progress[k] = { open: msg.connected, failed: msg.failed }
                resolve(msg)
              }
            }
          )
          c.send(start)
        })
      })
    )
    const timer = setInterval(async () => {
      const open = progress.reduce((n, p) => n + (p?.open ?? 0), 0)
      const failed = progress.reduce((n, p) => n + (p?.failed ?? 0), 0)
      say(`  t=${((Date.now() - t0) / 1000).toFixed(0)}s open ${open} failed ${failed}`)
    }, 10_000)
    const all = await connected
    clearInterval(timer)
    const open = all.reduce((n, d) => n + d.connected, 0)
    const failed = all.reduce((n, d) => n + d.failed, 0)
    const connectSec = (Date.now() - t0) / 1000
    const afterConnect = await Promise.all(pids.map(procStats))
    const connectCpuSec = afterConnect.reduce((a, x, i) => a + x.cpuSec - (idle[i]?.cpuSec ?? 0), 0)
    say(
      `API CPU while connecting: ${connectCpuSec.toFixed(1)} s = ${((connectCpuSec / Math.max(1, open)) * 1e6).toFixed(0)} us per stream ` +
        '(ticks to the streams already open included)'
    )
    say(
      `open ${open} failed ${failed} in ${connectSec.toFixed(1)} s (${Math.round(open / connectSec)}/s); ` +
        `lastErr ${all.map((d) => d.lastErr).filter(Boolean)[0] ?? '-'}`
    )

    // Settle, then start half a tick after one.
    await sleep(3000)
    const afterTick = async () => {
      const n = ticks.length
      while (ticks.length === n) await sleep(10)
      await sleep(500)
    }
    await afterTick()
    const ticksAtStart = ticks.length
    for (const c of kids) c.send({ type: 'window', phase: 'start' })
    const windowStart = Date.now()
    const s0 = await Promise.all(pids.map(procStats))
    const k0 = await Promise.all(kids.map((c) => procStats(c.pid ?? 0)))
    const redisPid = Number((await redis.info('server')).match(/process_id:(\d+)/)?.[1] ?? 0)
    const r0 = await procStats(redisPid)
    const w0 = await procStats(worker?.pid ?? 0)
    const m0 = await machineCpu()
    // Every ~20 s, just after a tick: the kernel's view of the client sockets (how many are
    // established, how many received since that tick) and the API processes' memory.
    const views: Array<Awaited<ReturnType<typeof kernelView>> & { t: number }> = []
    let rssMax = 0
    while (ticks.length - ticksAtStart < HOLD - 3) {
      const n = ticks.length
      while (ticks.length === n) await sleep(10)
      await sleep(700)
      const view = {
        t: Math.round((Date.now() - windowStart) / 1000),
        ...(await kernelView(ticks.at(-1) ?? 0))
      }
      views.push(view)
      const st = await Promise.all(pids.map(procStats))
      rssMax = Math.max(
        rssMax,
        st.reduce((a, x) => a + x.rssMb, 0)
      )
      say(
        `  hold t=${view.t}s established ${view.established}, received since the last tick ${view.fresh}, ` +
          `not ${view.stale} (ss ${view.ssMs} ms); API RSS ${Math.round(st.reduce((a, x) => a + x.rssMb, 0))} MB`
      )
      const next = ticks.length + 20
      while (ticks.length < next && ticks.length - ticksAtStart < HOLD - 3) await sleep(50)
    }
    while (ticks.length - ticksAtStart < HOLD) await sleep(10)
    await sleep(500)
    const ticksInWindow = ticks.length - ticksAtStart
    const reports = new Promise<WindowReport[]>((resolve) => {
      const got: WindowReport[] = []
      for (const c of kids)
        c.once('message', (r: WindowReport) => {
          got.push(r)
          if (got.length === kids.length) resolve(got)
        })
    })
    for (const c of kids) c.send({ type: 'window', phase: 'end' })
    const windowSec = (Date.now() - windowStart) / 1000
    const s1 = await Promise.all(pids.map(procStats))
    const k1 = await Promise.all(kids.map((c) => procStats(c.pid ?? 0)))
    const r1 = await procStats(redisPid)
    const w1 = await procStats(worker?.pid ?? 0)
    const m1 = await machineCpu()
    const got = await reports
    const apiFds = await Promise.all(pids.map(fds))

    const counts = new Map<number, number>()
    const gaps = new Map<number, number>()
    const delays = new Map<number, number>()
    for (const r of got) {
      merge(counts, r.eventsPerStream)
      merge(gaps, r.maxGap100ms)
      merge(delays, r.delay10ms)
    }
    const held = [...counts.values()].reduce((a, b) => a + b, 0)
    let every = 0
    let missed = 0
    let extra = 0
    for (const [k, v] of counts) {
      if (k === ticksInWindow) every += v
      else if (k < ticksInWindow) missed += v
      else extra += v
    }
    const apiCores = s1.reduce((a, s, i) => a + s.cpuSec - (s0[i]?.cpuSec ?? 0), 0) / windowSec
    const apiRss = s1.reduce((a, s) => a + s.rssMb, 0)
    const apiRssIdle = idle.reduce((a, s) => a + s.rssMb, 0)
    const clientCores = k1.reduce((a, s, i) => a + s.cpuSec - (k0[i]?.cpuSec ?? 0), 0) / windowSec
    const hz = 100
    const machineBusyCores = (m1.busy - m0.busy) / hz / windowSec
    const report = {
      date: new Date().toISOString(),
      machine: `${os.cpus().length} x ${os.cpus()[0]?.model ?? '?'}, ${Math.round(os.totalmem() / 2 ** 30)} GB, node ${process.version}`,
      command: `npx tsx bench/sse-fleet.ts ${process.argv.slice(2).join(' ')}`.trim(),
      requested: STREAMS,
      processes: PROCESSES,
      children: CHILDREN,
      connect: { open, failed, seconds: Number(connectSec.toFixed(1)) },
      window: {
        seconds: Number(windowSec.toFixed(1)),
        ticks: ticksInWindow,
        openAtStart: got.reduce((a, r) => a + r.openAtStart, 0),
        openAtEnd: got.reduce((a, r) => a + r.openAtEnd, 0),
        closedInWindow: got.reduce((a, r) => a + r.closedInWindow, 0),
        kernel: {
          samples: views.length,
          establishedMin: Math.min(...views.map((v) => v.established)),
          establishedMax: Math.max(...views.map((v) => v.established)),
          notReceivedSinceTick: views.map((v) => v.stale),
          ssMs: views.map((v) => v.ssMs)
        }
      },
      updates: {
        streamsHeld: held,
        everyTick: every,
        missedSome: missed,
        missedShare: held > 0 ? Number((missed / held).toFixed(5)) : 0,
        moreThanTicks: extra,
        perStream: [...counts.entries()].sort((a, b) => a[0] - b[0]),
        longestSilenceMs: {
          p50: percentile(gaps, 0.5) * 100,
          p99: percentile(gaps, 0.99) * 100,
          max: Math.max(...gaps.keys()) * 100
        },
        delayFromTickMs: {
          p50: percentile(delays, 0.5) * 10,
          p99: percentile(delays, 0.99) * 10,
          max: Math.max(...delays.keys()) * 10
        },
        sampledStreams: got.reduce((a, r) => a + r.sampled, 0),
        sampledEvents: got.reduce((a, r) => a + r.sampledEvents, 0),
        badEvents: got.reduce((a, r) => a + r.badEvents, 0),
        badExample: got.map((r) => r.badExample).find(Boolean) ?? ''
      },
      api: {
        cores: Number(apiCores.toFixed(3)),
        rssMb: Math.round(apiRss),
        rssMaxMb: Math.round(rssMax),
        rssIdleMb: Math.round(apiRssIdle),
        idleCores: Number(idleCores.toFixed(3)),
        perProcessRssMb: s1.map((s) => Math.round(s.rssMb)),
        fds: apiFds,
        per10k: {
          cores: held > 0 ? Number(((apiCores / held) * 10_000).toFixed(3)) : 0,
          rssMb: held > 0 ? Math.round(((apiRss - apiRssIdle) / held) * 10_000) : 0
        }
      },
      clients: {
        cores: Number(clientCores.toFixed(3)),
        rssMb: got.map((r) => r.rssMb),
        loopDelayP99Ms: got.map((r) => r.loopDelayP99Ms),
        loopDelayMaxMs: got.map((r) => r.loopDelayMaxMs)
      },
      redisCores: Number(((r1.cpuSec - r0.cpuSec) / windowSec).toFixed(3)),
      workerCores: Number(((w1.cpuSec - w0.cpuSec) / windowSec).toFixed(3)),
      machineBusyCores: Number(machineBusyCores.toFixed(2)),
      loadavg: os.loadavg().map((x) => Number(x.toFixed(2)))
    }
    say(JSON.stringify(report, null, 2))
  } finally {
    for (const c of kids) c.kill('SIGKILL')
    worker?.kill('SIGTERM')
    await stopChild(server, 30_000)
    if (worker && worker.exitCode === null) {
      const exited = new Promise((r) => worker?.once('exit', r))
      await Promise.race([exited, sleep(30_000)])
      if (worker.exitCode === null) worker.kill('SIGKILL')
    }
    await feed.quit().catch(() => feed.destroy())
    redis.destroy()
    const n = await clearRedisPrefix(config.redis.url, prefix)
    await database.drop()
    say(`cleanup: ${n} Redis keys deleted, database ${dbName} dropped; API output in ${serverLogPath}`)
  }
}

await main()
process.exit(0)
