/**
 * Random interleavings of every inventory operation on a small seated sale, checked after every
 * step against the conservation laws of the Redis inventory core and against a plain model of who
 * holds what. "Time passes" for one hold by rewriting its expiry in Redis, so expiry needs no wait.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newChildId } from '../../../src/domain/ids.ts'
import type { InventoryResult } from '../../../src/domain/inventory-ports.ts'
import type { SeatState } from '../../../src/domain/sale.ts'
import { createHarness, type Harness, seatedSale } from '../../support/harness.ts'

const SEATS = ['A-1-1', 'A-1-2', 'A-1-3', 'A-1-4', 'A-1-5']
/** A seat id that is well formed but not in the sale's map. */
const NO_SUCH_SEAT = 'A-9-9'
const USERS = ['u0', 'u1', 'u2', 'u3']
const LIMIT = 2
const MAX_EXT = 2

let h: Harness

beforeAll(async () => {
  h = await createHarness({ FC_HOLD_MAX_EXTENSIONS: String(MAX_EXT) })
})
afterAll(async () => {
  await h?.close()
})

type UnitState = 'held' | 'pending' | 'sold' | 'gone'

interface ModelUnit {
  seat: string
  user: string
  state: UnitState
  extensions: number
  /** Held, but its expiry has been moved into the past (the sweeper has not run yet). */
  stale: boolean
}

/** Which unit an operation targets (see `pick`). */
interface Pick {
  anyId: boolean
  n: number
}

/** `actor` null means "the unit's owner"; otherwise one of the users, maybe someone else. */
type Op =
  | { k: 'hold'; user: number; seat: number }
  | { k: 'extend'; pick: Pick; actor: number | null }
  | { k: 'release'; pick: Pick; actor: number | null }
  | { k: 'confirm'; pick: Pick; actor: number | null }
  | { k: 'expire'; pick: number; sweep: boolean }
  | { k: 'outcome'; pick: Pick; sold: boolean }
  | { k: 'revert'; pick: Pick }

const user = fc.integer({ min: 0, max: USERS.length - 1 })
/**
 * Which unit an operation targets: mostly a live one (held, pending or sold), sometimes any id the
 * store ever handed out, dead ones and one it never issued included.
 */
const pick = fc.record({
  anyId: fc.oneof({ arbitrary: fc.constant(false), weight: 4 }, { arbitrary: fc.constant(true), weight: 1 }),
  n: fc.nat({ max: 1000 })
})
const actor = fc.oneof({ arbitrary: fc.constant(null), weight: 3 }, { arbitrary: user, weight: 1 })

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    arbitrary: fc.record({
      k: fc.constant('hold' as const),
      user,
      seat: fc.integer({ min: 0, max: SEATS.length })
    }),
    weight: 5
  },
  { arbitrary: fc.record({ k: fc.constant('extend' as const), pick, actor }), weight: 3 },
  { arbitrary: fc.record({ k: fc.constant('release' as const), pick, actor }), weight: 2 },
  { arbitrary: fc.record({ k: fc.constant('confirm' as const), pick, actor }), weight: 3 },
  {
    arbitrary: fc.record({
      k: fc.constant('expire' as const),
      pick: fc.nat({ max: 1000 }),
      sweep: fc.boolean()
    }),
    weight: 2
  },
  { arbitrary: fc.record({ k: fc.constant('outcome' as const), pick, sold: fc.boolean() }), weight: 3 },
  { arbitrary: fc.record({ k: fc.constant('revert' as const), pick }), weight: 1 }
)

/** Every `operation:answer` pair the store gave over all runs: the property must not be vacuous. */
const seen = new Set<string>()

function outcome<T>(op: string, r: InventoryResult<T>): string {
  const answer = r.ok ? 'ok' : r.refusal
  seen.add(`${op}:${answer}`)
  return answer
}

class Model {
  readonly units = new Map<string, ModelUnit>()
  /** Users whose admission ended (they confirmed while at the per-user limit), by the unit that ended it. */
  readonly finished = new Map<string, string>()
  /** Every unit id the store ever handed out, plus one it never did: ops pick among them. */
  readonly ids: string[]

  constructor(readonly saleId: string) {
    this.ids = [newChildId(saleId, 'h')]
  }

  live(): Array<[string, ModelUnit]> {
    return [...this.units].filter(([, u]) => u.state !== 'gone')
  }

  seatHolder(seat: string): ModelUnit | undefined {
    return this.live().find(([, u]) => u.seat === seat)?.[1]
  }

  liveOf(userId: string): number {
    return this.live().filter(([, u]) => u.user === userId).length
  }

  target(p: Pick): string {
    const live = this.live().map(([id]) => id)
    const from = p.anyId || live.length === 0 ? this.ids : live
    return from[p.n % from.length]!
  }

  heldIds(): string[] {
    return this.live()
      .filter(([, u]) => u.state === 'held')
      .map(([id]) => id)
  }

  count(state: UnitState): number {
    return this.live().filter(([, u]) => u.state === state).length
  }
}

async function ageHold(saleId: string, holdId: string): Promise<void> {
  const k = h.keys.sale(saleId)
  const raw = await h.redis.hGet(k.units, holdId)
  if (!raw) throw new Error(`no unit ${holdId} to age`)
  const unit = JSON.parse(raw) as Record<string, unknown>
  await h.redis.hSet(k.units, holdId, JSON.stringify({ ...unit, x: 1 }))
  await h.redis.zAdd(k.expiry, { score: 1, value: holdId })
}

/** Applies one operation to the store and the model; asserts the store answered what the model predicts. */
async function step(m: Model, o: Op): Promise<void> {
  const inv = h.inventory
  const saleId = m.saleId
  const target = 'pick' in o && typeof o.pick === 'object' ? m.target(o.pick) : ''
  const unit = m.units.get(target)
  const live = unit && unit.state !== 'gone' ? unit : undefined
  const who = 'actor' in o ? USERS[o.actor ?? USERS.indexOf(unit?.user ?? USERS[0]!)]! : ''

  switch (o.k) {
    case 'hold': {
      const userId = USERS[o.user]!
      const seatId = o.seat < SEATS.length ? SEATS[o.seat]! : NO_SUCH_SEAT
      const holdId = newChildId(saleId, 'h')
      const expected = m.finished.has(userId)
        ? 'not_admitted'
        : seatId === NO_SUCH_SEAT
          ? 'not_found'
          : m.seatHolder(seatId)
            ? 'seat_taken'
            : m.liveOf(userId) >= LIMIT
              ? 'limit_reached'
              : 'ok'
      const r = await inv.holdSeat({
        saleId,
        userId,
        seatId,
        holdId,
        response: () => ({ statusCode: 201, body: {} })
      })
      expect(outcome('hold', r), `hold ${seatId} by ${userId}`).toBe(expected)
      if (r.ok) {
        m.units.set(holdId, { seat: seatId, user: userId, state: 'held', extensions: 0, stale: false })
        m.ids.push(holdId)
      }
      return
    }
    case 'extend': {
      const expected = !live
        ? 'not_found'
        : live.user !== who
          ? 'forbidden'
          : live.state !== 'held'
            ? 'invalid_state'
            : live.stale
              ? 'hold_expired'
              : live.extensions >= MAX_EXT
                ? 'extend_limit'
                : 'ok'
      const r = await inv.extendHold({
        saleId,
        userId: who,
        holdId: target,
        response: () => ({ statusCode: 200, body: {} })
      })
      expect(outcome('extend', r), `extend ${target} by ${who}`).toBe(expected)
      if (r.ok && live) live.extensions++
      return
    }
    case 'release': {
      // Releasing needs no live TTL: a buyer may give back a hold the sweeper has not reached yet.
      const expected = !live
        ? 'not_found'
        : live.user !== who
          ? 'forbidden'
          : live.state !== 'held'
            ? 'invalid_state'
            : 'ok'
      const r = await inv.releaseHold({
        saleId,
        userId: who,
        holdId: target,
        response: { statusCode: 200, body: {} }
      })
      expect(outcome('release', r), `release ${target} by ${who}`).toBe(expected)
      if (r.ok && live) live.state = 'gone'
      return
    }
    case 'confirm': {
      const expected = !live
        ? 'not_found'
        : live.user !== who
          ? 'forbidden'
          : live.state !== 'held'
            ? 'invalid_state'
            : live.stale
              ? 'hold_expired'
              : 'ok'
      const reservationId = target.replace('.h', '.r')
      const r = await inv.toPending({
        saleId,
        userId: who,
        holdId: target,
        reservationId,
        response: { statusCode: 202, body: {} }
      })
      expect(outcome('confirm', r), `confirm ${target} by ${who}`).toBe(expected)
      if (r.ok && live) {
        expect(r.value).toMatchObject({
          id: target,
          seatId: live.seat,
          userId: who,
          state: 'pending',
          reservationId
        })
        live.state = 'pending'
        // Confirming at the limit finishes the buyer's session: no more holds with this admission.
        if (m.liveOf(who) >= LIMIT && !m.finished.has(who)) m.finished.set(who, target)
      }
      return
    }
    case 'expire': {
      const held = m.heldIds()
      if (held.length > 0) {
        const id = held[o.pick % held.length]!
        await ageHold(saleId, id)
        m.units.get(id)!.stale = true
      }
      if (o.sweep) {
        const due = m.live().filter(([, u]) => u.state === 'held' && u.stale)
        const swept = await inv.expireDue(saleId, 100)
        expect(swept, 'holds swept').toBe(due.length)
        seen.add(`sweep:${swept > 0 ? 'some' : 'none'}`)
        for (const [, u] of due) u.state = 'gone'
      }
      return
    }
    case 'outcome': {
      if (o.sold) {
        const expected =
          !unit || unit.state === 'gone' ? 'not_found' : unit.state === 'held' ? 'invalid_state' : 'ok'
        const r = await inv.pendingToSold({ saleId, holdId: target })
        expect(outcome('sold', r), `pendingToSold ${target} (${unit?.state})`).toBe(expected)
        if (r.ok && live) live.state = 'sold'
      } else {
        // A unit already gone is a replay (nothing to do); held or sold ones are not pending.
        const expected = !live ? 'ok' : live.state === 'pending' ? 'ok' : 'invalid_state'
        const r = await inv.pendingToReleased({ saleId, holdId: target, reason: 'declined' })
        expect(outcome('fail', r), `pendingToReleased ${target} (${unit?.state})`).toBe(expected)
        if (r.ok && live) live.state = 'gone'
      }
      return
    }
    case 'revert': {
      const expected = !live ? 'ok' : live.state === 'pending' ? 'ok' : 'invalid_state'
      const r = await inv.revertPending({ saleId, holdId: target })
      expect(outcome('revert', r), `revertPending ${target} (${unit?.state})`).toBe(expected)
      // Back to held with its old expiry, which the model has not moved (pending units can't age).
      if (r.ok && live) {
        live.state = 'held'
        // The admission that confirm ended comes back with it.
        if (m.finished.get(live.user) === target) m.finished.delete(live.user)
      }
      return
    }
  }
}

/** Every invariant of the inventory core, and agreement with the model, read from Redis. */
async function check(m: Model, capacity: number): Promise<void> {
  const inv = h.inventory
  const k = h.keys.sale(m.saleId)
  const [counts, seats, users, units, expiry] = await Promise.all([
    inv.counts(m.saleId),
    inv.seatStates(m.saleId),
    h.redis.hGetAll(k.users),
    h.redis.hGetAll(k.units),
    h.redis.zRange(k.expiry, 0, -1)
  ])

  // Conservation, and no negative stock.
  expect(counts.capacity).toBe(capacity)
  expect(counts.available + counts.held + counts.pending + counts.confirmed).toBe(capacity)
  for (const n of [counts.available, counts.held, counts.pending, counts.confirmed])
    expect(n).toBeGreaterThanOrEqual(0)

  // The seat map agrees with the counters (a pending seat shows as held).
  const byState = (s: SeatState) => [...seats.values()].filter((v) => v === s).length
  expect(seats.size).toBe(capacity)
  expect(byState('held')).toBe(counts.held + counts.pending)
  expect(byState('sold')).toBe(counts.confirmed)
  expect(byState('available')).toBe(counts.available)

  // Per-user counts within the limit, none left at zero.
  for (const [u, n] of Object.entries(users)) {
    expect(Number(n), `live units of ${u}`).toBeGreaterThan(0)
    expect(Number(n), `live units of ${u}`).toBeLessThanOrEqual(LIMIT)
  }

  // Agreement with the model: counters, every seat, every user, every unit, the expiry set.
  expect(counts).toEqual({
    capacity,
    available: capacity - m.live().length,
    held: m.count('held'),
    pending: m.count('pending'),
    confirmed: m.count('sold')
  })
  for (const seat of SEATS) {
    const holder = m.seatHolder(seat)
    const want: SeatState = !holder ? 'available' : holder.state === 'sold' ? 'sold' : 'held'
    expect(seats.get(seat), `seat ${seat}`).toBe(want)
  }
  const wantUsers: Record<string, string> = {}
  for (const u of USERS) if (m.liveOf(u) > 0) wantUsers[u] = String(m.liveOf(u))
  expect(users).toEqual(wantUsers)
  const liveUnits = Object.fromEntries(
    Object.entries(units).map(([id, raw]) => {
      const u = JSON.parse(raw) as { s: string; u: string; st: string; e: number }
      return [id, { seat: u.s, user: u.u, state: u.st, extensions: u.e }]
    })
  )
  expect(liveUnits).toEqual(
    Object.fromEntries(
      m
        .live()
        .map(([id, u]) => [id, { seat: u.seat, user: u.user, state: u.state, extensions: u.extensions }])
    )
  )
  expect(new Set(expiry)).toEqual(new Set(m.heldIds()))
}

describe('RedisInventoryStore under random interleavings', () => {
  it('keeps stock conserved, seats consistent, users within the limit, and answers as the model does', async () => {
    let runs = 0
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 20, maxLength: 60 }), async (ops) => {
        runs++
        const saleId = await h.createSale(seatedSale(1, SEATS.length, { perUserLimit: LIMIT }))
        await h.admit(saleId, USERS)
        const m = new Model(saleId)
        await check(m, SEATS.length)
        for (const o of ops) {
          await step(m, o)
          await check(m, SEATS.length)
        }
        // The ledger written beside every change folds into PostgreSQL as the same live units.
        await h.rt.drainLedger()
        const snapshot = await h.repo.loadSnapshot(saleId)
        const pg = Object.fromEntries(
          (snapshot?.units ?? []).map((u) => [u.unitId, { seat: u.seatId, user: u.userId, state: u.state }])
        )
        expect(pg).toEqual(
          Object.fromEntries(m.live().map(([id, u]) => [id, { seat: u.seat, user: u.user, state: u.state }]))
        )
      }),
      { numRuns: 100 }
    )
    expect(runs).toBeGreaterThanOrEqual(100)
    // Every answer the model predicts was actually met at least once over the runs.
    expect([...seen].sort()).toEqual(
      expect.arrayContaining([
        'hold:ok',
        'hold:seat_taken',
        'hold:limit_reached',
        'hold:not_found',
        'extend:ok',
        'extend:extend_limit',
        'extend:hold_expired',
        'extend:forbidden',
        'extend:invalid_state',
        'extend:not_found',
        'release:ok',
        'release:forbidden',
        'release:not_found',
        'release:invalid_state',
        'confirm:ok',
        'confirm:forbidden',
        'confirm:not_found',
        'confirm:hold_expired',
        'confirm:invalid_state',
        'sold:ok',
        'sold:invalid_state',
        'sold:not_found',
        'fail:ok',
        'fail:invalid_state',
        'revert:ok',
        'revert:invalid_state',
        'sweep:some',
        'sweep:none'
      ])
    )
  })
})
