import type { FastifyPluginAsync } from 'fastify'
import { afterEach, describe, expect, it } from 'vitest'
import { type App, build } from '../../src/http/app.ts'
import { authenticate, signDevToken } from '../../src/http/auth.ts'
import { isOperatorChange } from '../../src/http/request-log.ts'
import { captureLogs, testConfig } from './helpers.ts'

const apps: App[] = []
afterEach(async () => {
  while (apps.length > 0) await apps.pop()?.close()
})

// A buyer's hold and an operator's change, without the datastores behind them.
const routes: FastifyPluginAsync = async (app) => {
  app.post('/v1/events/:id/holds', async (_req, reply) => reply.code(201).send({ holdId: 'h' }))
  app.post('/v1/admin/events/:id/pause', { onRequest: authenticate }, async () => ({ status: 'paused' }))
  app.post('/v1/admin/events/:id/refused', async (_req, reply) => reply.code(409).send({ code: 'FC_X' }))
  app.get('/v1/admin/events', async () => [])
}

async function start(level: string, env: Record<string, string> = {}) {
  const config = testConfig(env)
  const logs = captureLogs(config, level)
  const app = await build({ config, logger: logs.logger, plugins: [routes] })
  apps.push(app)
  const admin = await signDevToken(config, 'ops-1', 'admin')
  return { app, logs, admin }
}

const HOLDS = 300

async function holds(app: App): Promise<void> {
  const answers = await Promise.all(
    Array.from({ length: HOLDS }, () => app.inject({ method: 'POST', url: '/v1/events/s1/holds' }))
  )
  expect(answers.every((a) => a.statusCode === 201)).toBe(true)
}

describe('request logs', () => {
  it('at info: no line per request, one line per operator change (with who made it)', async () => {
    const { app, logs, admin } = await start('info')
    await holds(app)
    const authorization = `Bearer ${admin}`
    expect(
      (await app.inject({ method: 'POST', url: '/v1/admin/events/s1/pause', headers: { authorization } }))
        .statusCode
    ).toBe(200)
    await app.inject({ method: 'POST', url: '/v1/admin/events/s1/refused', headers: { authorization } })
    await app.inject({ method: 'GET', url: '/v1/admin/events', headers: { authorization } })
    const perRequest = logs.lines.filter((l) => l.req !== undefined)
    expect(perRequest.map((l) => [l.msg, (l.req as { url: string }).url, l.admin])).toEqual([
      ['operator change', '/v1/admin/events/s1/pause', 'ops-1']
    ])
  })

  it('at debug: exactly one line per request, every accepted hold included', async () => {
    const { app, logs } = await start('debug')
    await holds(app)
    const completed = logs.lines.filter((l) => l.msg === 'request completed')
    expect(completed).toHaveLength(HOLDS)
    expect(completed.every((l) => (l.res as { statusCode: number }).statusCode === 201)).toBe(true)
    expect(logs.lines.filter((l) => l.msg === 'incoming request')).toHaveLength(0)
  })

  it('at info with a sample: the sampled share only', async () => {
    const config = testConfig({ FC_LOG_REQUEST_SAMPLE: '0.1' })
    expect(config.logRequestSample).toBe(0.1)
    const { app, logs } = await start('info', { FC_LOG_REQUEST_SAMPLE: '1' })
    await holds(app)
    expect(logs.lines.filter((l) => l.msg === 'request completed (sampled)')).toHaveLength(HOLDS)
  })

  it('counts as an operator change only a successful mutating admin request', () => {
    expect(isOperatorChange('POST', '/v1/admin/events', 201)).toBe(true)
    expect(isOperatorChange('DELETE', '/v1/admin/blocks/x', 204)).toBe(true)
    expect(isOperatorChange('GET', '/v1/admin/events', 200)).toBe(false)
    expect(isOperatorChange('POST', '/v1/admin/events', 409)).toBe(false)
    expect(isOperatorChange('POST', '/v1/events/s1/holds', 201)).toBe(false)
  })

  it('pretty lines by default in development only', () => {
    expect(testConfig().logPretty).toBe(false)
    expect(testConfig({ NODE_ENV: 'development', FC_JWT_SECRET: 'x'.repeat(32) }).logPretty).toBe(true)
    expect(testConfig({ NODE_ENV: 'development', FC_LOG_PRETTY: '0' }).logPretty).toBe(false)
    expect(testConfig({ FC_LOG_PRETTY: '1' }).logPretty).toBe(true)
  })
})
