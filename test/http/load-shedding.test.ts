import type { FastifyPluginAsync } from 'fastify'
import { Registry } from 'prom-client'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { type App, build } from '../../src/http/app.ts'
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
