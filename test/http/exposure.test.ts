/**
 * Headers and exposure: the HTML CSP on the web app's pages, the client address behind trusted
 * proxies only, and no secret in the logs of a whole runtime under normal use, refusals and blocks.
 */

import { randomUUID } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { afterAll, describe, expect, it } from 'vitest'
import { build } from '../../src/http/app.ts'
import { API_CSP, HTML_CSP } from '../../src/http/security.ts'
import { clientAddress } from '../../src/http/traffic-guard.ts'
import { webRoutes } from '../../src/http/web.ts'
import { createHarness, seatedSale } from '../support/harness.ts'
import { captureLogs, testConfig } from './helpers.ts'

const dirs: string[] = []
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

describe('web pages', () => {
  it('get the HTML CSP, assets and API answers the strict one; no CORS', async () => {
    const root = mkdtempSync(join(tmpdir(), 'fc-web-'))
    dirs.push(root)
    mkdirSync(join(root, 'assets'))
    writeFileSync(
      join(root, 'index.html'),
      '<!doctype html><title>x</title><script src="/assets/app.js"></script>'
    )
    writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)')
    const app = await build({ config: testConfig(), logger: false, plugins: [webRoutes(root)] })
    try {
      for (const url of ['/', '/index.html', '/events/e000000000000001']) {
        const res = await app.inject({ method: 'GET', url, headers: { origin: 'https://evil.example' } })
        expect(res.statusCode, url).toBe(200)
        expect(res.headers['content-type'], url).toMatch(/^text\/html/)
        expect(res.headers['content-security-policy'], url).toBe(HTML_CSP)
        expect(res.headers['x-frame-options']).toBe('DENY')
        expect(res.headers['x-content-type-options']).toBe('nosniff')
        expect(res.headers['access-control-allow-origin']).toBeUndefined()
      }
      const js = await app.inject({ method: 'GET', url: '/assets/app.js' })
      expect(js.statusCode).toBe(200)
      expect(js.headers['x-content-type-options']).toBe('nosniff')
      expect(js.headers['content-security-policy']).toBe(API_CSP)
      const api = await app.inject({
        method: 'GET',
        url: '/health',
        headers: { origin: 'https://evil.example' }
      })
      expect(api.headers['content-security-policy']).toBe(API_CSP)
      expect(api.headers['access-control-allow-origin']).toBeUndefined()
    } finally {
      await app.close()
    }
  })
})

describe('client address', () => {
  async function appWith(env: Record<string, string>) {
    const app = await build({
      config: testConfig(env),
      logger: false,
      plugins: [
        async (a: FastifyInstance) => {
          a.get('/v1/test/ip', async (req: FastifyRequest) => ({ ip: clientAddress(req) }))
        }
      ]
    })
    return app
  }

  it('believes X-Forwarded-For only from the configured proxies', async () => {
    const trusting = await appWith({ FC_TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' })
    const closed = await appWith({})
    try {
      const ask = async (app: typeof trusting, remoteAddress: string) =>
        (
          await app.inject({
            method: 'GET',
            url: '/v1/test/ip',
            remoteAddress,
            headers: { 'x-forwarded-for': '203.0.113.5' }
          })
        ).json().ip
      expect(await ask(trusting, '10.1.2.3')).toBe('203.0.113.5')
      expect(await ask(trusting, '198.51.100.1')).toBe('198.51.100.1')
      expect(await ask(closed, '10.1.2.3')).toBe('10.1.2.3')
      expect(await ask(closed, '::ffff:192.0.2.1')).toBe('192.0.2.1')
    } finally {
      await trusting.close()
      await closed.close()
    }
    expect(() => testConfig({ FC_TRUST_PROXY: 'everyone' })).toThrow(/FC_TRUST_PROXY/)
    expect(() => testConfig({ FC_TRUST_PROXY: '10.0.0.0/99' })).toThrow(/FC_TRUST_PROXY/)
  })

  it('per-IP defences follow the profile unless set', () => {
    expect(testConfig().traffic.ipLimits).toBe(false)
    expect(testConfig({ NODE_ENV: 'development' }).traffic.ipLimits).toBe(false)
    // testConfig's secrets are random: production accepts them (it refuses "p" x 40).
    const production = { NODE_ENV: 'production', FC_PAYMENT_ALLOW_SIMULATOR: '1' }
    expect(testConfig(production).traffic.ipLimits).toBe(true)
    expect(testConfig({ ...production, FC_IP_LIMITS: '0' }).traffic.ipLimits).toBe(false)
    expect(testConfig({ FC_IP_LIMITS: '1' }).traffic.ipLimits).toBe(true)
  })
})

describe('logs', () => {
  it('never carry a secret: bearer and access tokens, queue tokens, the JWT secret', async () => {
    const cap = captureLogs(testConfig())
    const h = await createHarness({ FC_IP_LIMITS: '1' }, { logger: cap.logger })
    try {
      const saleId = await h.createSale(seatedSale(1, 5))
      const access = (await h.admit(saleId, ['logged'])).get('logged')!
      const bearer = await h.userToken('logged')
      const secrets = [h.config.auth.jwtSecret, bearer, access, h.adminToken]
      const send = (headers: Record<string, string>, url = `/v1/events/${saleId}/holds`) =>
        h.rt.app.inject({
          method: 'POST',
          url,
          headers: { 'idempotency-key': randomUUID(), ...headers },
          payload: { seatId: 'A-1-1' }
        })
      expect((await send({ authorization: `Bearer ${bearer}`, 'x-access-token': access })).statusCode).toBe(
        201
      )
      await send({ authorization: `Bearer ${bearer}x` })
      await send({ authorization: `Bearer ${bearer}`, 'x-access-token': `${access}x` })
      const joined = await h.rt.app.inject({
        method: 'POST',
        url: `/v1/events/${saleId}/queue`,
        headers: { authorization: `Bearer ${bearer}` }
      })
      const queueToken = (joined.json() as { queueToken: string }).queueToken
      secrets.push(queueToken)
      await h.rt.app.inject({
        method: 'GET',
        url: `/v1/events/${saleId}/queue/stream?queueToken=${queueToken}x`
      })
      // An automatic block logs a warning naming the user, never their token.
      await h.rt.app.inject({
        method: 'PUT',
        url: '/v1/admin/rate-limits',
        headers: { authorization: `Bearer ${h.adminToken}` },
        payload: { autoBlock: { userPerSec: 2 } }
      })
      for (let i = 0; i < 5; i++) await send({ authorization: `Bearer ${bearer}`, 'x-access-token': access })
      const text = cap.text()
      expect(text).toContain('automatic block')
      for (const s of secrets)
        expect(text.includes(s), `a secret of ${s.length} chars is in the logs`).toBe(false)
    } finally {
      await h.close()
    }
  })
})
