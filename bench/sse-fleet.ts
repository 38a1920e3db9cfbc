// Many concurrent SSE streams across API processes: a server of its own (`firstcome serve
// --processes N` on a fresh database and Redis prefix, its sale paused so nobody is admitted),
// client processes spread over 127.0.0.x addresses to pass the per-process file limit, and a hold
// window in which API CPU/RSS and per-stream update counts are measured.
// Run: npx tsx bench/sse-fleet.ts --streams 100000 --children 6 --processes 6 --window 10
import { type ChildProcess, fork, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { request } from 'node:http'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { createClient } from 'redis'

const ROOT = fileURLToPath(new URL('../', import.meta.url))
const { values } = parseArgs({
  options: {
    streams: { type: 'string', default: '100000' },
    children: { type: 'string', default: '6' },
    processes: { type: 'string', default: '6' },
    window: { type: 'string', default: '10' },
    port: { type: 'string', default: '3917' },
    child: { type: 'string' },
    sale: { type: 'string' },
    count: { type: 'string' },
    base: { type: 'string' }
  }
})
const say = (s: string) => process.stdout.write(`${s}\n`)

async function procStats(pid: number) {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8')
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const status = await readFile(`/proc/${pid}/status`, 'utf8')
  const rss = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0)
  return { cpuSec: (Number(f[11]) + Number(f[12])) / 100, rssMb: rss / 1024 }
}

async function childMain(index: number, saleId: string, count: number, baseStr: string) {
  const base = new URL(baseStr)
  const localAddress = `127.0.0.${index + 2}`
  const counts: number[] = []
  let open = 0,
    failed = 0
  const post = async (path: string, body: unknown, token?: string) => {
    const res = await fetch(new URL(path, base), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body)
    })
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`)
    return res.json()
  }
  const openStream = (path: string, slot: number) =>
    new Promise<void>((resolve, reject) => {
      const req = request(
        {
          host: base.hostname,
          port: base.port,
          path,
          localAddress,
          headers: { accept: 'text/event-stream' }
        },
        (res) => {
          if (res.statusCode !== 200) return reject(new Error(`stream ${res.statusCode}`))
          res.setEncoding('utf8')
          let first = true
          res.on('data', (c: string) => {
            counts[slot] = (counts[slot] ?? 0) + (c.match(/\n\n/g)?.length ?? 0)
            if (first) {
              first = false
              resolve()
            }
          })
        }
      )
      req.on('error', reject)
      req.end()
    })
  const started = Date.now()
  let lastErr = ''
  const one = async (i: number) => {
    const { token } = (await post('/v1/dev/token', { userId: `sse-${index}-${i}` })) as { token: string }
    const { queueToken } = (await post(`/v1/events/${saleId}/queue`, {}, token)) as { queueToken: string }
    for (let attempt = 0; ; attempt++) {
      try {
        await openStream(`/v1/events/${saleId}/queue/stream?queueToken=${queueToken}`, i)
        break
      } catch (e) {
        if (attempt > 5) throw e
        await new Promise((r) => setTimeout(r, 200 * (attempt + 1)))
      }
    }
    open++
  }
  for (let i = 0; i < count; i += 200) {
    await Promise.all(
      Array.from({ length: Math.min(200, count - i) }, (_, j) =>
        one(i + j).catch((e) => {
          failed++
          lastErr = String(e)
        })
      )
    )
    if (i % 5000 === 0) process.send?.({ type: 'progress', index, open, failed })
  }
  process.send?.({
    type: 'done',
    open,
    failed,
    lastErr,
    ms: Date.now() - started,
    rssMb: Math.round(process.memoryUsage().rss / 1e6)
  })
  process.on('message', (m: { type: string }) => {
    if (m.type === 'mark')
      process.send?.({
        type: 'counts',
        counts: counts.filter((n) => n !== undefined),
        rssMb: Math.round(process.memoryUsage().rss / 1e6)
      })
  })
  await new Promise(() => {})
}

async function parentMain() {
  const streams = Number(values.streams),
    children = Number(values.children),
    processes = Number(values.processes)
  const WINDOW = Number(values.window),
    port = values.port
  const dbName = `fc_bench_${randomBytes(5).toString('hex')}`
  const prefix = `b${randomBytes(5).toString('hex')}`
  const baseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/firstcome'
  const maintenance = new URL(baseUrl)
  maintenance.pathname = '/postgres'
  const dbUrl = new URL(baseUrl)
  dbUrl.pathname = `/${dbName}`
  const env = {
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: dbUrl.toString(),
    FC_REDIS_PREFIX: prefix,
    FC_JWT_SECRET: 'bench-secret-bench-secret-bench-secret-01',
    FC_LOG_LEVEL: 'error',
    FC_WORKERS: '1',
    FC_DEV_AUTH: '1',
    FC_ADMISSION_TICK_MS: '1000',
    PORT: port,
    HOST: '127.0.0.1'
  }
  const admin = new pg.Client({ connectionString: maintenance.toString() })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${dbName}`)
  say(`db ${dbName} prefix ${prefix}`)
  const kids: ChildProcess[] = []
  let server: ChildProcess | undefined
  try {
    // migrate once
    const m = spawn(process.execPath, [`${ROOT}bin/firstcome.mjs`, 'migrate'], {
      cwd: ROOT,
      env,
      stdio: 'inherit'
    })
    await new Promise((r) => m.once('exit', r))
    server = spawn(
      process.execPath,
      [`${ROOT}bin/firstcome.mjs`, 'serve', '--processes', String(processes)],
      { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] }
    )
    const srv = server
    const pids = await new Promise<number[]>((resolve, reject) => {
      let text = ''
      const on = (c: Buffer) => {
        text += c.toString()
        const mm = /listening \(pids ([\d, ]+)\)/.exec(text)
        if (mm?.[1]) resolve(mm[1].split(',').map((s) => Number(s.trim())))
      }
      srv.stdout?.on('data', on)
      srv.stderr?.on('data', on)
      srv.on('exit', (code) => reject(new Error(`server exited ${code}: ${text}`)))
      setTimeout(() => reject(new Error(`server start timeout: ${text}`)), 120_000)
    })
    say(`API pids ${pids.join(',')}`)
    const base = `http://127.0.0.1:${port}`
    const post = async (path: string, body: unknown, token?: string) => {
      const res = await fetch(new URL(path, base), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {})
        },
        body: JSON.stringify(body)
      })
      if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`)
      return res.json()
    }
    const { token: adminTok } = (await post('/v1/dev/token', { userId: 'sse-admin', role: 'admin' })) as {
      token: string
    }
    const { id: saleId } = (await post(
      '/v1/admin/events',
      {
        name: 'sse fleet',
        kind: 'coupon',
        quantity: 1,
        perUserLimit: 1,
        admission: { ratePerSec: 1, maxActive: 1, accessTtlSec: 60 }
      },
      adminTok
    )) as { id: string }
    {
      const r = await fetch(new URL(`/v1/admin/events/${saleId}/admission`, base), {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${adminTok}` },
        body: JSON.stringify({ paused: true })
      })
      if (!r.ok) throw new Error(`pause ${r.status} ${await r.text()}`)
    }
    const idle = await Promise.all(pids.map(procStats))
    const started = Date.now()
    const done = await Promise.all(
      Array.from({ length: children }, (_, k) => {
        const c = fork(
          process.argv[1] ?? '',
          [
            '--child',
            String(k),
            '--sale',
            saleId,
            '--count',
            String(Math.ceil(streams / children)),
            '--base',
            base
          ],
          { execArgv: process.execArgv }
        )
        kids.push(c)
        return new Promise<{ open: number; failed: number; lastErr: string; ms: number; rssMb: number }>(
          (resolve) => {
            c.on(
              'message',
              (msg: {
                type: string
                open: number
                failed: number
                lastErr: string
                ms: number
                rssMb: number
              }) => {
                if (msg.type === 'progress' && k === 0)
                  say(
                    `  t=${((Date.now() - started) / 1000).toFixed(0)}s child0 open ${msg.open} failed ${msg.failed}`
                  )
                if (msg.type === 'done') resolve(msg)
              }
            )
          }
        )
      })
    )
    const open = done.reduce((n, d) => n + d.open, 0),
      failed = done.reduce((n, d) => n + d.failed, 0)
    const connectSec = (Date.now() - started) / 1000
    say(
      `open ${open} failed ${failed} in ${connectSec}s; lastErr ${done.map((d) => d.lastErr).filter(Boolean)[0] ?? '-'}`
    )
    const mark = () =>
      Promise.all(
        kids.map(
          (c) =>
            new Promise<{ counts: number[]; rssMb: number }>((resolve) => {
              const h = (msg: { type: string; counts: number[]; rssMb: number }) => {
                if (msg.type === 'counts') {
                  c.off('message', h)
                  resolve(msg)
                }
              }
              c.on('message', h)
              c.send({ type: 'mark' })
            })
        )
      )
    const before = (await mark()).flatMap((x) => x.counts)
    const s0 = await Promise.all(pids.map(procStats))
    await new Promise((r) => setTimeout(r, WINDOW * 1000))
    const s1 = await Promise.all(pids.map(procStats))
    const afterMsgs = await mark()
    const after = afterMsgs.flatMap((x) => x.counts)
    const recv = after.map((n, i) => n - (before[i] ?? 0))
    const min = Math.min(...recv),
      mean = recv.reduce((a, b) => a + b, 0) / recv.length
    const zero = recv.filter((n) => n === 0).length
    const cores = s1.reduce((a, s, i) => a + s.cpuSec - (s0[i]?.cpuSec ?? 0), 0) / WINDOW
    const rss = s1.reduce((a, s) => a + s.rssMb, 0),
      rssIdle = idle.reduce((a, s) => a + s.rssMb, 0)
    const fds = await Promise.all(
      pids.map(async (p) => (await import('node:fs/promises')).readdir(`/proc/${p}/fd`).then((l) => l.length))
    )
    say(
      JSON.stringify({
        date: new Date().toISOString(),
        requested: streams,
        open,
        failed,
        connectSec,
        processes,
        children,
        windowSec: WINDOW,
        updatesPerStream: {
          min,
          mean: Number(mean.toFixed(2)),
          streamsWithZero: zero,
          measured: recv.length
        },
        apiCores: Number(cores.toFixed(3)),
        apiRssMb: Math.round(rss),
        apiRssIdleMb: Math.round(rssIdle),
        perProcRssMb: s1.map((s) => Math.round(s.rssMb)),
        fds,
        per10k: {
          cores: Number(((cores / open) * 10000).toFixed(3)),
          rssMb: Math.round(((rss - rssIdle) / open) * 10000)
        },
        clientRssMb: afterMsgs.map((x) => x.rssMb)
      })
    )
  } catch (e) {
    say(`ERROR ${String((e as Error).stack ?? e)}`)
  } finally {
    for (const c of kids) c.kill('SIGKILL')
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server?.once('exit', r))
      server.kill('SIGTERM')
      await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))])
      if (server.exitCode === null) server.kill('SIGKILL')
    }
    const cleaner = createClient({ url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' })
    await cleaner.connect()
    let n = 0
    for await (const keys of cleaner.scanIterator({ MATCH: `${prefix}:*`, COUNT: 1000 })) {
      if (keys.length > 0) {
        n += keys.length
        await cleaner.del(keys)
      }
    }
    cleaner.destroy()
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)
    await admin.end()
    say(`cleanup: ${n} redis keys deleted, db ${dbName} dropped`)
    process.exit(0)
  }
}
if (values.child !== undefined)
  await childMain(Number(values.child), values.sale ?? '', Number(values.count), values.base ?? '')
else await parentMain()
