import type { Sale } from '../../domain/sale.ts'
import type { SaleRepository } from '../../domain/sale-ports.ts'
import type {
  AdmissionTickResult,
  QueueCounts,
  QueuePlace,
  QueueSeedRepository,
  WaitingRoomStore
} from '../../domain/waiting-room-ports.ts'
import { FcError, isFcError } from '../../errors.ts'
import type { AccessTokens } from '../sales/access-tokens.ts'
import type { DrawCommitments } from './draw-commitment.ts'
import type { QueueTokens } from './queue-tokens.ts'

/** The lease job name of the admission scheduler. */
export const ADMISSION_JOB = 'admission'
// Most waiting entries one tick looks at: bounds the time one tick blocks Redis (~5 ms per 10,000
// entries) when many abandoned buyers have to be skipped.
const TICK_BUDGET = 20_000

/** A buyer-visible queue state (DESIGN.md, HTTP contract). */
export type QueueState = 'waiting' | 'admitted' | 'expired' | 'closed'

/** What `GET /v1/events/:id/queue` answers. */
export interface QueueStatusView {
  state: QueueState
  /** Exact number of buyers ahead plus one; null while pre-queued (the order is drawn at opening). */
  position: number | null
  etaSec: number | null
  ticket: number | null
  accessToken?: string
  /** Access expiry, ISO time, when admitted. */
  expiresAt?: string
  /** True while the sale has not opened and the place is in the pre-queue. */
  preQueue: boolean
}

/** What `POST /v1/events/:id/queue` answers. */
export interface JoinView extends QueueStatusView {
  queueToken: string
}

/** Settings of one sale as the waiting room needs them (cached briefly, refreshed every tick). */
export interface RoomSale {
  id: string
  opensAtMs: number
  status: Sale['status']
  ratePerSec: number
  difficulty: number
  /** Joins before this (ms) are refused; 0: none. */
  preQueueOpensAtMs: number
  /** 0: no cap. */
  maxWaiting: number
  /** Safety-net mode, and the limits arrivals pass straight through under. */
  safetyNet: boolean
  maxActive: number
  accessTtlMs: number
  paused: boolean
}

/**
 * The waiting room: joining, polling, heartbeats, the pre-queue shuffle and one admission tick.
 * Admission decisions are the store's atomic scripts; this service adds tokens, estimates and the
 * fairness commitment.
 */
export class WaitingRoomService {
  readonly #store: WaitingRoomStore
  readonly #seeds: QueueSeedRepository
  readonly #draw: DrawCommitments
  readonly #repo: SaleRepository
  readonly #access: AccessTokens
  readonly #queueTokens: QueueTokens
  readonly #graceMs: number
  readonly #tickMs: number
  readonly #cache = new Map<string, { sale: RoomSale; at: number }>()

  constructor(deps: {
    store: WaitingRoomStore
    seeds: QueueSeedRepository
    /** The commitment to the pre-queue's entrants, made at sealing (draw-commitment.ts). */
    draw: DrawCommitments
    repo: SaleRepository
    accessTokens: AccessTokens
    queueTokens: QueueTokens
    graceSec: number
    tickMs: number
  }) {
    this.#store = deps.store
    this.#seeds = deps.seeds
    this.#draw = deps.draw
    this.#repo = deps.repo
    this.#access = deps.accessTokens
    this.#queueTokens = deps.queueTokens
    this.#graceMs = deps.graceSec * 1000
    this.#tickMs = deps.tickMs
  }

  get tickMs(): number {
    return this.#tickMs
  }

  /** The sale, cached for one tick: joins and polls must not each cost a PostgreSQL query. */
  async sale(saleId: string): Promise<RoomSale> {
    const hit = this.#cache.get(saleId)
    if (hit && Date.now() - hit.at < this.#tickMs) return hit.sale
    const sale = await this.#repo.getSale(saleId)
    if (!sale || sale.status === 'warming') throw new FcError('FC_NOT_FOUND', 'No such sale')
    const room: RoomSale = {
      id: sale.id,
      opensAtMs: sale.opensAt?.getTime() ?? 0,
      status: sale.status,
      ratePerSec: sale.admission.ratePerSec,
      difficulty: sale.challenge.difficulty,
      preQueueOpensAtMs: sale.preQueueOpensAt?.getTime() ?? 0,
      maxWaiting: sale.maxWaiting ?? 0,
      safetyNet: sale.admission.safetyNet === true,
      maxActive: sale.admission.maxActive,
      accessTtlMs: sale.admission.accessTtlSec * 1000,
      paused: sale.admission.paused || sale.status === 'paused'
    }
    this.#cache.set(saleId, { sale: room, at: Date.now() })
    return room
  }

  /**
   * Joins the queue (idempotent per user). `challenge` is the solved proof-of-work; with the sale's
   * difficulty at 0 (the default) it is ignored. Refused before the sale's `preQueueOpensAt`
   * (FC_QUEUE_NOT_OPEN) and, for a new place, past its `maxWaiting` (FC_QUEUE_FULL). In
   * safety-net mode an arrival who finds nobody waiting and the sale under its limits is admitted
   * at once.
   */
  async join(userId: string, saleId: string, _challenge?: unknown): Promise<JoinView> {
    const sale = await this.sale(saleId)
    // A committed seed must exist before anyone is pre-queued, so the hash is fixed in advance.
    if (sale.opensAtMs > Date.now() && Date.now() >= sale.preQueueOpensAtMs)
      await this.#seeds.ensureSeed(saleId)
    const passed = sale.safetyNet
      ? await this.#store.passThrough(saleId, userId, {
          opensAtMs: sale.opensAtMs,
          maxActive: sale.maxActive,
          ratePerSec: sale.ratePerSec,
          accessTtlMs: sale.accessTtlMs,
          paused: sale.paused
        })
      : undefined
    const place =
      passed ??
      (await this.#store
        .join(saleId, userId, sale.opensAtMs, {
          preQueueOpensAtMs: sale.preQueueOpensAtMs,
          maxWaiting: sale.maxWaiting
        })
        .catch((err: unknown) => {
          throw isFcError(err, 'FC_QUEUE_NOT_OPEN')
            ? new FcError(
                'FC_QUEUE_NOT_OPEN',
                `The waiting room of this sale opens at ${new Date(sale.preQueueOpensAtMs).toISOString()}`,
                { details: { preQueueOpensAt: new Date(sale.preQueueOpensAtMs).toISOString() } }
              )
            : err
        }))
    const view = this.#view(userId, sale, place)
    return { ...view, queueToken: this.#queueTokens.sign({ saleId, userId, ticket: place.ticket }) }
  }

  /**
   * Where the caller stands; a poll counts as a sign of life. 404 when they never joined. Carries a
   * fresh queue token: queue tokens expire, and a buyer who waits longer renews it by polling.
   */
  async status(userId: string, saleId: string): Promise<JoinView> {
    const sale = await this.sale(saleId)
    const place = await this.#store.status(saleId, userId, sale.opensAtMs, true)
    if (place.place === 'none') throw new FcError('FC_NOT_FOUND', 'You have not joined this queue')
    return {
      ...this.#view(userId, sale, place),
      queueToken: this.#queueTokens.sign({ saleId, userId, ticket: place.ticket })
    }
  }

  /**
   * The caller leaves the waiting room, or ends their admission because they are done: the place
   * or the admission slot goes to the next buyer at the next tick. Holds already taken stay (and
   * can still be paid or released with the access token in hand). Answers the state afterwards,
   * always `expired`; leaving again answers the same. 404 when the caller has no place: never
   * joined, or left the pre-queue (which keeps no ticket).
   */
  async leave(userId: string, saleId: string): Promise<QueueStatusView> {
    await this.sale(saleId)
    const { outcome, ticket } = await this.#store.leave(saleId, userId)
    if (outcome === 'none') throw new FcError('FC_NOT_FOUND', 'You have not joined this queue')
    return {
      state: 'expired',
      position: null,
      etaSec: null,
      ticket: ticket > 0 ? ticket : null,
      preQueue: false
    }
  }

  /** The raw place, without touching (the stream fan-out uses it when a client crosses the frontier). */
  async place(userId: string, saleId: string): Promise<{ sale: RoomSale; place: QueuePlace }> {
    const sale = await this.sale(saleId)
    return { sale, place: await this.#store.status(saleId, userId, sale.opensAtMs, false) }
  }

  /** Buyer-visible state of a place. */
  view(userId: string, sale: RoomSale, place: QueuePlace): QueueStatusView {
    return this.#view(userId, sale, place)
  }

  /** Records signs of life of streams that are open (one call per sale, in batches). */
  async touch(saleId: string, userIds: readonly string[]): Promise<void> {
    if (userIds.length > 0) await this.#store.touch(saleId, userIds)
  }

  /** The user id a queue token stands for, for this sale; 401 otherwise. */
  userOfQueueToken(token: string, saleId: string): string {
    const claims = this.#queueTokens.verify(token)
    if (!claims || claims.saleId !== saleId)
      throw new FcError('FC_UNAUTHORIZED', 'This queue token is not valid for this sale')
    return claims.userId
  }

  /**
   * The fairness commitment: the seed's hash always, the seed itself once the sale has opened and
   * the entrant list is committed (never before: the list is fixed before anyone sees the seed).
   */
  async fairness(saleId: string) {
    const sale = await this.sale(saleId)
    const { seed, hash } = await this.#seeds.ensureSeed(saleId)
    const revealed =
      sale.opensAtMs > 0 && Date.now() >= sale.opensAtMs && (await this.#draw.isPublished(saleId))
    const counts = await this.#store.counts(saleId)
    return {
      seedHash: hash,
      seed: revealed ? seed : null,
      opensAt: sale.opensAtMs > 0 ? new Date(sale.opensAtMs).toISOString() : null,
      sealed: counts.sealed,
      algorithm:
        'tickets 1..P ordered by ascending hex HMAC-SHA256(key = seed text, message = entrantId), entrantId = per-sale pseudonym (see /queue/fairness/commitment)'
    }
  }

  async counts(saleId: string): Promise<QueueCounts> {
    return this.#store.counts(saleId)
  }

  takeLease(saleId: string, owner: string, ttlMs: number): Promise<boolean> {
    return this.#store.takeLease(saleId, ADMISSION_JOB, owner, ttlMs)
  }

  releaseLease(saleId: string, owner: string): Promise<void> {
    return this.#store.releaseLease(saleId, ADMISSION_JOB, owner)
  }

  /**
   * One admission tick for one sale with its current settings (read from PostgreSQL every tick, so
   * an operator's PATCH applies on the next tick in every process). Seals the pre-queue first when
   * the sale has just opened.
   */
  async tick(saleId: string, owner: string): Promise<AdmissionTickResult | undefined> {
    const sale = await this.#repo.getSale(saleId)
    if (!sale || sale.status === 'warming') return undefined
    const input = {
      owner,
      ratePerSec: sale.admission.ratePerSec,
      maxActive: sale.admission.maxActive,
      accessTtlMs: sale.admission.accessTtlSec * 1000,
      graceMs: this.#graceMs,
      paused: sale.admission.paused,
      opensAtMs: sale.opensAt?.getTime() ?? 0,
      tickMs: this.#tickMs,
      budget: TICK_BUDGET
    }
    let result = await this.#store.tick(saleId, input)
    if (result.kind === 'needs_seal') {
      // The entrant list is committed in PostgreSQL before the order is applied, published after.
      const prepared = await this.#draw.prepare(saleId, await this.#store.preQueue(saleId))
      // Renewed: committing took time inside the lease, and the seal needs it still held.
      if (!(await this.takeLease(saleId, owner, Math.ceil(this.#tickMs * 1.5)))) return { kind: 'not_leader' }
      const outcome = await this.#store.seal(saleId, owner, prepared.order)
      if (outcome === 'changed') throw new Error(`pre-queue of ${saleId} changed while sealing`)
      if (outcome === 'sealed') await this.#draw.confirm(prepared)
      result = await this.#store.tick(saleId, input)
    }
    // Sealed: publish the commitment (once per process; also after a publish that failed).
    if (result.kind === 'ticked' && input.opensAtMs > 0) await this.#draw.ensurePublished(saleId)
    if (result.kind === 'ticked' && result.admitted.length > 0) {
      const joined = await this.#store.takeJoinTimes(saleId, result.admitted)
      const at = result.message.at
      // The pre-queue's wait starts at the opening, where its order is drawn.
      const waitedMs = joined.map((t) => Math.max(0, at - Math.max(t ?? at, input.opensAtMs)))
      result = { ...result, waitedMs }
    }
    return result
  }

  #view(userId: string, sale: RoomSale, place: QueuePlace): QueueStatusView {
    if (place.place === 'admitted') {
      return {
        state: 'admitted',
        position: 0,
        etaSec: 0,
        ticket: place.ticket,
        accessToken: this.#access.sign({ userId, saleId: sale.id, exp: place.admittedUntil }),
        expiresAt: new Date(place.admittedUntil).toISOString(),
        preQueue: false
      }
    }
    if (place.place === 'lost') {
      return { state: 'expired', position: null, etaSec: null, ticket: place.ticket, preQueue: false }
    }
    const closed = place.closed || sale.status === 'closed'
    if (place.place === 'pre') {
      return {
        state: closed ? 'closed' : 'waiting',
        position: null,
        etaSec: null,
        ticket: null,
        preQueue: true
      }
    }
    return {
      state: closed ? 'closed' : 'waiting',
      position: place.position,
      etaSec: closed ? null : etaSec(place.position, place.rate, sale.ratePerSec),
      ticket: place.ticket,
      preQueue: false
    }
  }
}

/**
 * Seconds until a buyer at `position` is admitted, from the measured admission rate (the
 * configured one until something has been measured). An estimate: abandoned buyers ahead are
 * skipped for free, and a full room admits slower than its rate.
 */
export function etaSec(position: number, measuredRate: number, configuredRate: number): number {
  const rate = measuredRate >= 0.05 ? measuredRate : configuredRate
  return rate > 0 ? Math.ceil(position / rate) : 0
}
