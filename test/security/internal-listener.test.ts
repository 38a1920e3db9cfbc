/**
 * Operational endpoints off the public port. Before, `/metrics` and `/ready` were on the public
 * listener: unauthenticated, unlimited, past the blocklist, with PostgreSQL and Kafka work per call,
 * and `/ready` listed every sale id, unpublished ones included. Now the public port keeps only a
 * cheap `/health` (which the blocklist covers), and `/ready` (full detail, probes cached) and
 * `/metrics` are on an internal listener, loopback:9464 by default; with `serve --processes N` the
 * primary serves it for the whole fleet. Tests take port 0, never 9464.
 */
import type { ChildProcess } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config/index.ts'
import { cachedReadiness } from '../../src/http/health.ts'
import { listenInternal } from '../../src/http/internal.ts'
import { spawnCli } from '../support/cli-process.ts'
import { createHarness, type Harness, seatedSale } from '../support/harness.ts'

let h: Harness
const children = new Set<ChildProcess>()

beforeAll(async () => {
  h = await createHarness({ FC_IP_LIMITS: '1' })
})
afterAll(async () => {
  for (const c of children) c.kill('SIGKILL')
  await h?.close()
})

describe('the public listener', () => {
  it('has no /ready and no /metrics; /health names no sale and passes the blocklist', async () => {
    const saleId = await h.createSale(seatedSale(1, 4))
    for (const url of ['/ready', '/metrics']) {
      const res = await h.rt.app.inject({ method: 'GET', url })
      expect(res.statusCode, url).toBe(404)
      expect(res.body).not.toContain(saleId)
    }
    const health = await h.rt.app.inject({ method: 'GET', url: '/health' })
    expect(health.statusCode).toBe(200)
    expect(health.json()).toEqual({ status: 'ok' })

    const block = await h.rt.app.inject({
      method: 'POST',
      url: '/v1/admin/blocks',
      headers: { authorization: `Bearer ${h.adminToken}` },
      payload: { ip: '203.0.113.77', ttlSec: 60, reason: 'test' }
    })
    expect(block.statusCode, block.body).toBe(201)
    for (const url of ['/health', '/no/such/path']) {
      const blocked = await h.rt.app.inject({ method: 'GET', url, remoteAddress: '203.0.113.77' })
      expect(blocked.statusCode, url).toBe(403)
      expect(blocked.json()).toMatchObject({ code: 'FC_BLOCKED' })
    }
    expect(
      (await h.rt.app.inject({ method: 'GET', url: '/health', remoteAddress: '203.0.113.78' })).statusCode
    ).toBe(200)
  })
})

describe('the internal listener', () => {
  it('serves /ready with every sale and /metrics on its own port (0 here: never the default 9464)', async () => {
    const saleId = await h.createSale(seatedSale(1, 4))
    expect(h.config.internal.port).toBe(0)
    const address = await listenInternal(h.rt.internal, h.config)
    expect(address).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(address).not.toMatch(/:9464$/)
    const ready = await fetch(`${address}/ready`)
    const body = (await ready.json()) as { ready: boolean; events: Record<string, boolean> }
    expect(body.events[saleId]).toBe(true)
    const metrics = await fetch(`${address}/metrics`)
    expect(metrics.status).toBe(200)
    expect(await metrics.text()).toContain('firstcome_dlq_depth')
  })

  it('runs the probes at most once per cache period, whatever the number of calls', async () => {
    let clock = 1_000
    let checks = 0
    const ready = cachedReadiness({
      probes: [
        {
          name: 'postgres',
          check: async () => {
            checks++
            return true
          }
        }
      ],
      probeTimeoutMs: 1000,
      cacheMs: 2000,
      now: () => clock
    })
    const answers = await Promise.all(Array.from({ length: 100 }, () => ready()))
    expect(answers.every((a) => a.ready)).toBe(true)
    expect(checks).toBe(1)
    clock += 1999
    await ready()
    expect(checks).toBe(1)
    clock += 1
    await ready()
    expect(checks).toBe(2)
  })

  it('is loopback:9464 by default, configurable, and can be turned off', () => {
    expect(loadConfig({}).internal).toEqual({ host: '127.0.0.1', port: 9464, readyCacheMs: 2000 })
    expect(loadConfig({ FC_INTERNAL_HOST: '10.0.0.5', FC_INTERNAL_PORT: '9100' }).internal).toMatchObject({
      host: '10.0.0.5',
      port: 9100
    })
    expect(loadConfig({ FC_INTERNAL_PORT: 'off' }).internal.port).toBeNull()
    expect(() => loadConfig({ FC_INTERNAL_PORT: 'nine' })).toThrow(/FC_INTERNAL_PORT/)
  })

  it('with `serve --processes 2`, the primary serves it for the fleet: both workers ready, metrics summed', async () => {
    const server = spawnCli(h, ['serve', '--processes', '2'], {
      FC_WORKERS: '0',
      FC_INTERNAL_PORT: '0',
      FC_READY_CACHE_MS: '0'
    })
    const { child } = server
    children.add(child)
    const [, internal = ''] = await server.waitFor(/internal listener: (http:\/\/\S+)\/ready/)
    const ready = (await (await fetch(`${internal}/ready`)).json()) as {
      ready: boolean
      expected: number
      processes: Record<string, { ready: boolean; checks: Record<string, boolean> }>
    }
    expect(ready.expected).toBe(2)
    expect(Object.keys(ready.processes)).toHaveLength(2)
    for (const p of Object.values(ready.processes))
      expect(p.checks).toMatchObject({ redis: true, postgres: true })
    const text = await (await fetch(`${internal}/metrics`)).text()
    // One series per name for the fleet (the pipeline gauges take the largest, not the sum).
    expect(text.match(/^firstcome_dlq_depth /gm)).toHaveLength(1)
    expect(text).toContain('process_cpu_user_seconds_total')
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    await exited
    children.delete(child)
  })
})
