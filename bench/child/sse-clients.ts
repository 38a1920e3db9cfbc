/**
 * A child of the SSE benches (`bench/queue.ts`, `bench/sse-fleet.ts`): holds many waiting-room
 * streams from one local address and counts what each of them receives. One process may open at
 * most 20,000 files, so the benches spread streams over several of these.
 *
 * A stream is a plain TCP socket with a hand-written GET and no HTTP client on top: the client
 * must cost far less than the server it measures, and with 100,000 streams on the same box it is
 * half the load. Reads land in one shared buffer (`onread`), so a tick allocates nothing per
 * stream; events are counted by finding `event: ` in the bytes. One stream in `sampleEvery` also
 * parses its events and checks them (a waiting position equal to ticket - frontier). With
 * `batchMs` the process takes its reads in turns (see there).
 *
 * Protocol (IPC with the parent):
 *   start  -> progress*, connected   opens the streams, at most `inFlight` connecting at once
 *   window {phase: 'start'}          starts a measuring window (after the parent saw a tick)
 *   window {phase: 'end'} -> report  per-stream counts, gaps and delays over the window
 */
import net from 'node:net'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { createClient } from 'redis'
import { loadConfig } from '../../src/config/index.ts'
import { signDevToken } from '../../src/http/auth.ts'
import { QueueTokens } from '../../src/services/waiting-room/queue-tokens.ts'

/** What the parent sends to start. */
export interface StartMessage {
  type: 'start'
  host: string
  port: number
  saleId: string
  /** Users `${userPrefix}${from}` .. `${userPrefix}${from + count - 1}`, all already joined. */
  userPrefix: string
  /**
   * How a stream proves its user: `?queueToken=` as a browser's EventSource does (needs each
   * user's ticket, in `tickets`), or a bearer token.
   */
  auth: 'queue-token' | 'bearer'
  /** Tickets of the users, in order (queue-token only). */
  tickets?: number[]
  from: number
  count: number
  localAddress: string
  inFlight: number
  /** One stream in this many checks the content of its events. */
  sampleEvery: number
  /**
   * 0: wait for events in epoll like any program. Otherwise block the event loop for this many ms
   * between turns, so each turn finds many streams ready at once: one wake-up per turn instead of
   * one per event, for both this process and the server whose writes would wake it. Every stream is
   * still read every turn, long before the next tick; the delay it adds is at most this.
   */
  batchMs: number
  /** The sale's tick channel, to time each update against the tick that caused it. */
  feed?: { redisUrl: string; channel: string }
}

/** A numeric histogram as sparse [value, streams] pairs. */
export type Histogram = Array<[number, number]>

/** What a child reports at the end of a window. */
export interface WindowReport {
  type: 'report'
  /** Streams open when the window started / ended. */
  openAtStart: number
  openAtEnd: number
  /** Streams that closed or broke during the window. */
  closedInWindow: number
  /** Position events per stream in the window (streams open for the whole window). */
  eventsPerStream: Histogram
  /** Longest silence per stream in the window, in 100 ms buckets (bucket b = b*100..b*100+99 ms). */
  maxGap100ms: Histogram
  /** Delay from the tick (Redis time in the feed) to each event's arrival, 10 ms buckets. */
  delay10ms: Histogram
  /** Streams whose events were parsed and checked, and the events that were wrong. */
  sampled: number
  sampledEvents: number
  badEvents: number
  badExample: string
  cpuSec: number
  rssMb: number
  loopDelayP99Ms: number
  loopDelayMaxMs: number
}

const EVENT = Buffer.from('event: ')
const HTTP_OK = Buffer.from('HTTP/1.1 200')

function toHistogram(m: Map<number, number>): Histogram {
  return [...m.entries()].sort((a, b) => a[0] - b[0])
}

function bump(m: Map<number, number>, k: number, by = 1): void {
  m.set(k, (m.get(k) ?? 0) + by)
}

async function start(s: StartMessage): Promise<void> {
  const config = loadConfig(process.env)
  const queueTokens = new QueueTokens(config.tokens, { ttlSec: config.tokens.queueTtlSec })
  const path =
    s.auth === 'bearer'
      ? (_token: string) => `/v1/events/${s.saleId}/queue/stream`
      : (token: string) => `/v1/events/${s.saleId}/queue/stream?queueToken=${token}`
  const n = s.count
  // Per stream, in flat arrays: 0 connecting, 1 open, 2 closed, 3 failed.
  const state = new Uint8Array(n)
  const events = new Uint32Array(n)
  const base = new Uint32Array(n)
  const lastAt = new Float64Array(n)
  const maxGap = new Float64Array(n)
  // How much of `event: ` the previous read of a stream ended with (an event split across reads).
  const partial = new Uint8Array(n)
  const sampled = new Map<number, { text: string; ticket: number }>()
  let inWindow = false
  let windowStartAt = 0
  let lastTickAt = 0
  const delays = new Map<number, number>()
  let sampledEvents = 0
  let badEvents = 0
  let badExample = ''
  let open = 0
  let failed = 0
  let closedInWindow = 0
  let lastErr = ''
  const shared = Buffer.allocUnsafe(64 * 1024)
  if (s.batchMs > 0) {
    const cell = new Int32Array(new SharedArrayBuffer(4))
    const turn = () => {
      Atomics.wait(cell, 0, 0, s.batchMs)
      setImmediate(turn)
    }
    setImmediate(turn)
  }

  if (s.feed) {
    const sub = createClient({ url: s.feed.redisUrl })
    sub.on('error', () => {})
    await sub.connect()
    await sub.subscribe(s.feed.channel, (raw) => {
      const t = Number((JSON.parse(raw) as { t?: number }).t)
      if (Number.isFinite(t)) lastTickAt = t
    })
  }

  const check = (i: number, chunk: string) => {
    const sample = sampled.get(i)
    if (!sample) return
    sample.text += chunk
    for (;;) {
      const end = sample.text.indexOf('\n\n')
      if (end < 0) break
      const block = sample.text.slice(0, end)
      sample.text = sample.text.slice(end + 2)
      const ev = /(?:^|\n)event: (\w+)/.exec(block)?.[1]
      const data = /(?:^|\n)data: (.*)/.exec(block)?.[1]
      if (ev === undefined || data === undefined) continue
      sampledEvents++
      let ok = false
      try {
        const d = JSON.parse(data) as Record<string, unknown>
        if (ev === 'position' && d.state === 'waiting') {
          const position = Number(d.position)
          const ticket = Number(d.ticket)
          if (sample.ticket === 0) sample.ticket = ticket
          const frontier = d.frontier === undefined ? 0 : Number(d.frontier)
          ok =
            ticket === sample.ticket &&
            ticket > 0 &&
            position === ticket - frontier &&
            (d.etaSec === null || typeof d.etaSec === 'number')
        }
      } catch {
        ok = false
      }
      if (!ok) {
        badEvents++
        badExample ||= block
      }
    }
  }

  const connectOne = (i: number, token: string, attempt: number): Promise<void> =>
    new Promise<void>((resolve) => {
      let headersSeen = false
      let settled = false
      let gaveUp = false
      const settle = () => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        resolve()
      }
      const giveUp = (why: string) => {
        if (gaveUp) return
        gaveUp = true
        lastErr = why
        socket.destroy()
        if (state[i] === 1) return
        if (attempt < 5) setTimeout(() => connectOne(i, token, attempt + 1).then(settle), 250 * (attempt + 1))
        else {
          state[i] = 3
          failed++
          settle()
        }
      }
      const timer = setTimeout(() => giveUp('no response in 60 s'), 60_000)
      const socket = net.connect({
        host: s.host,
        port: s.port,
        localAddress: s.localAddress,
        onread: {
          buffer: shared,
          callback: (nread: number, buf: Buffer): boolean => {
            let from = 0
            if (!headersSeen) {
              if (buf.compare(HTTP_OK, 0, HTTP_OK.length, 0, Math.min(nread, HTTP_OK.length)) !== 0) {
                giveUp(`HTTP ${buf.toString('latin1', 0, Math.min(nread, 40)).split('\r\n')[0]}`)
                return false
              }
              headersSeen = true
              from = buf.indexOf('\r\n\r\n') + 4
            }
            let found = 0
            // An event name split by the previous read.
            const p = partial[i] as number
            if (p > 0) {
              const rest = EVENT.length - p
              if (nread >= rest && buf.compare(EVENT, p, EVENT.length, 0, rest) === 0) found++
              partial[i] = 0
            }
            for (let at = buf.indexOf(EVENT, from); at >= 0 && at + EVENT.length <= nread; ) {
              found++
              at = buf.indexOf(EVENT, at + EVENT.length)
            }
            // Does this read end with the start of `event: `?
            for (let k = Math.min(EVENT.length - 1, nread); k > 0; k--) {
              if (buf.compare(EVENT, 0, k, nread - k, nread) === 0) {
                partial[i] = k
                break
              }
            }
            if (sampled.has(i)) check(i, buf.toString('latin1', from, nread))
            if (found > 0) {
              const now = Date.now()
              if (state[i] === 0) {
                state[i] = 1
                open++
                settle()
              }
              events[i] = (events[i] as number) + found
              if (inWindow) {
                const gap = now - Math.max(lastAt[i] as number, windowStartAt)
                if (gap > (maxGap[i] as number)) maxGap[i] = gap
                if (lastTickAt > 0) bump(delays, Math.floor(Math.max(0, now - lastTickAt) / 10), found)
              }
              lastAt[i] = now
            }
            return true
          }
        }
      })
      socket.on('connect', () => {
        socket.write(
          `GET ${path(token)} HTTP/1.1\r\nhost: ${s.host}:${s.port}\r\naccept: text/event-stream\r\n` +
            `${s.auth === 'bearer' ? `authorization: Bearer ${token}\r\n` : ''}\r\n`
        )
      })
      socket.on('error', (err) => {
        if (state[i] !== 1) giveUp(String(err))
        else lastErr = String(err)
      })
      socket.on('close', () => {
        if (state[i] === 1) {
          state[i] = 2
          open--
          if (inWindow) closedInWindow++
        } else if (!settled && !headersSeen) giveUp('closed before the response')
      })
    })

  for (let i = 0; i < n; i += s.sampleEvery) sampled.set(i, { text: '', ticket: 0 })
  let next = 0
  let lastProgress = 0
  await Promise.all(
    Array.from({ length: Math.min(s.inFlight, n) }, async () => {
      while (next < n) {
        const i = next++
        const userId = `${s.userPrefix}${s.from + i}`
        const token =
          s.auth === 'bearer'
            ? await signDevToken(config, userId, 'buyer', { ttlSec: 3600 })
            : queueTokens.sign({ saleId: s.saleId, userId, ticket: s.tickets?.[i] ?? 0 })
        await connectOne(i, token, 0)
        if (Date.now() - lastProgress > 2000) {
          lastProgress = Date.now()
          process.send?.({ type: 'progress', open, failed })
        }
      }
    })
  )
  process.send?.({ type: 'connected', connected: open, failed, lastErr })

  const loop = monitorEventLoopDelay({ resolution: 10 })
  let cpu0 = process.cpuUsage()
  let openAtStart = 0
  process.on('message', (m: { type: string; phase?: string }) => {
    if (m.type !== 'window') return
    if (m.phase === 'start') {
      base.set(events)
      maxGap.fill(0)
      delays.clear()
      closedInWindow = 0
      windowStartAt = Date.now()
      openAtStart = open
      cpu0 = process.cpuUsage()
      loop.reset()
      loop.enable()
      inWindow = true
      return
    }
    inWindow = false
    loop.disable()
    const end = Date.now()
    const counts = new Map<number, number>()
    const gaps = new Map<number, number>()
    for (let i = 0; i < n; i++) {
      if (state[i] !== 1) continue
      bump(counts, (events[i] as number) - (base[i] as number))
      const gap = Math.max(maxGap[i] as number, end - Math.max(lastAt[i] as number, windowStartAt))
      bump(gaps, Math.floor(gap / 100))
    }
    const cpu = process.cpuUsage(cpu0)
    const report: WindowReport = {
      type: 'report',
      openAtStart,
      openAtEnd: open,
      closedInWindow,
      eventsPerStream: toHistogram(counts),
      maxGap100ms: toHistogram(gaps),
      delay10ms: toHistogram(delays),
      sampled: sampled.size,
      sampledEvents,
      badEvents,
      badExample,
      cpuSec: (cpu.user + cpu.system) / 1e6,
      rssMb: Math.round(process.memoryUsage().rss / 1e6),
      loopDelayP99Ms: Number((loop.percentile(99) / 1e6).toFixed(1)),
      loopDelayMaxMs: Number((loop.max / 1e6).toFixed(1))
    }
    process.send?.(report)
  })
}

process.on('message', (m: { type: string }) => {
  if (m.type === 'start')
    start(m as StartMessage).catch((err) => {
      process.send?.({ type: 'connected', connected: 0, failed: -1, lastErr: String(err) })
    })
  else if (m.type === 'stop') process.exit(0)
})
