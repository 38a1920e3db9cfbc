import type { SubjectLimit } from '../domain/traffic-ports.ts'
import type { TrafficPolicy } from '../services/traffic/rate-limiter.ts'

/**
 * The rate-limit policy table: which policy each route falls under, and each policy's default
 * limits per user, per client address (only with `FC_IP_LIMITS=1`) and per event overall. An
 * operator changes them at runtime with `PUT /v1/admin/rate-limits`; every process picks the change
 * up within a second. `docs/security.md` explains the numbers.
 *
 * Defaults are generous for people and tight for machines: a person clicks a few times a second at
 * most, so per-user buckets of 60 with 20/s never stop one, while a script sending thousands is cut
 * after the first 60. They also let the concurrency suites through unchanged (50 retries of one
 * Idempotency-Key at once; 2,000 users x 3 holds; 10,000 users x 3 claims on one event).
 */

const limit = (burst: number, perSec: number, windowLimit = 0, windowSec = 60): SubjectLimit => ({
  burst,
  perSec,
  windowLimit,
  windowSec
})

/** The route policy names; `none` is not limited at all (`/health`, which does no work). */
export const POLICY_NAMES = [
  'hold',
  'claim',
  'hold-change',
  'queue-join',
  'queue-read',
  'challenge',
  'read',
  'seat-map',
  'admin',
  'dev-token',
  'failures',
  'default'
] as const

export type PolicyName = (typeof POLICY_NAMES)[number]

/** Default limits and auto-block thresholds. */
export const DEFAULT_TRAFFIC_POLICY: TrafficPolicy = {
  policies: {
    // Taking stock: bursts for double clicks and retries, a minute's ceiling for scripts.
    hold: { user: limit(60, 20, 600), ip: limit(600, 200), event: limit(50_000, 20_000) },
    claim: { user: limit(60, 20, 600), ip: limit(600, 200), event: limit(50_000, 20_000) },
    // Extend, release, confirm: a handful per hold.
    'hold-change': { user: limit(60, 10, 300), ip: limit(600, 200) },
    // Joining is idempotent; a person joins once and refreshes now and then.
    'queue-join': { user: limit(20, 2, 120), ip: limit(300, 100), event: limit(200_000, 100_000) },
    // Polls, heartbeats, streams.
    'queue-read': { user: limit(60, 10, 1200), ip: limit(1200, 400) },
    challenge: { user: limit(20, 2, 120), ip: limit(300, 100) },
    // Public reads and the buyer's own status polls.
    read: { user: limit(200, 100), ip: limit(1200, 400), event: limit(200_000, 100_000) },
    // The seat map's reads (layout, state, the whole map, the change stream): served from a shared
    // snapshot, but the largest bodies, so a knob of their own and tighter budgets. A buyer's page
    // reads the layout and state once, then follows the stream.
    'seat-map': { user: limit(30, 5, 600), ip: limit(300, 100), event: limit(50_000, 20_000) },
    admin: { user: limit(1000, 500) },
    'dev-token': { ip: limit(100, 20) },
    // Not a route: requests from one address that failed before doing anything (no or a bad token,
    // a body or parameter the schema refuses, a path or sale that does not exist). Checked before
    // authentication, so a flood of junk stops costing token checks and look-ups; a person with an
    // expired session causes a handful.
    failures: { ip: limit(60, 2) },
    default: { user: limit(120, 40), ip: limit(600, 200) }
  },
  autoBlock: {
    userPerSec: 60,
    ipDistinctUsers: 100,
    fingerprintDistinctUsers: 20,
    distinctWindowSec: 10,
    blockSec: 120
  }
}

/**
 * Which policy each route falls under, by `METHOD /route/pattern`. Routes not listed here fall under
 * `default` (so a new route is limited from the start), and `none` exempts a route.
 */
export const ROUTE_POLICIES: Readonly<Record<string, PolicyName | 'none'>> = {
  'GET /health': 'none',
  // The payment provider's signed callbacks: one per payment change, from a few provider
  // addresses; limiting them would only make the provider retry. A forged one costs one HMAC.
  'POST /v1/payments/callback': 'none',
  'POST /v1/dev/token': 'dev-token',
  'POST /v1/events/:id/holds': 'hold',
  'POST /v1/events/:id/claims': 'claim',
  'POST /v1/holds/:holdId/extend': 'hold-change',
  'DELETE /v1/holds/:holdId': 'hold-change',
  'POST /v1/holds/:holdId/confirm': 'hold-change',
  'POST /v1/events/:id/queue': 'queue-join',
  // Redeeming a code is part of joining (a person does it once); wrong codes have their own,
  // tighter guess limit in the redemption script.
  'POST /v1/events/:id/access': 'queue-join',
  'GET /v1/events/:id/access': 'read',
  'GET /v1/events/:id/queue': 'queue-read',
  'POST /v1/events/:id/queue/heartbeat': 'queue-read',
  'GET /v1/events/:id/queue/stream': 'queue-read',
  'GET /v1/events/:id/queue/fairness': 'read',
  'GET /v1/events/:id/queue/fairness/commitment': 'read',
  'GET /v1/events/:id/queue/fairness/entrants': 'read',
  'GET /v1/events/:id/queue/fairness/proof': 'read',
  'POST /v1/events/:id/challenge': 'challenge',
  'GET /v1/events/:id': 'read',
  'GET /v1/events/:id/seats': 'seat-map',
  'GET /v1/events/:id/seats/layout': 'seat-map',
  'GET /v1/events/:id/seats/state': 'seat-map',
  'GET /v1/events/:id/seats/stream': 'seat-map',
  'GET /v1/reservations/:id': 'read',
  'GET /v1/claims/:id': 'read',
  'GET /v1/me/reservations': 'read',
  'GET /v1/me/stream': 'read'
}

/** The policy of a route: its entry in {@link ROUTE_POLICIES}, `admin` for admin routes, else `default`. */
export function policyOf(method: string, url: string): PolicyName | 'none' {
  const listed = ROUTE_POLICIES[`${method} ${url}`]
  if (listed) return listed
  if (url.startsWith('/v1/admin/')) return 'admin'
  // Static files of the web app (served from `/`) count as reads.
  if (method === 'GET' && !url.startsWith('/v1/')) return 'read'
  return 'default'
}
