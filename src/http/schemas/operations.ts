import { type TSchema, Type } from '@sinclair/typebox'
import { POLICY_NAMES } from '../rate-limits.ts'
import { IsoTime, SaleId, StrictObject, UserId } from './common.ts'

/** `GET /health` */
export const HealthResponse = Type.Object({ status: Type.Literal('ok') })

/** One process's readiness: every dependency, and every sale's warm-up. */
export const ProcessReadiness = Type.Object({
  ready: Type.Boolean(),
  checks: Type.Record(Type.String(), Type.Boolean()),
  events: Type.Record(Type.String(), Type.Boolean(), { description: 'sale id -> warmed up' })
})

/** A fleet's readiness (`serve --processes N`, served by the primary): each worker's by pid. */
export const FleetReadiness = Type.Object({
  ready: Type.Boolean(),
  expected: Type.Integer({ description: 'how many workers should be running' }),
  processes: Type.Record(Type.String(), Type.Unknown())
})

/** `GET /ready` on the internal listener: the same shape with 200 and 503. */
export const ReadyResponse = Type.Union([ProcessReadiness, FleetReadiness])

/** The Prometheus exposition text of `GET /v1/admin/metrics` (and the internal `/metrics`). */
export const MetricsText = {
  description: 'Prometheus text exposition format',
  content: { 'text/plain': { schema: Type.String() } }
}

/** One difference between Redis and PostgreSQL a reconciliation found. */
export const Drift = Type.Object({
  field: Type.String({
    description: 'warm, capacity, available, held, pending, sold, units, seats or users'
  }),
  redis: Type.Unknown(),
  database: Type.Unknown(),
  count: Type.Optional(Type.Integer({ description: 'units, seats and users: how many entries differ' }))
})

/** `POST /v1/admin/events/:id/reconcile`: what one reconciliation found and did. */
export const ReconcileReport = Type.Object({
  saleId: SaleId,
  checkedAt: IsoTime,
  drift: Type.Array(Drift),
  repaired: Type.Boolean(),
  stale: Type.Array(Type.String(), { description: 'pending units settled as failed (booking ids)' }),
  busy: Type.Boolean(),
  ledgerDeadLetters: Type.Optional(
    Type.Integer({ description: 'drift left unrepaired while this many ledger entries wait as dead letters' })
  )
})

/** A numeric id of a dead letter. */
export const DeadLetterIdParam = Type.Object({ id: Type.String({ pattern: '^[0-9]{1,18}$' }) })

/** `GET /v1/admin/dead-letters` */
export const DeadLetterQuery = Type.Object({
  saleId: Type.Optional(SaleId),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  all: Type.Optional(Type.Boolean({ description: 'include resolved dead letters' }))
})

/** A message the booking pipeline gave up on. */
export const DeadLetterEntry = Type.Object({
  id: Type.String(),
  v: Type.Literal(1),
  kind: Type.Union([Type.Literal('booking'), Type.Literal('claim'), Type.Literal('unknown')]),
  saleId: Type.Union([SaleId, Type.Null()]),
  topic: Type.String(),
  partition: Type.Integer(),
  offset: Type.String(),
  key: Type.Union([Type.String(), Type.Null()]),
  value: Type.String({ description: 'the message value exactly as received, base64' }),
  headers: Type.Record(Type.String(), Type.String()),
  reason: Type.String(),
  attempts: Type.Integer(),
  replays: Type.Integer(),
  failedAt: IsoTime,
  resolution: Type.Union([Type.Literal('replayed'), Type.Literal('failed'), Type.Null()]),
  createdAt: IsoTime,
  resolvedAt: Type.Union([IsoTime, Type.Null()])
})
export const DeadLetterList = Type.Object({
  depth: Type.Integer({ description: 'dead letters waiting' }),
  items: Type.Array(DeadLetterEntry)
})

/** `POST /v1/admin/dead-letters/replay`: no body, or which ones. */
export const DeadLetterReplayRequest = Type.Union([
  Type.Null(),
  StrictObject({
    saleId: Type.Optional(SaleId),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 }))
  })
])
export const DeadLetterReplayReport = Type.Object({
  replayed: Type.Array(Type.String(), { description: 'sent back to their topic' }),
  skipped: Type.Array(Type.String(), { description: 'poison: replaying can only fail again' })
})

/** `GET /v1/admin/ledger-dead-letters` */
export const LedgerDeadLetterQuery = Type.Object({
  saleId: Type.Optional(SaleId),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  all: Type.Optional(Type.Boolean({ description: 'include replayed and dismissed entries' }))
})

/** A stock-ledger entry PostgreSQL refused. */
export const LedgerDeadLetter = Type.Object({
  id: Type.String(),
  saleId: SaleId,
  sourceId: Type.String(),
  entry: Type.Object({
    sourceId: Type.String(),
    saleId: SaleId,
    kind: Type.String(),
    unitId: Type.String(),
    seatId: Type.Union([Type.String(), Type.Null()]),
    userId: Type.String(),
    delta: Type.Integer(),
    state: Type.String(),
    expiresAt: Type.Union([Type.Number(), Type.Null()]),
    reservationId: Type.Union([Type.String(), Type.Null()]),
    at: Type.Number()
  }),
  reason: Type.String({ description: 'why PostgreSQL refused it' }),
  resolution: Type.Union([Type.Literal('replayed'), Type.Literal('dismissed'), Type.Null()]),
  createdAt: IsoTime,
  resolvedAt: Type.Union([IsoTime, Type.Null()])
})
export const LedgerDeadLetterList = Type.Object({
  depth: Type.Integer(),
  items: Type.Array(LedgerDeadLetter)
})

/** A limit of one subject: a token bucket and a sliding window (0 turns either off). */
export const SubjectLimit = StrictObject({
  burst: Type.Integer({ minimum: 0, maximum: 10_000_000 }),
  perSec: Type.Number({ minimum: 0.01, maximum: 10_000_000 }),
  windowLimit: Type.Integer({ minimum: 0, maximum: 100_000_000 }),
  windowSec: Type.Integer({ minimum: 1, maximum: 86_400 })
})

/** The automatic block thresholds. */
const autoBlockFields = {
  userPerSec: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
  ipDistinctUsers: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
  fingerprintDistinctUsers: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
  distinctWindowSec: Type.Integer({ minimum: 1, maximum: 3600 }),
  blockSec: Type.Integer({ minimum: 1, maximum: 30 * 86_400 })
}

// null lifts the default limit of that subject.
const SubjectOverride = Type.Optional(Type.Union([SubjectLimit, Type.Null()]))
const PolicyOverride = StrictObject({ user: SubjectOverride, ip: SubjectOverride, event: SubjectOverride })

/** `PUT /v1/admin/rate-limits`: replaces every override (send `{}` to return to the defaults). */
export const RateLimitOverrides = StrictObject({
  policies: Type.Optional(
    StrictObject(
      Object.fromEntries(POLICY_NAMES.map((name) => [name, Type.Optional(PolicyOverride)])) as Record<
        string,
        TSchema
      >
    )
  ),
  autoBlock: Type.Optional(
    StrictObject({
      userPerSec: Type.Optional(autoBlockFields.userPerSec),
      ipDistinctUsers: Type.Optional(autoBlockFields.ipDistinctUsers),
      fingerprintDistinctUsers: Type.Optional(autoBlockFields.fingerprintDistinctUsers),
      distinctWindowSec: Type.Optional(autoBlockFields.distinctWindowSec),
      blockSec: Type.Optional(autoBlockFields.blockSec)
    })
  )
})

const RatePolicy = Type.Object({
  user: Type.Optional(SubjectLimit),
  ip: Type.Optional(SubjectLimit),
  event: Type.Optional(SubjectLimit)
})
const TrafficPolicy = Type.Object({
  policies: Type.Record(Type.String(), RatePolicy),
  autoBlock: Type.Object(autoBlockFields)
})

/** `GET` and `PUT /v1/admin/rate-limits`: the policies, by route, as defaults, overrides and in effect. */
export const RateLimitsResponse = Type.Object({
  ipLimits: Type.Boolean({ description: 'whether per-address limits apply (FC_IP_LIMITS)' }),
  routes: Type.Record(Type.String(), Type.String(), { description: '"METHOD /path" -> policy name' }),
  defaults: TrafficPolicy,
  overrides: RateLimitOverrides,
  effective: TrafficPolicy
})

// An address, or an IPv6 /64 (`2001:db8:1:2::/64`): an IPv6 client is blocked by its /64 either way.
const Address = Type.String({ minLength: 2, maxLength: 49, pattern: '^[0-9A-Fa-f.:]+(/64)?$' })
const Fingerprint = Type.String({ minLength: 8, maxLength: 128, pattern: '^[A-Za-z0-9_.:+/=-]+$' })

/** `POST /v1/admin/blocks`: exactly one of ip, userId, fingerprint. */
export const BlockRequest = StrictObject({
  ip: Type.Optional(Address),
  userId: Type.Optional(UserId),
  fingerprint: Type.Optional(Fingerprint),
  ttlSec: Type.Integer({ minimum: 1, maximum: 30 * 86_400 }),
  reason: Type.String({ minLength: 1, maxLength: 200 })
})

/** `DELETE /v1/admin/blocks?ip=|userId=|fingerprint=`: exactly one. */
export const BlockQuery = StrictObject({
  ip: Type.Optional(Address),
  userId: Type.Optional(UserId),
  fingerprint: Type.Optional(Fingerprint)
})

const BlockKind = Type.Union([Type.Literal('ip'), Type.Literal('user'), Type.Literal('fp')])

/** One entry of the blocklist. */
export const BlockView = Type.Object({
  kind: BlockKind,
  value: Type.String(),
  reason: Type.String(),
  auto: Type.Boolean({ description: 'made by the bot detector rather than an operator' }),
  expiresAt: IsoTime
})
export const BlockList = Type.Object({ blocks: Type.Array(BlockView) })
export const BlockRemoved = Type.Object({
  kind: BlockKind,
  value: Type.String(),
  removed: Type.Literal(true)
})
