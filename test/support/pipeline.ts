/**
 * Helpers of the booking-pipeline tests: isolated topic prefixes, buyers that hold and confirm
 * through the HTTP API, a payment gateway that can be made to fail, and the DESIGN's invariants
 * checked against Redis, PostgreSQL and the gateway after quiescence.
 */
import { randomBytes } from 'node:crypto'
import { expect } from 'vitest'
import { createKafkaAdmin } from '../../src/adapters/kafka/index.ts'
import { pipelineTopics } from '../../src/adapters/kafka/topics.ts'
import { SimulatedGateway } from '../../src/adapters/payment/simulated-gateway.ts'
import { createRuntime, type Runtime, type RuntimeOptions } from '../../src/app/runtime.ts'
import { loadConfig } from '../../src/config/index.ts'
import type {
  PaymentGateway,
  PaymentOutcome,
  PaymentRequest,
  RefundOutcome,
  RefundRequest
} from '../../src/domain/payment-ports.ts'
import type { BookingRequest } from '../../src/domain/pipeline-ports.ts'
import { FcError } from '../../src/errors.ts'
import { reservationIdOf } from '../../src/services/sales/buyer-service.ts'
import {
  approvedNotConfirmed,
  countByStatus,
  notTerminal,
  outboxOutcomes,
  seatsConfirmedTwice
} from '../../tools/invariants.ts'
import type { Harness } from './harness.ts'

/** Environment of a test with topics and consumer groups of its own. */
export function pipelineEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    FC_KAFKA_TOPIC_PREFIX: `fc-test-${randomBytes(5).toString('hex')}`,
    FC_KAFKA_PARTITIONS: '3',
    ...extra
  }
}

/** Deletes the pipeline topics of a harness's prefix (consumer groups expire with their offsets). */
export async function deletePipelineTopics(h: Harness, brokers = h.config.kafka.brokers): Promise<void> {
  const admin = createKafkaAdmin(brokers)
  try {
    await admin.deleteTopics(pipelineTopics(h.config).map((t) => t.name))
  } finally {
    await admin.close()
  }
}

/** A simulated gateway whose charges throw (a transient fault, not a decline) for chosen reservations. */
export class FaultyGateway implements PaymentGateway {
  readonly inner: SimulatedGateway
  /** Reservation ids whose charge throws while listed. */
  readonly failing = new Set<string>()
  /** Reservation ids whose charge throws, while listed, an error that says a retry cannot succeed. */
  readonly refusing = new Set<string>()
  /** Calls made, by reservation (also the throwing ones). */
  readonly calls = new Map<string, number>()

  constructor(options: { latencyMs?: number; timeoutMs?: number } = {}) {
    this.inner = new SimulatedGateway({
      latencyMs: options.latencyMs ?? 1,
      declineRate: 0,
      timeoutRate: 0,
      timeoutMs: options.timeoutMs ?? 200
    })
  }

  get charges(): Map<string, number> {
    return this.inner.charges
  }

  async charge(request: PaymentRequest): Promise<PaymentOutcome> {
    this.calls.set(request.reservationId, (this.calls.get(request.reservationId) ?? 0) + 1)
    if (this.failing.has(request.reservationId)) throw new Error('payment provider unreachable')
    if (this.refusing.has(request.reservationId))
      throw new FcError('FC_INVALID_STATE', 'payment provider refuses this request for good')
    return this.inner.charge(request)
  }

  async refund(request: RefundRequest): Promise<RefundOutcome> {
    if (this.failing.has(request.reservationId)) throw new Error('payment provider unreachable')
    return this.inner.refund(request)
  }
}

/** One buyer's plan: hold a seat, then confirm with a simulated payment outcome. */
export interface Purchase {
  userId: string
  seatId: string
  simulate?: 'approve' | 'decline' | 'timeout'
}

/** What happened to a purchase at the API. */
export interface Attempt extends Purchase {
  holdId: string
  reservationId: string
  confirmStatus: number
}

/** The seat ids of a one-section sale of `rows` x `perRow` (section A). */
export function seatIds(rows: number, perRow: number): string[] {
  return Array.from(
    { length: rows * perRow },
    (_, i) => `A-${Math.floor(i / perRow) + 1}-${(i % perRow) + 1}`
  )
}

/** A seat held by `userId` straight through the inventory core (no HTTP); returns the hold id. */
export async function holdDirect(
  h: Harness,
  saleId: string,
  userId: string,
  seatId: string
): Promise<string> {
  const holdId = `${saleId}.h${randomBytes(8).toString('hex')}`
  const r = await h.inventory.holdSeat({
    saleId,
    userId,
    seatId,
    holdId,
    response: () => ({ statusCode: 201, body: {} })
  })
  if (!r.ok) throw new Error(`hold ${seatId}: ${r.refusal}`)
  return holdId
}

/**
 * HELD -> PENDING straight through the inventory core, as a confirm does before its publish;
 * returns the booking request the confirm would publish (approved payment unless `simulate`).
 */
export async function pendBooking(
  h: Harness,
  saleId: string,
  userId: string,
  holdId: string,
  simulate?: Purchase['simulate']
): Promise<BookingRequest> {
  const reservationId = reservationIdOf(holdId)
  const r = await h.inventory.toPending({
    saleId,
    userId,
    holdId,
    reservationId,
    response: { statusCode: 202, body: {} }
  })
  if (!r.ok) throw new Error(r.refusal)
  return {
    v: 1,
    reservationId,
    holdId,
    saleId,
    seatId: r.value.seatId,
    userId,
    amount: 5000,
    payment: simulate ? { simulate } : { simulate: 'approve' },
    acceptedAt: Date.now()
  }
}

/** Holds every seat, `concurrency` requests at a time, through the HTTP API. */
export async function holdAll(
  h: Harness,
  saleId: string,
  purchases: readonly Purchase[],
  concurrency = 1000
): Promise<Array<Purchase & { holdId: string }>> {
  const access = await h.admit(saleId, [...new Set(purchases.map((p) => p.userId))])
  const out: Array<Purchase & { holdId: string }> = []
  for (let i = 0; i < purchases.length; i += concurrency) {
    const chunk = purchases.slice(i, i + concurrency)
    out.push(
      ...(await Promise.all(
        chunk.map(async (p) => {
          const res = await h.rt.app.inject({
            method: 'POST',
            url: `/v1/events/${saleId}/holds`,
            headers: {
              authorization: `Bearer ${await h.userToken(p.userId)}`,
              'x-access-token': access.get(p.userId) ?? '',
              'idempotency-key': `hold-${p.seatId}`
            },
            payload: { seatId: p.seatId }
          })
          if (res.statusCode !== 201) throw new Error(`hold ${p.seatId}: ${res.statusCode} ${res.body}`)
          return { ...p, holdId: (res.json() as { holdId: string }).holdId }
        })
      ))
    )
  }
  return out
}

/** Confirms held seats through the HTTP API, `concurrency` at a time; returns each answer's status. */
export async function confirmAll(
  h: Harness,
  saleId: string,
  holds: ReadonlyArray<Purchase & { holdId: string }>,
  concurrency = 1000
): Promise<Attempt[]> {
  const access = await h.admit(saleId, [...new Set(holds.map((p) => p.userId))])
  const out: Attempt[] = []
  for (let i = 0; i < holds.length; i += concurrency) {
    const chunk = holds.slice(i, i + concurrency)
    out.push(
      ...(await Promise.all(
        chunk.map(async (p) => {
          const res = await h.rt.app.inject({
            method: 'POST',
            url: `/v1/holds/${p.holdId}/confirm`,
            headers: {
              authorization: `Bearer ${await h.userToken(p.userId)}`,
              'x-access-token': access.get(p.userId) ?? '',
              'idempotency-key': `confirm-${p.holdId}`
            },
            payload: p.simulate ? { payment: { simulate: p.simulate } } : {}
          })
          if (res.statusCode !== 202 && process.env.FC_DEBUG_CONFIRM) process.stderr.write(`${res.body}\n`)
          return { ...p, reservationId: reservationIdOf(p.holdId), confirmStatus: res.statusCode }
        })
      ))
    )
  }
  return out
}

/** One claim per user (key `claim-<user>`) through the app, all at once; answers their status codes. */
export async function claimAll(
  h: Harness,
  saleId: string,
  users: readonly string[],
  access: ReadonlyMap<string, string>
): Promise<number[]> {
  return Promise.all(
    users.map(async (u) => {
      const res = await h.rt.app.inject({
        method: 'POST',
        url: `/v1/events/${saleId}/claims`,
        headers: {
          authorization: `Bearer ${await h.userToken(u)}`,
          'x-access-token': access.get(u) ?? '',
          'idempotency-key': `claim-${u}`
        }
      })
      return res.statusCode
    })
  )
}

/**
 * A runtime of workers (consumers, re-warm, sweeper, ...) beside the harness's API, on the same
 * stores, prefixes and topics, as `firstcome worker` runs; `databaseUrl` may route PostgreSQL
 * elsewhere (a proxy). The caller closes it.
 */
export function workerRuntime(
  h: Harness,
  options: Pick<RuntimeOptions, 'payments' | 'consumers'>,
  databaseUrl = h.config.postgres.url
): Promise<Runtime> {
  return createRuntime(
    loadConfig({
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      FC_REDIS_PREFIX: h.config.redis.prefix,
      FC_KAFKA_TOPIC_PREFIX: h.config.kafka.topicPrefix,
      FC_KAFKA_PARTITIONS: String(h.config.kafka.partitions),
      FC_JWT_SECRET: h.config.auth.jwtSecret,
      FC_TOKEN_SECRET: h.config.tokens.secret,
      FC_LOG_LEVEL: 'silent'
    }),
    { logger: false, workers: true, migrate: false, ...options }
  )
}

/** Polls until none of `reservationIds` is pending (or missing) in PostgreSQL. */
export async function waitTerminal(
  h: Harness,
  reservationIds: readonly string[],
  timeout = 60_000
): Promise<void> {
  await expect
    .poll(
      async () => {
        const { rows } = await h.pool.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM reservations WHERE id = ANY($1) AND status IN ('confirmed', 'failed')",
          [reservationIds]
        )
        return rows[0]?.n
      },
      { timeout, interval: 100 }
    )
    .toBe(reservationIds.length)
}

/**
 * The DESIGN's invariants after quiescence, for one seated sale: every accepted reservation is
 * terminal (I4) with exactly one outbox row; Redis sold == DB confirmed and nothing is left pending;
 * no seat has two confirmed reservations (I1); stock is conserved (I2/I5); no reservation was
 * charged twice, and only confirmed ones hold an approved payment.
 */
export async function expectPipelineInvariants(
  h: Harness,
  saleId: string,
  accepted: readonly string[],
  gateway?: { charges: Map<string, number> }
): Promise<{ confirmed: number; failed: number }> {
  const db = h.pool
  const count = await countByStatus(db, 'reservations', saleId)
  expect(
    await notTerminal(db, 'reservations', accepted, ['confirmed', 'failed']),
    'I4: every accepted reservation is terminal'
  ).toEqual([])
  expect(count('pending'), 'no reservation left pending').toBe(0)

  const counts = await h.inventory.counts(saleId)
  expect(counts.confirmed, 'Redis sold == DB confirmed').toBe(count('confirmed'))
  expect(counts.pending, 'nothing pending in Redis').toBe(0)
  expect(counts.available + counts.held + counts.pending + counts.confirmed, 'stock conservation').toBe(
    counts.capacity
  )

  expect(await seatsConfirmedTwice(db, saleId), 'I1: one confirmed reservation per seat').toEqual([])
  expect(
    await approvedNotConfirmed(db, saleId),
    'an approved payment belongs to a confirmed reservation'
  ).toEqual([])
  const outbox = await outboxOutcomes(db, saleId, 'reservation')
  expect(
    outbox.filter((r) => r.n !== 1),
    'one outcome row per reservation'
  ).toEqual([])
  expect(outbox.length, 'an outcome row for every terminal reservation').toBe(
    count('confirmed') + count('failed')
  )
  if (gateway) {
    const twice = [...gateway.charges].filter(([, n]) => n > 1)
    expect(twice, 'nobody charged twice').toEqual([])
  }
  return { confirmed: count('confirmed'), failed: count('failed') }
}
