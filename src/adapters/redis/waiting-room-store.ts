import type {
  AdmissionTickInput,
  AdmissionTickResult,
  JoinLimits,
  LeaveOutcome,
  PassThroughInput,
  QueueCounts,
  QueueFeed,
  QueueFeedMessage,
  QueuePlace,
  WaitingRoomStore
} from '../../domain/waiting-room-ports.ts'
import { FcError } from '../../errors.ts'
import {
  NEEDS_SEAL,
  NOT_LEASE_HOLDER,
  PRE_QUEUE_CHANGED,
  placeOf,
  QUEUE_FULL,
  QUEUE_NOT_OPEN
} from './codes.ts'
import type { KeyBuilder } from './keys.ts'
import type { RedisClient } from './redis-client.ts'
import type { ScriptRunner } from './scripts.ts'

/** What leave-queue's first reply element means. */
const LEAVE_OUTCOMES: readonly LeaveOutcome[] = ['none', 'left', 'finished', 'gone']

/** Users per touch-queue call: bounds the time one script blocks Redis (about 1 ms per 1,000). */
const TOUCH_CHUNK = 2000

interface FeedWire {
  f: number
  c: number
  r: number
  cr: number
  w: number
  a: number
  t: number
}

/** Decodes a feed message as admission-tick encodes it. */
export function decodeFeed(raw: string): QueueFeedMessage {
  const m = JSON.parse(raw) as FeedWire
  return {
    frontier: m.f,
    closed: m.c === 1,
    rate: m.r,
    configuredRate: m.cr,
    waiting: m.w,
    admittedTotal: m.a,
    at: m.t
  }
}

function place(reply: unknown[], fresh: boolean): QueuePlace {
  const code = Number(reply[0])
  if (code === 0) {
    return {
      place: 'none',
      ticket: 0,
      position: 0,
      admittedUntil: 0,
      closed: false,
      frontier: 0,
      rate: 0,
      fresh: false
    }
  }
  return {
    place: placeOf(code),
    ticket: Number(reply[1]),
    position: Number(reply[2]),
    admittedUntil: Number(reply[3]),
    closed: Number(reply[4] ?? 0) === 1,
    frontier: Number(reply[5] ?? 0),
    rate: Number(reply[6] ?? 0),
    fresh
  }
}

/** The waiting room on Redis: every decision is one script on the sale's slot. */
export class RedisWaitingRoomStore implements WaitingRoomStore {
  readonly #client: RedisClient
  readonly #scripts: ScriptRunner
  readonly #keys: KeyBuilder

  constructor(client: RedisClient, scripts: ScriptRunner, keys: KeyBuilder) {
    this.#client = client
    this.#scripts = scripts
    this.#keys = keys
  }

  async join(saleId: string, userId: string, opensAtMs: number, limits?: JoinLimits): Promise<QueuePlace> {
    const q = this.#keys.queue(saleId)
    const reply = await this.#scripts.run(
      'join-queue',
      [q.state, q.seq, q.tickets, q.order, q.seen, q.pre, q.admitted, q.joined],
      [userId, opensAtMs, limits?.preQueueOpensAtMs ?? 0, limits?.maxWaiting ?? 0]
    )
    const code = Number(reply[0])
    if (code === QUEUE_NOT_OPEN) throw new FcError('FC_QUEUE_NOT_OPEN')
    if (code === QUEUE_FULL) throw new FcError('FC_QUEUE_FULL')
    return place(reply, Number(reply[7]) === 1)
  }

  async passThrough(
    saleId: string,
    userId: string,
    input: PassThroughInput
  ): Promise<QueuePlace | undefined> {
    const k = this.#keys.sale(saleId)
    const q = this.#keys.queue(saleId)
    const reply = await this.#scripts.run(
      'pass-through',
      [q.state, q.seq, q.tickets, q.order, q.admitted, k.meta, k.active, k.users, k.atLimit, q.seen],
      [userId, input.opensAtMs, input.maxActive, input.ratePerSec, input.accessTtlMs, input.paused ? 1 : 0]
    )
    return Number(reply[0]) === 0 ? undefined : place(reply, true)
  }

  async status(saleId: string, userId: string, opensAtMs: number, touch: boolean): Promise<QueuePlace> {
    const q = this.#keys.queue(saleId)
    const reply = await this.#scripts.run(
      'queue-status',
      [q.state, q.tickets, q.order, q.pre, q.admitted, q.seen],
      [userId, opensAtMs, touch ? 1 : 0]
    )
    return place(reply, false)
  }

  async takeJoinTimes(saleId: string, userIds: readonly string[]): Promise<Array<number | null>> {
    if (userIds.length === 0) return []
    const joined = this.#keys.queue(saleId).joined
    // Metrics only: read then forget, no atomicity needed (a user is admitted by one tick).
    const times = await this.#client.hmGet(joined, [...userIds])
    await this.#client.hDel(joined, [...userIds])
    return times.map((t) => (t === null || t === undefined ? null : Number(t)))
  }

  async touch(saleId: string, userIds: readonly string[]): Promise<void> {
    const seen = this.#keys.queue(saleId).seen
    for (let i = 0; i < userIds.length; i += TOUCH_CHUNK) {
      await this.#scripts.run('touch-queue', [seen], userIds.slice(i, i + TOUCH_CHUNK))
    }
  }

  async tick(saleId: string, input: AdmissionTickInput): Promise<AdmissionTickResult> {
    const k = this.#keys.sale(saleId)
    const q = this.#keys.queue(saleId)
    const reply = await this.#scripts.run(
      'admission-tick',
      [
        k.meta,
        k.active,
        k.users,
        q.state,
        q.order,
        q.seen,
        q.admitted,
        this.#keys.lease(saleId, 'admission'),
        k.atLimit
      ],
      [
        input.owner,
        input.ratePerSec,
        input.maxActive,
        input.accessTtlMs,
        input.graceMs,
        input.paused ? 1 : 0,
        input.opensAtMs,
        input.tickMs,
        this.#keys.queueChannel(saleId),
        input.budget
      ]
    )
    const code = Number(reply[0])
    if (code === NOT_LEASE_HOLDER) return { kind: 'not_leader' }
    if (code === NEEDS_SEAL) return { kind: 'needs_seal' }
    if (code !== 1) return { kind: 'not_warm' }
    return {
      kind: 'ticked',
      message: decodeFeed(String(reply[1])),
      admitted: reply.slice(4).map(String),
      skipped: Number(reply[3])
    }
  }

  async preQueue(saleId: string): Promise<string[]> {
    return this.#client.sMembers(this.#keys.queue(saleId).pre)
  }

  async seal(
    saleId: string,
    owner: string,
    ordered: readonly string[]
  ): Promise<'sealed' | 'already' | 'not_leader' | 'changed'> {
    const q = this.#keys.queue(saleId)
    const reply = await this.#scripts.run(
      'seal-prequeue',
      [q.state, q.seq, q.tickets, q.order, q.pre, this.#keys.lease(saleId, 'admission')],
      [owner, JSON.stringify(ordered)]
    )
    const code = Number(reply[0])
    if (code === 1) return 'sealed'
    if (code === 2) return 'already'
    if (code === NOT_LEASE_HOLDER) return 'not_leader'
    if (code === PRE_QUEUE_CHANGED) return 'changed'
    throw new Error(`seal-prequeue answered ${code}`)
  }

  async takeLease(saleId: string, job: string, owner: string, ttlMs: number): Promise<boolean> {
    const reply = await this.#scripts.run('take-lease', [this.#keys.lease(saleId, job)], [owner, ttlMs])
    return Number(reply[0]) === 1
  }

  async releaseLease(saleId: string, job: string, owner: string): Promise<void> {
    await this.#scripts.run('release-lease', [this.#keys.lease(saleId, job)], [owner])
  }

  async leave(saleId: string, userId: string): Promise<{ outcome: LeaveOutcome; ticket: number }> {
    const q = this.#keys.queue(saleId)
    const reply = await this.#scripts.run(
      'leave-queue',
      [q.state, q.tickets, q.order, q.seen, q.pre, q.admitted, this.#keys.sale(saleId).active],
      [userId]
    )
    const outcome = LEAVE_OUTCOMES[Number(reply[0])]
    if (!outcome) throw new Error(`leave-queue answered ${String(reply[0])}`)
    return { outcome, ticket: Number(reply[1]) }
  }

  async counts(saleId: string): Promise<QueueCounts> {
    const q = this.#keys.queue(saleId)
    const [state, waiting, admitted, pre] = await Promise.all([
      this.#client.hmGet(q.state, [
        'frontier',
        'closed',
        'abandoned',
        'sealed',
        'finished',
        'left',
        'admittedTotal',
        'passedTotal'
      ]),
      this.#client.zCard(q.order),
      this.#client.hLen(q.admitted),
      this.#client.sCard(q.pre)
    ])
    const sealed = state[3] === '1'
    const preQueue = sealed ? 0 : pre
    return {
      waiting: waiting + preQueue,
      admitted,
      abandoned: Number(state[2] ?? 0),
      finished: Number(state[4] ?? 0),
      left: Number(state[5] ?? 0),
      frontier: Number(state[0] ?? 0),
      // Absent until the first admission tick wrote it (or when Redis lost the sale).
      ...(state[6] == null ? {} : { admittedTotal: Number(state[6]) }),
      passedThrough: Number(state[7] ?? 0),
      closed: state[1] === '1',
      preQueue,
      sealed
    }
  }
}

/**
 * The per-process feed subscription: one duplicate connection in subscriber mode (node-redis needs
 * a dedicated client for SUBSCRIBE) and one channel per sale, however many clients watch it.
 *
 * Subscribing and unsubscribing one channel run one after the other, each waiting for the one
 * before: when the last watcher of a sale leaves and a new one arrives at once, node-redis given
 * UNSUBSCRIBE and then SUBSCRIBE without waiting ends up not subscribed (and drops the new
 * listener), so every stream of that sale in this process would hear nothing again.
 */
export class RedisQueueFeed implements QueueFeed {
  readonly #client: RedisClient
  readonly #keys: KeyBuilder
  #subscriber: RedisClient | undefined
  #connecting: Promise<RedisClient> | undefined
  /** The last subscribe or unsubscribe of each channel, which the next one waits for. */
  readonly #pending = new Map<string, Promise<void>>()

  constructor(client: RedisClient, keys: KeyBuilder) {
    this.#client = client
    this.#keys = keys
  }

  async #sub(): Promise<RedisClient> {
    if (this.#subscriber) return this.#subscriber
    this.#connecting ??= (async () => {
      const sub = this.#client.duplicate()
      sub.on('error', () => {})
      await sub.connect()
      this.#subscriber = sub
      return sub
    })()
    return this.#connecting
  }

  /** Runs `op` on `channel` after the channel's previous operation has finished. */
  #inTurn(channel: string, op: () => Promise<void>): Promise<void> {
    const before = this.#pending.get(channel) ?? Promise.resolve()
    const next = before.catch(() => undefined).then(op)
    this.#pending.set(channel, next)
    const forget = () => {
      if (this.#pending.get(channel) === next) this.#pending.delete(channel)
    }
    next.then(forget, forget)
    return next
  }

  async subscribe(saleId: string, onMessage: (message: QueueFeedMessage) => void): Promise<void> {
    const channel = this.#keys.queueChannel(saleId)
    await this.#inTurn(channel, async () => {
      const sub = await this.#sub()
      await sub.subscribe(channel, (raw) => {
        try {
          onMessage(decodeFeed(raw))
        } catch {
          // A malformed message is dropped: the next tick sends a full state again.
        }
      })
    })
  }

  async unsubscribe(saleId: string): Promise<void> {
    const channel = this.#keys.queueChannel(saleId)
    await this.#inTurn(channel, async () => {
      await this.#subscriber?.unsubscribe(channel)
    })
  }

  async close(): Promise<void> {
    const sub =
      this.#subscriber ?? (this.#connecting ? await this.#connecting.catch(() => undefined) : undefined)
    this.#subscriber = undefined
    this.#connecting = undefined
    if (!sub) return
    if (sub.isReady) await sub.quit().catch(() => sub.destroy())
    else sub.destroy()
  }
}
