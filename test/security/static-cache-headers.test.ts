/**
 * Caching and transport headers of what the public listener serves. Files whose names carry a
 * content hash (Vite's `assets/<name>-<hash>.<ext>`) never change under that name: they are
 * `immutable`, so browsers stop revalidating them; pages and other files are not. HSTS is sent
 * when the request came over TLS: directly, or through a trusted proxy's `X-Forwarded-Proto`
 * (anyone else's is not believed, and plain HTTP never gets it).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type App, build } from '../../src/http/app.ts'
import { webRoutes } from '../../src/http/web.ts'
import { testConfig } from '../http/helpers.ts'

const IMMUTABLE = 'public, max-age=31536000, immutable'
let root: string
const apps: App[] = []

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'fc-static-'))
  mkdirSync(join(root, 'assets'))
  writeFileSync(
    join(root, 'index.html'),
    '<!doctype html><title>x</title><script src="/assets/index-B2xY_9zQ.js"></script>'
  )
  writeFileSync(join(root, 'assets', 'index-B2xY_9zQ.js'), 'console.log(1)')
  writeFileSync(join(root, 'assets', 'seat-map-Dk3-aQ1p.css'), 'body{}')
  writeFileSync(join(root, 'assets', 'notes.txt'), 'no hash in this name')
  writeFileSync(join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>')
})
afterAll(async () => {
  await Promise.all(apps.map((a) => a.close()))
  rmSync(root, { recursive: true, force: true })
})

async function app(env: Record<string, string> = {}): Promise<App> {
  const a = await build({ config: testConfig(env), logger: false, plugins: [webRoutes(root)] })
  apps.push(a)
  return a
}

describe('static files', () => {
  it('with a content hash in the name are immutable; pages and other files are revalidated', async () => {
    const a = await app()
    for (const url of ['/assets/index-B2xY_9zQ.js', '/assets/seat-map-Dk3-aQ1p.css']) {
      const res = await a.inject({ method: 'GET', url })
      expect(res.statusCode, url).toBe(200)
      expect(res.headers['cache-control'], url).toBe(IMMUTABLE)
    }
    for (const url of ['/', '/index.html', '/favicon.svg', '/assets/notes.txt', '/events/e0123456789abcde']) {
      const res = await a.inject({ method: 'GET', url })
      expect(res.statusCode, url).toBe(200)
      expect(res.headers['cache-control'], url).toBe('no-cache')
    }
    // API answers are never cached.
    expect((await a.inject({ method: 'GET', url: '/health' })).headers['cache-control']).toBe('no-store')
  })
})

describe('HSTS', () => {
  it('is sent over TLS behind a trusted proxy, and only then', async () => {
    const trusting = await app({ FC_TRUST_PROXY: '10.0.0.0/8' })
    /** The HSTS header of `url` asked from `remoteAddress` with `X-Forwarded-Proto: proto`. */
    const hsts = async (a: App, url: string, remoteAddress: string, proto: string) =>
      (await a.inject({ method: 'GET', url, remoteAddress, headers: { 'x-forwarded-proto': proto } }))
        .headers['strict-transport-security']
    expect(await hsts(trusting, '/', '10.1.2.3', 'https')).toBe('max-age=31536000')
    expect(await hsts(trusting, '/health', '10.1.2.3', 'https')).toBe('max-age=31536000')
    // The same header from someone who is not a trusted proxy is not believed.
    expect(await hsts(trusting, '/', '198.51.100.9', 'https')).toBeUndefined()
    // Plain HTTP through the proxy, and a server that trusts no proxy, send none.
    expect(await hsts(trusting, '/', '10.1.2.3', 'http')).toBeUndefined()
    expect(await hsts(await app(), '/', '10.1.2.3', 'https')).toBeUndefined()
  })
})
