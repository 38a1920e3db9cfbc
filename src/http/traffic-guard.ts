import { isIP } from 'node:net'
import type { FastifyPluginAsync, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { CHILD_ID, SALE_ID } from '../domain/ids.ts'
import type { BlockKind } from '../domain/traffic-ports.ts'
import { FcError } from '../errors.ts'
import type { Blocklist } from '../services/traffic/blocklist.ts'
import type { BlockDecision, BotDetector } from '../services/traffic/bot-detector.ts'
import type { ChallengeSolution } from '../services/traffic/challenge-service.ts'
import type { RateLimiter } from '../services/traffic/rate-limiter.ts'
import { type PolicyName, policyOf } from './rate-limits.ts'

/** What the queue join route needs to check proof-of-work (`ChallengeService`). */
export interface ChallengeGate {
  verifyAndConsume(saleId: string, userId: string, solution: ChallengeSolution | undefined): Promise<void>
}

/** Which sales exist (`KnownSales`): requests naming another sale id are refused before any work. */
export interface SaleGate {
  has(saleId: string): boolean
  exists(saleId: string): Promise<boolean>
}

/** The traffic defences {@link trafficPlugin} puts in front of every route. */
export interface TrafficControl {
  limiter: RateLimiter
  blocklist: Blocklist
  detector: BotDetector
  challenges: ChallengeGate
  /** Without it every sale id is let through to the handler (apps built without a database). */
  sales?: SaleGate
}

/** One route of the app, as {@link trafficPlugin} saw it registered. */
export interface RouteEntry {
  method: string
  url: string
  policy: PolicyName | 'none'
  /** Which parts of the request the route's schema validates. */
  validates: { body: boolean; params: boolean; querystring: boolean; headers: boolean }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered after the traffic plugin (the authorization matrix and fuzz tests walk it). */
    routeCatalogue: RouteEntry[]
    /** Proof-of-work checks for the queue join route. */
    challenges: ChallengeGate
  }
}

/** The client fingerprint header (client-supplied, so only a hint: a bot can drop or vary it). */
export const FINGERPRINT_HEADER = 'x-client-fingerprint'
const FINGERPRINT = /^[A-Za-z0-9_.:+/=-]{8,128}$/

/** The client's address as limits and blocks see it: IPv4-mapped IPv6 addresses as plain IPv4. */
export function clientAddress(req: FastifyRequest): string {
  const ip = req.ip ?? ''
  return ip.startsWith('::ffff:') && ip.includes('.') ? ip.slice(7) : ip
}

/**
 * What per-address limits count an address as: itself for IPv4, its /64 for IPv6. One IPv6
 * subscriber usually holds a whole /64 (2^64 addresses), so counting single addresses would let
 * one client take a fresh budget with every request. As `2001:db8:1:2::/64`.
 */
export function addressKey(ip: string): string {
  if (isIP(ip) !== 6) return ip
  return `${ipv6Groups(ip).slice(0, 4).join(':')}::/64`
}

/** The eight 16-bit groups of an IPv6 address, in lower-case hex without leading zeros. */
function ipv6Groups(ip: string): string[] {
  const zone = ip.indexOf('%')
  const bare = zone < 0 ? ip : ip.slice(0, zone)
  const [head = '', tail] = bare.split('::') as [string, string | undefined]
  const part = (s: string) => (s === '' ? [] : s.split(':'))
  let groups = part(head)
  if (tail !== undefined) {
    const back = part(tail)
    groups = [...groups, ...Array(8 - groups.length - back.length).fill('0'), ...back]
  }
  // An embedded IPv4 tail (a.b.c.d) is two groups; only the first four groups matter here.
  return groups.map((g) => (g.includes('.') ? g : Number.parseInt(g, 16).toString(16)))
}

function fingerprintOf(req: FastifyRequest): string | undefined {
  const value = req.headers[FINGERPRINT_HEADER]
  return typeof value === 'string' && FINGERPRINT.test(value) ? value : undefined
}

/** The sale a request is about, from its validated path parameters ('' for none). */
export function saleIdOf(params: unknown): string {
  if (params === null || typeof params !== 'object') return ''
  for (const value of Object.values(params)) {
    if (typeof value !== 'string') continue
    if (SALE_ID.test(value)) return value
    const child = CHILD_ID.exec(value)
    if (child?.[1]) return child[1]
  }
  return ''
}

/** The policy of failed requests per address (see the onRequest hook). */
const FAILURES_POLICY: PolicyName = 'failures'

/**
 * Answers that mean the request failed before doing any work: a schema refusal, no or a bad token,
 * an unknown path or sale, an oversized or non-JSON body. Not 403: a blocked client is refused
 * already, and the other refusals (another user's hold, a wrong proof-of-work) come after checks
 * that have their own limits.
 */
const FAILED: ReadonlySet<number> = new Set([400, 401, 404, 405, 413, 415])

function tooManyFailures(waitMs: number): FcError {
  const retryAfterSec = Math.max(1, Math.ceil(waitMs / 1000))
  return new FcError(
    'FC_RATE_LIMITED',
    `Too many failed requests from your network address: retry after ${retryAfterSec} s`,
    { retryAfterSec, details: { limit: 'ip', policy: FAILURES_POLICY } }
  )
}

function isAdminRoute(url: string): boolean {
  return url.startsWith('/v1/admin/')
}

const traffic: FastifyPluginAsync<{ control: TrafficControl }> = async (app, { control }) => {
  const { limiter, blocklist, detector, sales } = control
  app.decorate('challenges', control.challenges)
  app.decorate('routeCatalogue', [] as RouteEntry[])
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method]
    for (const method of methods) {
      // fastify adds a HEAD route for every GET: the same handler, hooks and policy.
      if (method === 'HEAD') continue
      app.routeCatalogue.push({
        method,
        url: route.url,
        policy: policyOf(method, route.url),
        validates: {
          body: route.schema?.body !== undefined,
          params: route.schema?.params !== undefined,
          querystring: route.schema?.querystring !== undefined,
          headers: route.schema?.headers !== undefined
        }
      })
    }
  })

  const blockAndRefuse = async (req: FastifyRequest, kind: BlockKind, value: string, reason: string) => {
    if (!blocklist.find(kind, value)) {
      await blocklist.add({ kind, value, reason, ttlSec: limiter.policy.autoBlock.blockSec, auto: true })
      req.log.warn({ block: { kind, value, reason } }, 'automatic block')
    }
    blocklist.assertAllowed(kind, value)
  }

  // Blocked addresses and fingerprints are refused before anything else runs, bearer checks included,
  // on every route of the public listener (`/health` and unknown paths too: a blocked client learns
  // nothing). Admin routes are exempt: an operator must always be able to lift a block, even their own.
  //
  // Then the address's budget of failed requests (`failures`, with FC_IP_LIMITS=1): requests that
  // failed before doing anything (no or a bad token, a schema refusal, an unknown path or sale) are
  // counted when answered, and once an address has spent its budget every request from it is
  // refused here, before a token is checked or a body parsed. Admin routes too: their tokens are
  // the ones most worth guessing. One in-memory look, no Redis call.
  app.addHook('onRequest', (req, _reply, done) => {
    const url = req.routeOptions.url
    const ip = addressKey(clientAddress(req))
    if (url === undefined || !isAdminRoute(url)) {
      try {
        blocklist.assertAllowed('ip', ip)
        blocklist.assertAllowed('fp', fingerprintOf(req))
      } catch (err) {
        return done(err as Error)
      }
    }
    const wait = limiter.waitFor(FAILURES_POLICY, 'ip', ip)
    if (wait > 0) return done(tooManyFailures(wait))
    done()
  })

  app.addHook('onResponse', (req, reply, done) => {
    if (FAILED.has(reply.statusCode))
      limiter.record({
        policy: FAILURES_POLICY,
        saleId: '',
        ip: addressKey(clientAddress(req)),
        mutating: false
      })
    done()
  })

  /** The blocklist, the bot detector and the rate limits, for a request about a known sale (or none). */
  const screen = (
    req: FastifyRequest,
    policy: PolicyName,
    saleId: string,
    admin: boolean,
    done: (err?: Error) => void
  ) => {
    const userId = req.user?.id
    // IPv6 clients count as their /64 here: limits, the detector's distinct users, blocks.
    const ip = addressKey(clientAddress(req))
    const mutating = !admin && req.method !== 'GET' && req.method !== 'HEAD'
    // Blocks the bot detector asked for (blockAndRefuse throws for the request), then goes on.
    const blockThen = (decisions: BlockDecision[], next: () => void) => {
      const run = async () => {
        for (const d of decisions) await blockAndRefuse(req, d.kind, d.value, d.reason)
      }
      run().then(next).catch(done)
    }
    const limit = () => {
      const outcome = limiter.check({
        policy,
        saleId,
        ip,
        mutating,
        ...(userId === undefined ? {} : { userId })
      })
      const verdict = () => done(outcome.ok ? undefined : outcome.error)
      // The pace counts every process's requests as of the last sync: a bot spreading over
      // instances is caught here.
      if (userId !== undefined && detector.paceExceeded(outcome.pace))
        return blockThen([detector.paceBlock(userId)], verdict)
      verdict()
    }
    try {
      if (!admin) {
        blocklist.assertAllowed('user', userId)
        const fingerprint = fingerprintOf(req)
        const decisions = detector.observe({
          ip,
          mutating,
          ...(userId === undefined ? {} : { userId }),
          ...(fingerprint === undefined ? {} : { fingerprint })
        })
        if (decisions.length > 0) return blockThen(decisions, limit)
      }
      limit()
    } catch (err) {
      done(err as Error)
    }
  }

  // After authentication and validation (the sale id is known to be well formed), before the handler:
  // nothing a refused request would have changed has been touched yet. Callback-style: the common
  // path decides in memory and needs no promise; only a new automatic block waits for Redis, and a
  // sale id this process does not know waits for the next look-up of the sale list.
  app.addHook('preHandler', (req, _reply, done) => {
    const url = req.routeOptions.url
    if (url === undefined) return done()
    const policy = policyOf(req.method, url)
    if (policy === 'none') return done()
    const admin = isAdminRoute(url)
    const saleId = saleIdOf(req.params)
    // A made-up sale id is refused before the detector, the limiter and the handler see it: it
    // neither costs a look-up of its own nor opens a budget of its own.
    if (!admin && saleId !== '' && sales && !sales.has(saleId)) {
      sales
        .exists(saleId)
        .then(
          (known) =>
            known
              ? screen(req, policy, saleId, admin, done)
              : done(new FcError('FC_NOT_FOUND', 'No such sale')),
          done
        )
      return
    }
    screen(req, policy, saleId, admin, done)
  })
}

/**
 * Traffic control in front of every route registered after it: blocklist checks (addresses and
 * fingerprints before authentication, users after), the bot detector, and rate limits per route
 * policy (`src/http/rate-limits.ts`). Also records the route catalogue and exposes the
 * proof-of-work gate to the queue join route.
 */
export const trafficPlugin = fp(traffic, { name: 'firstcome-traffic', fastify: '5.x' })
