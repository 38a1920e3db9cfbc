import type { FastifyPluginAsync } from 'fastify'
import { Registry } from 'prom-client'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { FcError } from '../../src/errors.ts'
import { type App, build } from '../../src/http/app.ts'
import { toErrorReply } from '../../src/http/error-handler.ts'
import { testConfig } from './helpers.ts'

const apps: App[] = []
afterEach(async () => {
  vi.useRealTimers()
  while (apps.length > 0) await apps.pop()?.close()
})

/** A route that counts the requests it runs, and a stream that sends what the test pushes. */
function routes() {
  const handled = { count: 0 }
  const push: Array<(text: string) => void> = []
  const plugin: FastifyPluginAsync = async (app) => {
    app.post('/v1/events/:id/queue', async () => {
      handled.count++
      return { ticket: handled.count }
    })
    app.get('/v1/test/stream', (_req, reply) => {
      reply.hijack()
      reply.raw.writeHead(200, { 'content-type': 'text/event-stream' })
      reply.raw.write(': open\n\n')
      push.push((text) => reply.raw.write(`data: ${text}\n\n`))
    })
  }
  return { plugin, handled, push }
}

// Any heap is over one byte: the process is "overloaded" from the first sample on. The sample is
// taken by a timer, which the test moves by hand.
async function start(env: Record<string, string>) {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
  const config = testConfig(env)
  const metrics = new Registry()
  const r = routes()
  const app = await build({ config, logger: false, metrics, plugins: [r.plugin] })
  apps.push(app)
  return { app, metrics, ...r }
}

describe('overload shedding', () => {
  it('treats a refusal as a decision, not a fault: not logged at error, the internal 5xx still are', () => {
    const shed = toErrorReply(new FcError('FC_OVERLOADED', 'busy', { retryAfterSec: 2 }))
    expect(shed).toMatchObject({ internal: false, retryAfterSec: 2, body: { code: 'FC_OVERLOADED' } })
    expect(toErrorReply(new FcError('FC_INTERNAL', 'boom')).internal).toBe(true)
  })

  it('refuses new work with 503 FC_OVERLOADED and Retry-After, runs none of it, keeps /health', async () => {
    const { app, metrics, handled } = await start({ FC_SHED_HEAP_BYTES: '1', FC_SHED_RETRY_AFTER_SEC: '3' })
    // Before the first sample nothing is known, so nothing is refused.
    expect((await app.inject({ method: 'POST', url: '/v1/events/s1/queue' })).statusCode).toBe(200)
    vi.advanceTimersByTime(150)
    const answers = await Promise.all(
      Array.from({ length: 200 }, () => app.inject({ method: 'POST', url: '/v1/events/s1/queue' }))
    )
    expect(answers.map((a) => a.statusCode)).toEqual(Array(200).fill(503))
    expect(answers[0]?.json()).toMatchObject({ statusCode: 503, code: 'FC_OVERLOADED' })
    expect(answers[0]?.headers['retry-after']).toBe('3')
    expect(handled.count).toBe(1)
    expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200)
    const counter = await metrics.getSingleMetricAsString('firstcome_shed_total')
    expect(counter).toContain('firstcome_shed_total{reason="heapUsedBytes"} 200')
  })

  it('leaves an open stream streaming', async () => {
    const { app, push } = await start({ FC_SHED_HEAP_BYTES: '1' })
    await app.listen({ port: 0, host: '127.0.0.1' })
    const address = app.server.address()
    if (address === null || typeof address === 'string') throw new Error('no address')
    const res = await fetch(`http://127.0.0.1:${address.port}/v1/test/stream`)
    const reader = res.body!.getReader()
    const decoder = new TextDecoder()
    let text = decoder.decode((await reader.read()).value)
    expect(text).toContain(': open')
    vi.advanceTimersByTime(150)
    const refused = await app.inject({ method: 'POST', url: '/v1/events/s1/queue' })
    expect(refused.statusCode).toBe(503)
    push[0]?.('still here')
    while (!text.includes('still here')) text += decoder.decode((await reader.read()).value)
    expect(text).toContain('data: still here')
    await reader.cancel()
  })

  it('is off in the test profile unless set, and on (200 ms of event-loop delay) elsewhere', () => {
    expect(testConfig().shed).toMatchObject({ maxEventLoopDelayMs: 0, maxHeapUsedBytes: 0, maxRssBytes: 0 })
    expect(testConfig({ NODE_ENV: 'development' }).shed.maxEventLoopDelayMs).toBe(200)
    expect(testConfig({ FC_SHED_EVENT_LOOP_DELAY_MS: '500' }).shed.maxEventLoopDelayMs).toBe(500)
  })
})

describe('the connection cap', () => {
  it('answers a connection past the cap 503 FC_OVERLOADED at once, without running its request', async () => {
    vi.useRealTimers()
    const config = testConfig({ FC_SHED_MAX_CONNECTIONS: '3', FC_SHED_RETRY_AFTER_SEC: '4' })
    const metrics = new Registry()
    const r = routes()
    const app = await build({ config, logger: false, metrics, plugins: [r.plugin] })
    apps.push(app)
    await app.listen({ port: 0, host: '127.0.0.1' })
    const address = app.server.address()
    if (address === null || typeof address === 'string') throw new Error('no address')
    const { connect } = await import('node:net')
    const open = (): Promise<import('node:net').Socket> =>
      new Promise((resolve, reject) => {
        const s = connect(address.port, '127.0.0.1', () => resolve(s))
        s.once('error', reject)
      })
    // Three streams hold the three places.
    const held = await Promise.all([open(), open(), open()])
    for (const s of held) s.write('GET /v1/test/stream HTTP/1.1\r\nHost: x\r\n\r\n')
    await expect.poll(() => r.push.length).toBe(3)
    // The fourth is answered before it sends anything, and closed.
    const fourth = await open()
    const answer = await new Promise<string>((resolve) => {
      let text = ''
      fourth.on('data', (c) => {
        text += c.toString()
      })
      fourth.on('close', () => resolve(text))
    })
    expect(answer).toMatch(/^HTTP\/1\.1 503 /)
    expect(answer).toContain('Retry-After: 4')
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({ code: 'FC_OVERLOADED' })
    expect(r.handled.count).toBe(0)
    expect(await metrics.getSingleMetricAsString('firstcome_shed_total')).toContain(
      'firstcome_shed_total{reason="connections"} 1'
    )
    // A place frees when a connection closes: the next one is served.
    held[0]?.destroy()
    await expect
      .poll(async () => {
        const res = await fetch(`http://127.0.0.1:${address.port}/v1/events/s1/queue`, {
          method: 'POST'
        }).catch(() => undefined)
        return res?.status
      })
      .toBe(200)
    for (const s of held) s.destroy()
  })
})
