import type { FastifyReply } from 'fastify'

/**
 * Security headers set on every response. The API serves JSON, so the defaults forbid everything a
 * browser could do with a response; HTML pages (the web UI, later) get {@link HTML_CSP} instead.
 * A route that sets one of these headers itself keeps its own value.
 */

/** For JSON and text: nothing may load, nothing may frame us. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

/** For HTML pages served by us: our own scripts, styles and API only; no inline script, no framing. */
export const HTML_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'"
].join('; ')

const ALWAYS: ReadonlyArray<readonly [string, string]> = [
  ['x-content-type-options', 'nosniff'],
  ['referrer-policy', 'no-referrer'],
  ['x-frame-options', 'DENY'],
  ['cross-origin-resource-policy', 'same-origin'],
  ['cross-origin-opener-policy', 'same-origin']
]

/**
 * Strict-Transport-Security for answers that went out over TLS: browsers then use HTTPS only for a
 * year. No `includeSubDomains`: other hosts under the same domain are not ours to decide for.
 */
export const HSTS = 'max-age=31536000'

/**
 * Adds the security headers a reply lacks. CORS stays closed: no Access-Control-* header is ever
 * added, so browsers refuse cross-origin reads of the API. HSTS only when the request came over
 * TLS (`request.protocol`: the socket's own, or `X-Forwarded-Proto` from a proxy in
 * `FC_TRUST_PROXY`, never from anyone else): over plain HTTP it would be ignored, or a lie.
 */
export function applySecurityHeaders(reply: FastifyReply): void {
  for (const [name, value] of ALWAYS) {
    if (!reply.hasHeader(name)) reply.header(name, value)
  }
  if (reply.request.protocol === 'https' && !reply.hasHeader('strict-transport-security'))
    reply.header('strict-transport-security', HSTS)
  if (!reply.hasHeader('content-security-policy')) {
    const type = String(reply.getHeader('content-type') ?? '')
    reply.header('content-security-policy', type.startsWith('text/html') ? HTML_CSP : API_CSP)
  }
  // API answers are per-user and change by the second; static assets set their own caching.
  if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store')
}
