/**
 * `npm run bench:seats`: the public seat map's read path, old and new, in one run on one machine,
 * for a 10,000-seat sale (4 sections x 50 rows x 50 seats, a fifth of them held).
 *
 *   npm run bench:seats -- --duration 4 --connections 50 --stream-sec 20 --changes 100
 *
 * 1. `GET /v1/events/:id/seats` on the product (`firstcome serve`, one API process, started by
 *    `bench/lib/sut.ts`), `accept-encoding: br, gzip`: reads/s at `connections` keep-alive
 *    connections (node:http, see `load`) and the body size.
 * 2. The same for `GET /v1/events/:id/seats/state`.
 * 3. The old path (`bench/child/seats-old-server.ts`: HGETALL and JSON per request, uncompressed) on
 *    the same sale, same Redis, same database: reads/s and body size; before it, the machine's
 *    ceiling for the new body (a bare node:http server sending the same brotli bytes).
 * 4. A buyer's change stream (`/seats/stream`) while seats change at `changes` per second (holds
 *    and releases straight against the inventory, as buyers' requests would make them): bytes per
 *    second on the wire (HTTP chunk framing included, headers and the first snapshot excluded).
 *
 * Targets (issue 16): >= 5,000 reads/s at 50 connections, <= 64 KB compressed, <= 2 KB/s per buyer.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { rmSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { parseArgs } from 'node:util'
import { request } from 'undici'
import { RedisInventoryStore } from '../src/adapters/redis/inventory-store.ts'
import { KeyBuilder } from '../src/adapters/redis/keys.ts'
import { connectRedis } from '../src/adapters/redis/redis-client.ts'
import { ScriptRunner } from '../src/adapters/redis/scripts.ts'
import { newChildId } from '../src/domain/ids.ts'
import { freePorts } from '../tools/stack/cluster-ports.ts'
import { adminCall, startSut } from './lib/sut.ts'

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '4' },
    connections: { type: 'string', default: '50' },
    'stream-sec': { type: 'string', default: '20' },
    changes: { type: 'string', default: '100' }
  }
})
const DURATION = Number(values.duration)
const CONNECTIONS = Number(values.connections)
const STREAM_SEC = Number(values['stream-sec'])
const CHANGES = Number(values.changes)
if (![DURATION, CONNECTIONS, STREAM_SEC, CHANGES].every((n) => Number.isInteger(n) && n >= 1))
  throw new Error('--duration, --connections, --stream-sec and --changes take positive integers')

const SECTIONS = ['A', 'B', 'C', 'D'].map((name, i) => ({
  name,
  rows: 50,
  seatsPerRow: 50,
  price: 50_000 + 10_000 * i
}))
const SEAT_IDS = SECTIONS.flatMap((s) =>
  Array.from(
    { length: s.rows * s.seatsPerRow },
    (_, i) => `${s.name}-${Math.floor(i / 50) + 1}-${(i % 50) + 1}`
  )
)
const PRE_HELD = 2000
const BR_GZIP = { 'accept-encoding': 'br, gzip' }

const say = (line: string) => process.stdout.write(`${line}\n`)

interface LoadResult {
  completed: number
  non2xx: number
  errors: number
  p50: number
  p99: number
}

/**
 * Keeps `connections` keep-alive connections busy with GETs for `seconds` (node:http, bodies
 * discarded as they arrive). Not autocannon: its parser appends every body chunk to a string
 * (`req.body += data`), and decoding 30 KB of brotli as UTF-8 per response made the load
 * generator, not the server, the limit (measured: a bare server sending the same bytes reached the
 * same ceiling as the product).
 */
async function load(url: string, seconds: number, connections = CONNECTIONS): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections })
  const latencies: number[] = []
  const out = { completed: 0, non2xx: 0, errors: 0 }
  const until = Date.now() + seconds * 1000
  const one = () =>
    new Promise<void>((resolve) => {
      const t = performance.now()
      const req = http.get(url, { agent, headers: BR_GZIP }, (res) => {
        res.on('data', () => {})
        res.on('end', () => {
          if (Date.now() <= until) {
            out.completed++
            latencies.push(performance.now() - t)
            if (res.statusCode !== 200) out.non2xx++
          }
          resolve()
        })
      })
      req.on('error', () => {
        out.errors++
        resolve()
      })
    })
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < until) await one()
    })
  )
  agent.destroy()
  latencies.sort((a, b) => a - b)
  const at = (q: number) =>
    Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0)
  return { ...out, p50: at(0.5), p99: at(0.99) }
}

/** One read: status, coding and the body's size as sent. */
async function probe(url: string): Promise<{ status: number; coding: string; bytes: number; body: Buffer }> {
  const res = await request(url, { headers: BR_GZIP })
  const body = Buffer.from(await res.body.arrayBuffer())
  return {
    status: res.statusCode,
    coding: String(res.headers['content-encoding'] ?? 'identity'),
    bytes: body.length,
    body
  }
}

interface Row {
  path: string
  connections: number
  /** Reads answered within the measured seconds. */
  completed: number
  readsPerSec: number
  non2xx: number
  errors: number
  p50: number
  p99: number
  coding: string
  bytes: number
}

async function measure(label: string, url: string, seconds: number, connections = CONNECTIONS): Promise<Row> {
  const one = await probe(url)
  if (one.status !== 200) throw new Error(`${label}: ${one.status}`)
  // A warm-up: connections open, the JIT and the snapshot's encodings are in place (the first
  // seconds of a fresh process run at a fraction of its speed).
  await load(url, 2, connections)
  const r = await load(url, seconds, connections)
  const row = {
    path: label,
    connections,
    completed: r.completed,
    readsPerSec: Math.round(r.completed / seconds),
    non2xx: r.non2xx,
    errors: r.errors,
    p50: r.p50,
    p99: r.p99,
    coding: one.coding,
    bytes: one.bytes
  }
  say(
    `  ${label.padEnd(36)} ${String(row.readsPerSec).padStart(6)} reads/s (${row.completed} at ${connections} conn.)  p50 ${row.p50} ms  p99 ${row.p99} ms  ` +
      `${(row.bytes / 1024).toFixed(1)} KB ${row.coding}  non-2xx ${row.non2xx}  errors ${row.errors}`
  )
  return row
}

async function startOld(
  env: Record<string, string>,
  port: number,
  ceilingPort: number,
  ceilingFile: string
): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/child/seats-old-server.ts'], {
    env: {
      ...env,
      PORT: String(port),
      CEILING_PORT: String(ceilingPort),
      CEILING_FILE: ceilingFile
    },
    stdio: ['ignore', 'pipe', 'inherit']
  })
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      if (d.toString().includes('ready')) resolve()
    })
    child.once('exit', (code) => reject(new Error(`old-path server exited (${code})`)))
  })
  return child
}

async function main(): Promise<void> {
  say(`bench:seats  ${new Date().toISOString()}  ${os.cpus().length} cpus  node ${process.version}`)
  const sut = await startSut({ root: process.cwd(), apiProcesses: 1, say })
  let old: ChildProcess | undefined
  const redis = await connectRedis(sut.own?.redisUrl ?? 'redis://127.0.0.1:6379', 'bench-seats')
  try {
    const own = sut.own
    if (!own) throw new Error('bench:seats runs its own server')
    const created = await adminCall(sut, 'POST', '/v1/admin/events', {
      name: 'Bench hall',
      kind: 'seated',
      seats: { sections: SECTIONS },
      perUserLimit: 4,
      holdTtlSec: 3600,
      admission: { ratePerSec: 1000, maxActive: 1_000_000, accessTtlSec: 3600 }
    })
    if (created.status !== 201)
      throw new Error(`create sale: ${created.status} ${JSON.stringify(created.body)}`)
    const saleId = String(created.body.id)
    const scripts = new ScriptRunner(redis)
    await scripts.load()
    const inventory = new RedisInventoryStore(redis, scripts, new KeyBuilder(own.prefix), 60)
    const until = Date.now() + 3_600_000
    const hold = async (userId: string, seatId: string): Promise<string | undefined> => {
      const holdId = newChildId(saleId, 'h')
      const r = await inventory.holdSeat({
        saleId,
        userId,
        seatId,
        holdId,
        response: () => ({ statusCode: 201, body: {} })
      })
      return r.ok ? holdId : undefined
    }
    // A sale under way: a fifth of the seats held, spread over the hall.
    const shuffled = [...SEAT_IDS].sort(() => Math.random() - 0.5)
    const pre = shuffled.slice(0, PRE_HELD)
    const users = pre.map((_, i) => `pre${i}`)
    await inventory.admit(saleId, users, until)
    for (let i = 0; i < pre.length; i += 200) {
      await Promise.all(pre.slice(i, i + 200).map((seat, j) => hold(users[i + j] as string, seat)))
    }
    say(`sale ${saleId}: ${SEAT_IDS.length} seats, ${PRE_HELD} held`)
    // The server moves the holds' ledger entries into PostgreSQL in the background: measured
    // alongside, that work would count against the first reads.
    for (let i = 0; i < 300; i++) {
      const stats = await adminCall(sut, 'GET', `/v1/admin/events/${saleId}/stats`)
      if (stats.status === 200 && stats.body.ledgerBacklog === 0) break
      await sleep(100)
    }

    const api = `${sut.base}/v1/events/${saleId}`
    say(`reads at ${CONNECTIONS} connections, ${DURATION} s each, accept-encoding: br, gzip`)
    const rows: Row[] = []
    rows.push(await measure('new GET /seats', `${api}/seats`, DURATION))
    rows.push(
      await measure('new GET /seats/state', `${api}/seats/state`, Math.max(3, Math.floor(DURATION / 2)))
    )
    const [oldPort, ceilingPort] = await freePorts(2)
    const ceilingFile = join(os.tmpdir(), `bench-seats-${saleId}.br`)
    writeFileSync(ceilingFile, (await probe(`${api}/seats`)).body)
    old = await startOld(own.env, oldPort as number, ceilingPort as number, ceilingFile)
    // The ceiling first: it shares the old path's process, which a backlog of old reads would choke.
    rows.push(
      await measure(
        'ceiling: bare node:http, same br body',
        `http://127.0.0.1:${ceilingPort}/`,
        Math.max(3, Math.floor(DURATION / 2))
      )
    )
    const oldUrl = `http://127.0.0.1:${oldPort}/v1/events/${saleId}/seats`
    const t0 = Date.now()
    const oneOld = await probe(oldUrl)
    say(`  old GET /seats, one read alone: ${Date.now() - t0} ms, ${(oneOld.bytes / 1024).toFixed(1)} KB`)
    rows.push(await measure('old GET /seats, 1 connection', oldUrl, 3, 1))
    rows.push(await measure('old GET /seats (per-request JSON)', oldUrl, 3))
    // A backlog of old reads would hold a graceful close up.
    old.kill('SIGKILL')
    old = undefined
    rmSync(ceilingFile, { force: true })

    // The change stream while seats change: holds of free seats and releases of held ones, in turn.
    const free = shuffled.slice(PRE_HELD)
    const held: Array<{ userId: string; holdId: string; seat: string }> = []
    const churnUsers = Array.from({ length: CHANGES * (STREAM_SEC + 5) + 100 }, (_, i) => `c${i}`)
    let user = 0
    await inventory.admit(saleId, churnUsers, until)
    // Releases take seats held a few seconds earlier: a seat held and released within one tick
    // would never show in a delta, and the stream would look cheaper than it is.
    for (let i = 0; i < 5 * CHANGES; i++) {
      const seat = free.pop() as string
      const userId = churnUsers[user++] as string
      const holdId = await hold(userId, seat)
      if (holdId) held.push({ userId, holdId, seat })
    }
    const stats = { bytes: 0, deltas: 0, changes: 0, snapshots: 0 }
    let firstDone = false
    let text = ''
    const sse = http.get(`${api}/seats/stream`, { agent: false }, (res) => {
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => {
        text += chunk
        for (;;) {
          const end = text.indexOf('\n\n')
          if (end < 0) break
          const block = text.slice(0, end)
          text = text.slice(end + 2)
          if (block.includes('event: snapshot')) {
            stats.snapshots++
            firstDone = true
          } else if (block.includes('event: delta')) {
            stats.deltas++
            stats.changes += (block.match(/\[\d+,"[ahs]"\]/g) ?? []).length
          }
        }
      })
    })
    sse.on('error', (err) => say(`stream error: ${err.message}`))
    while (!firstDone) await sleep(20)
    const socket = sse.socket
    if (!socket) throw new Error('no stream socket')
    const startBytes = socket.bytesRead
    const start = Date.now()
    let made = 0
    while (Date.now() - start < STREAM_SEC * 1000) {
      const due = Math.floor(((Date.now() - start) / 1000) * CHANGES)
      const batch: Array<Promise<unknown>> = []
      for (; made < due; made++) {
        if (made % 2 === 0 || held.length === 0) {
          const seat = free.pop()
          if (!seat) break
          const userId = churnUsers[user++] as string
          batch.push(
            hold(userId, seat).then((holdId) => {
              if (holdId) held.push({ userId, holdId, seat })
            })
          )
        } else {
          const h = held.shift()
          if (!h) continue
          free.unshift(h.seat)
          batch.push(
            inventory.releaseHold({
              saleId,
              userId: h.userId,
              holdId: h.holdId,
              response: { statusCode: 204, body: null }
            })
          )
        }
      }
      await Promise.all(batch)
      await sleep(10)
    }
    const seconds = (Date.now() - start) / 1000
    // The last tick's delta.
    await sleep(600)
    const bytes = socket.bytesRead - startBytes
    sse.destroy()
    say(
      `stream: ${made} changes in ${seconds.toFixed(1)} s (${(made / seconds).toFixed(0)}/s), ${stats.deltas} deltas ` +
        `carrying ${stats.changes} seat changes, ${bytes} bytes on the wire = ` +
        `${(bytes / seconds / 1024).toFixed(2)} KB/s per buyer`
    )
    const fmt = (r: Row) =>
      `| ${r.path} | ${r.connections} | ${r.readsPerSec} (${r.completed} in all) | ${r.p50} / ${r.p99} | ${(r.bytes / 1024).toFixed(1)} KB (${r.coding}) | ${r.non2xx} / ${r.errors} |`
    say(
      '\n| path | connections | reads/s | p50 / p99 ms | body | non-2xx / errors |\n|---|---|---|---|---|---|'
    )
    for (const r of rows) say(fmt(r))
  } finally {
    old?.kill('SIGTERM')
    redis.destroy()
    await sut.stop()
  }
}

await main()
