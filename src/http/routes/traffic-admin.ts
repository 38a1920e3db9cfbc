import { isIP } from 'node:net'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { BlockEntry, BlockKind } from '../../domain/traffic-ports.ts'
import { FcError } from '../../errors.ts'
import type { Blocklist } from '../../services/traffic/blocklist.ts'
import type { RateLimiter, TrafficOverrides } from '../../services/traffic/rate-limiter.ts'
import { requireAdmin } from '../auth.ts'
import { ROUTE_POLICIES } from '../rate-limits.ts'
import {
  ADMIN,
  BlockList,
  BlockQuery,
  BlockRemoved,
  BlockRequest,
  BlockView,
  errorResponses,
  RateLimitOverrides,
  RateLimitsResponse,
  WITH_BODY
} from '../schemas.ts'
import { addressKey } from '../traffic-guard.ts'

/** The one target of a block request: exactly one of ip, userId, fingerprint. */
function target(q: {
  ip?: string | undefined
  userId?: string | undefined
  fingerprint?: string | undefined
}): {
  kind: BlockKind
  value: string
} {
  const given = [
    q.ip === undefined ? undefined : { kind: 'ip' as const, value: q.ip },
    q.userId === undefined ? undefined : { kind: 'user' as const, value: q.userId },
    q.fingerprint === undefined ? undefined : { kind: 'fp' as const, value: q.fingerprint }
  ].filter((t) => t !== undefined)
  const [one] = given
  if (!one || given.length !== 1)
    throw new FcError('FC_VALIDATION', 'Name exactly one of ip, userId, fingerprint')
  if (one.kind === 'ip') {
    const [address = '', prefix] = one.value.split('/')
    const family = isIP(address)
    if (family === 0 || (prefix !== undefined && family !== 6))
      throw new FcError('FC_VALIDATION', 'ip is not an IPv4 or IPv6 address, or an IPv6 /64')
    // Stored as clients are seen (`clientAddress`, `addressKey`): IPv4-mapped IPv6 as plain IPv4,
    // other IPv6 as its /64.
    one.value = addressKey(
      address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address
    )
  }
  return one
}

function view(e: BlockEntry) {
  return {
    kind: e.kind,
    value: e.value,
    reason: e.reason,
    auto: e.auto,
    expiresAt: new Date(e.expiresAt).toISOString()
  }
}

/**
 * The operator's traffic controls (admins only): rate-limit policies changed at runtime (stored in
 * Redis, every process applies them within a second) and the blocklist.
 */
export function trafficAdminRoutes(limiter: RateLimiter, blocklist: Blocklist): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.addHook('onRequest', requireAdmin)

    const describe = () => ({
      ipLimits: limiter.ipLimits,
      routes: ROUTE_POLICIES,
      defaults: limiter.defaults,
      overrides: limiter.overrides,
      effective: limiter.policy
    })

    const tags = ['traffic']

    app.get(
      '/v1/admin/rate-limits',
      {
        schema: {
          summary: 'Rate-limit policies: defaults, overrides, in effect',
          tags,
          response: { 200: RateLimitsResponse, ...errorResponses(ADMIN) }
        }
      },
      async () => describe()
    )

    app.put(
      '/v1/admin/rate-limits',
      {
        schema: {
          summary: 'Replace the rate-limit overrides (`{}`: back to the defaults)',
          tags,
          body: RateLimitOverrides,
          response: { 200: RateLimitsResponse, ...errorResponses(ADMIN, WITH_BODY) }
        }
      },
      async (req) => {
        await limiter.setOverrides(req.body as TrafficOverrides)
        return describe()
      }
    )

    app.post(
      '/v1/admin/blocks',
      {
        schema: {
          summary: 'Block an address, a user or a client fingerprint for a while',
          tags,
          body: BlockRequest,
          response: { 201: BlockView, ...errorResponses(ADMIN, WITH_BODY) }
        }
      },
      async (req, reply) => {
        const { kind, value } = target(req.body)
        const entry = await blocklist.add({
          kind,
          value,
          ttlSec: req.body.ttlSec,
          reason: req.body.reason,
          auto: false
        })
        reply.code(201)
        return view(entry)
      }
    )

    app.get(
      '/v1/admin/blocks',
      {
        schema: {
          summary: 'The blocklist',
          tags,
          response: { 200: BlockList, ...errorResponses(ADMIN) }
        }
      },
      async () => ({ blocks: (await blocklist.list()).map(view) })
    )

    app.delete(
      '/v1/admin/blocks',
      {
        schema: {
          summary: 'Lift a block',
          tags,
          querystring: BlockQuery,
          response: { 200: BlockRemoved, ...errorResponses(ADMIN, WITH_BODY, ['FC_NOT_FOUND']) }
        }
      },
      async (req) => {
        const { kind, value } = target(req.query)
        if (!(await blocklist.remove(kind, value))) throw new FcError('FC_NOT_FOUND', 'No such block')
        return { kind, value, removed: true as const }
      }
    )
  }
}
