import { isIP } from 'node:net'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { type TSchema, Type } from '@sinclair/typebox'
import type { BlockEntry, BlockKind } from '../../domain/traffic-ports.ts'
import { FcError } from '../../errors.ts'
import type { Blocklist } from '../../services/traffic/blocklist.ts'
import type { RateLimiter, TrafficOverrides } from '../../services/traffic/rate-limiter.ts'
import { requireAdmin } from '../auth.ts'
import { POLICY_NAMES, ROUTE_POLICIES } from '../rate-limits.ts'
import { StrictObject, UserId } from '../schemas.ts'
import { addressKey } from '../traffic-guard.ts'

const Limit = StrictObject({
  burst: Type.Integer({ minimum: 0, maximum: 10_000_000 }),
  perSec: Type.Number({ minimum: 0.01, maximum: 10_000_000 }),
  windowLimit: Type.Integer({ minimum: 0, maximum: 100_000_000 }),
  windowSec: Type.Integer({ minimum: 1, maximum: 86_400 })
})

// null lifts the default limit of that subject.
const SubjectOverride = Type.Optional(Type.Union([Limit, Type.Null()]))
const PolicyOverride = StrictObject({ user: SubjectOverride, ip: SubjectOverride, event: SubjectOverride })

const Policies = StrictObject(
  Object.fromEntries(POLICY_NAMES.map((name) => [name, Type.Optional(PolicyOverride)])) as Record<
    string,
    TSchema
  >
)

const AutoBlock = StrictObject({
  userPerSec: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
  ipDistinctUsers: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
  fingerprintDistinctUsers: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
  distinctWindowSec: Type.Optional(Type.Integer({ minimum: 1, maximum: 3600 })),
  blockSec: Type.Optional(Type.Integer({ minimum: 1, maximum: 30 * 86_400 }))
})

/** `PUT /v1/admin/rate-limits`: replaces every override (send `{}` to return to the defaults). */
const OverridesBody = StrictObject({ policies: Type.Optional(Policies), autoBlock: Type.Optional(AutoBlock) })

// An address, or an IPv6 /64 (`2001:db8:1:2::/64`): an IPv6 client is blocked by its /64 either way.
const Address = Type.String({ minLength: 2, maxLength: 49, pattern: '^[0-9A-Fa-f.:]+(/64)?$' })
const Fingerprint = Type.String({ minLength: 8, maxLength: 128, pattern: '^[A-Za-z0-9_.:+/=-]+$' })

const BlockBody = StrictObject({
  ip: Type.Optional(Address),
  userId: Type.Optional(UserId),
  fingerprint: Type.Optional(Fingerprint),
  ttlSec: Type.Integer({ minimum: 1, maximum: 30 * 86_400 }),
  reason: Type.String({ minLength: 1, maxLength: 200 })
})

const BlockQuery = StrictObject({
  ip: Type.Optional(Address),
  userId: Type.Optional(UserId),
  fingerprint: Type.Optional(Fingerprint)
})

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

    app.get('/v1/admin/rate-limits', async () => describe())

    app.put('/v1/admin/rate-limits', { schema: { body: OverridesBody } }, async (req) => {
      await limiter.setOverrides(req.body as TrafficOverrides)
      return describe()
    })

    app.post('/v1/admin/blocks', { schema: { body: BlockBody } }, async (req, reply) => {
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
    })

    app.get('/v1/admin/blocks', async () => ({ blocks: (await blocklist.list()).map(view) }))

    app.delete('/v1/admin/blocks', { schema: { querystring: BlockQuery } }, async (req) => {
      const { kind, value } = target(req.query)
      if (!(await blocklist.remove(kind, value))) throw new FcError('FC_NOT_FOUND', 'No such block')
      return { kind, value, removed: true }
    })
  }
}
