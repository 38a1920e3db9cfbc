import { existsSync } from 'node:fs'
import { basename, dirname, join, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import fastifyStatic from '@fastify/static'
import type { FastifyPluginAsync } from 'fastify'
import { HTML_CSP } from './security.ts'

/** Where `vite build web` writes the web app. */
export const WEB_DIST = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'web', 'dist')

/**
 * The page paths of the single-page app: each answers with index.html and the app routes on the
 * client. Listed rather than caught with a wildcard, so an unknown `/v1/...` path still gets the
 * API's JSON 404 and never an HTML page.
 */
export const PAGE_PATHS = [
  '/',
  '/me',
  '/admin',
  '/admin/',
  '/events/:id',
  '/events/:id/draw',
  '/admin/events/:id',
  '/admin/events/:id/report',
  '/admin/dead-letters',
  '/admin/traffic',
  '/admin/webhooks'
] as const

/**
 * A file Vite named after its content (`assets/<name>-<hash>.<ext>`, the hash 8 characters of
 * [A-Za-z0-9_-]): its bytes never change under that name, so browsers may keep it for good.
 */
const HASHED_ASSET = /^.+-[A-Za-z0-9_-]{8}\.[A-Za-z0-9]+$/

/** The cache policy of a file served from `root`: immutable for hashed assets, revalidated otherwise. */
function cacheControlOf(root: string, path: string): string {
  const inAssets = path.startsWith(`${join(root, 'assets')}${sep}`)
  return inAssets && HASHED_ASSET.test(basename(path)) ? 'public, max-age=31536000, immutable' : 'no-cache'
}

/**
 * Serves the built web app (`web/dist`): assets with a content hash in their name cached for a
 * year as `immutable`, everything else revalidated (`no-cache`), the page paths with index.html
 * (HTML CSP). Without a build, nothing is registered and the API runs alone (`npm run build:web`
 * makes one).
 */
export function webRoutes(root: string = WEB_DIST): FastifyPluginAsync {
  return async (app) => {
    if (!existsSync(join(root, 'index.html'))) {
      app.log.warn({ root }, 'web app not built: run `npm run build:web` to serve the pages')
      return
    }
    await app.register(fastifyStatic, {
      root,
      prefix: '/',
      // Files are routed one by one, as they are at start: no catch-all route shadows the API's 404.
      wildcard: false,
      index: false,
      // Ours, not the library's `public, max-age=0`, which overrode what setHeaders said.
      cacheControl: false,
      setHeaders(reply, path) {
        reply.header('cache-control', cacheControlOf(root, path))
      }
    })
    for (const path of PAGE_PATHS) {
      app.get(path, (_req, reply) => {
        reply.header('content-security-policy', HTML_CSP)
        reply.header('cache-control', 'no-cache')
        return reply.sendFile('index.html')
      })
    }
  }
}
