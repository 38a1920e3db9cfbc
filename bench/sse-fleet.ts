/**
 * Many concurrent waiting-room SSE streams against running API processes (outside `npm test`):
 *
 *   firstcome up --api-processes 6            # 6 x ~17,000 sockets stays under 20,000 fds each
 *   npx tsx bench/sse-fleet.ts --base http://127.0.0.1:3000 --streams 100000 --children 6
 *
 * The parent creates a coupon sale, then forks `children` processes; child k opens its share of
 * streams from local address 127.0.0.(k+2), so no source address runs out of ephemeral ports
 * (about 28,000 per address and destination). Each stream is one buyer: dev token, join, then
 * `GET /v1/events/:id/queue/stream?queueToken=...` held open. Reported: time until every stream
 * has its first event, and the children's memory.
 */
import { fork } from 'node:child_process'
import { request } from 'node:http'
import { parseArgs } from 'node:util'

const { values } = parseArgs({
  options: {
    base: { type: 'string', default: 'http://127.0.0.1:3000' },
    streams: { type: 'string', default: '10000' },
    children: { type: 'string', default: '4' },
    child: { type: 'string' },
    sale: { type: 'string' },
    count: { type: 'string' }
  }
})
const base = new URL(values.base ?? 'http://127.0.0.1:3000')

async function post(path: string, body: unknown, token?: string, localAddress?: string): Promise<unknown> {
  const res = await fetch(new URL(path, base), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
    ...(localAddress ? {} : {})
  })
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`)
  return res.json()
}

/** Opens one stream and resolves at its first event; the socket stays open until the process exits. */
function openStream(path: string, localAddress: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: base.hostname, port: base.port, path, localAddress, headers: { accept: 'text/event-stream' } },
      (res) => {
        if (res.statusCode !== 200) return reject(new Error(`stream ${res.statusCode}`))
        res.once('data', () => resolve())
      }
    )
    req.on('error', reject)
    req.end()
  })
}

async function child(index: number, saleId: string, count: number): Promise<void> {
  const localAddress = `127.0.0.${index + 2}`
  let open = 0
  const started = Date.now()
  const one = async (i: number) => {
    const userId = `sse-${index}-${i}`
    const { token } = (await post('/v1/dev/token', { userId })) as { token: string }
    const { queueToken } = (await post(`/v1/events/${saleId}/queue`, {}, token)) as { queueToken: string }
    for (let attempt = 0; ; attempt++) {
      try {
        await openStream(`/v1/events/${saleId}/queue/stream?queueToken=${queueToken}`, localAddress)
        break
      } catch (error) {
        if (attempt > 5) throw error
        await new Promise((r) => setTimeout(r, 200 * (attempt + 1)))
      }
    }
    open++
  }
  // 200 buyers in flight per child: joins are the slow part (HS256 + a script each).
  for (let i = 0; i < count; i += 200) {
    await Promise.all(
      Array.from({ length: Math.min(200, count - i) }, (_, j) => one(i + j).catch(() => undefined))
    )
  }
  process.send?.({ open, ms: Date.now() - started, rssMb: Math.round(process.memoryUsage().rss / 1e6) })
  // Keep the streams open until the parent ends the run.
  await new Promise(() => {})
}

async function parent(): Promise<void> {
  const streams = Number(values.streams)
  const children = Number(values.children)
  const { token: admin } = (await post('/v1/dev/token', { userId: 'sse-admin', role: 'admin' })) as {
    token: string
  }
  const { id: saleId } = (await post(
    '/v1/admin/events',
    {
      name: 'sse fleet',
      kind: 'coupon',
      quantity: 1,
      perUserLimit: 1,
      // Nobody is admitted: every buyer stays waiting with an open stream.
      admission: { ratePerSec: 0.001, maxActive: 1, accessTtlSec: 60 }
    },
    admin
  )) as { id: string }
  const started = Date.now()
  const results = await Promise.all(
    Array.from({ length: children }, (_, k) => {
      const proc = fork(
        process.argv[1] ?? '',
        [
          '--child',
          String(k),
          '--sale',
          saleId,
          '--count',
          String(Math.ceil(streams / children)),
          '--base',
          base.toString()
        ],
        {
          execArgv: process.execArgv
        }
      )
      return new Promise<{ proc: typeof proc; report: { open: number; ms: number; rssMb: number } }>(
        (resolve) =>
          proc.once('message', (report) =>
            resolve({ proc, report: report as { open: number; ms: number; rssMb: number } })
          )
      )
    })
  )
  const open = results.reduce((n, r) => n + r.report.open, 0)
  process.stdout.write(
    `${JSON.stringify({ streams: open, requested: streams, seconds: (Date.now() - started) / 1000, childRssMb: results.map((r) => r.report.rssMb) })}\n`
  )
  for (const r of results) r.proc.kill('SIGTERM')
}

if (values.child !== undefined) await child(Number(values.child), values.sale ?? '', Number(values.count))
else await parent()
