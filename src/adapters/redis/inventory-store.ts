import type {
  HeldSeats,
  HoldSeatsRequest,
  IdempotencyBegin,
  IdempotencyScope,
  InventoryResult,
  InventorySnapshot,
  InventoryStore,
  LedgerEntry,
  LedgerSource,
  StoredResponse,
  WarmOutcome
} from '../../domain/inventory-ports.ts'
import type {
  Hold,
  HoldState,
  SaleStatus,
  SeatState,
  SeatStockState,
  StockCounts
} from '../../domain/sale.ts'
import type { InventoryEdit, InventoryEditor, InventoryEditResult } from '../../domain/sale-edit-ports.ts'
import {
  EDIT_CAPACITY_BELOW_TAKEN,
  EDIT_LIMIT_BELOW_OWNED,
  EDIT_SEAT_EXISTS,
  EDIT_SEAT_SOLD,
  EDIT_SEAT_UNKNOWN,
  NOTHING_TO_DO,
  OK,
  REPLAY,
  refusalOf
} from './codes.ts'
import type { KeyBuilder } from './keys.ts'
import {
  decodeIdempotencyRecord,
  type IdempotencyRecord,
  SEAT_STOCK,
  toHold,
  type UnitRecord,
  withGroups
} from './records.ts'
import type { RedisClient } from './redis-client.ts'
import type { ScriptRunner } from './scripts.ts'

/** How long an in-flight Idempotency-Key reservation lives if its process dies before answering. */
const IN_FLIGHT_TTL_SEC = 30
/**
 * How long a refusal stays remembered under its Idempotency-Key (at most `FC_IDEMPOTENCY_TTL_SEC`).
 * A success is kept for the whole TTL: it is bounded by the stock, and forgetting it could sell
 * twice. A refusal changed nothing, and every request with a new key can earn one, so keeping them
 * for a day let Redis grow with request volume (about 200 bytes per refused request). A minute
 * covers a client's retries, which get the same answer; memory is then bounded by the refusals of
 * the last minute, which the rate limits bound in turn. A retry after that runs again: the
 * refusal's reason (the seat taken, the hold expired) is checked afresh, and at most one effect
 * can still follow.
 */
export const REFUSAL_TTL_SEC = 60

function result<T>(reply: unknown[], value: (reply: unknown[]) => T): InventoryResult<T> {
  const code = Number(reply[0])
  if (code === OK || code === NOTHING_TO_DO) return { ok: true, value: value(reply) }
  return { ok: false, refusal: refusalOf(code) }
}

const none = (): void => undefined

/** Units finished per script call: a few ms of Redis at most, so other clients are not held up. */
const FINISH_CHUNK = 128

/** The inventory core on Redis: every method is one script, the critical section. */
export class RedisInventoryStore implements InventoryStore, LedgerSource, InventoryEditor {
  readonly #client: RedisClient
  readonly #scripts: ScriptRunner
  readonly #keys: KeyBuilder
  readonly #idempotencyTtlSec: number

  constructor(client: RedisClient, scripts: ScriptRunner, keys: KeyBuilder, idempotencyTtlSec: number) {
    this.#client = client
    this.#scripts = scripts
    this.#keys = keys
    this.#idempotencyTtlSec = idempotencyTtlSec
  }

  /** The idempotency key and its ARGV tail for a script, or blanks when the call carries no key. */
  #idem(saleId: string, idem: IdempotencyScope | undefined, response: StoredResponse) {
    if (!idem) return { key: this.#keys.idempotency(saleId, '-', '-'), args: ['', 0, '', 0] }
    return {
      key: this.#keys.idempotency(saleId, idem.userId, idem.key),
      args: [idem.fingerprint, response.statusCode, JSON.stringify(response.body), this.#idempotencyTtlSec]
    }
  }

  get #refusalTtlSec(): number {
    return Math.min(REFUSAL_TTL_SEC, this.#idempotencyTtlSec)
  }

  async warm(
    snapshot: InventorySnapshot,
    settings: { maxExtensions: number; ifLedgerAt?: string }
  ): Promise<WarmOutcome> {
    const { sale } = snapshot
    const k = this.#keys.sale(sale.id)
    const reply = await this.#scripts.run(
      'warm-sale',
      [k.meta, k.seats, k.units, k.expiry, k.users, k.ledger, k.atLimit, k.rowFree],
      [
        JSON.stringify({
          kind: sale.kind,
          capacity: sale.capacity,
          limit: sale.perUserLimit,
          holdTtlMs: sale.holdTtlSec * 1000,
          maxExt: settings.maxExtensions,
          status: sale.status === 'warming' ? 'open' : sale.status
        }),
        JSON.stringify(snapshot.seats.map((s) => s.id)),
        JSON.stringify(withGroups(snapshot.units)),
        settings.ifLedgerAt ?? ''
      ]
    )
    if (Number(reply[0]) === 0) return 'changed'
    if (Number(reply[0]) === -1) return 'live'
    // Verify what was loaded before anyone may buy: counts must match the snapshot exactly.
    const [, seats, units, available] = reply.map(Number)
    const expected = [snapshot.seats.length, snapshot.units.length, sale.capacity - snapshot.units.length]
    if (seats !== expected[0] || units !== expected[1] || available !== expected[2]) {
      await this.#client.hDel(k.meta, 'warm')
      throw new Error(
        `warm-up of sale ${sale.id} does not verify: loaded seats=${seats} units=${units} available=${available}, expected ${expected.join('/')}`
      )
    }
    await this.#client.sAdd(this.#keys.salesIndex(), sale.id)
    return 'loaded'
  }

  async isWarm(saleId: string): Promise<boolean> {
    return (await this.#client.hGet(this.#keys.sale(saleId).meta, 'warm')) === '1'
  }

  async counts(saleId: string): Promise<StockCounts> {
    const [capacity, available, held, pending, sold] = await this.#client.hmGet(
      this.#keys.sale(saleId).meta,
      ['capacity', 'available', 'held', 'pending', 'sold']
    )
    return {
      capacity: Number(capacity ?? 0),
      available: Number(available ?? 0),
      held: Number(held ?? 0),
      pending: Number(pending ?? 0),
      confirmed: Number(sold ?? 0)
    }
  }

  async seatStates(saleId: string): Promise<Map<string, SeatState>> {
    const all = await this.#client.hGetAll(this.#keys.sale(saleId).seats)
    const states = new Map<string, SeatState>()
    for (const [seat, v] of Object.entries(all)) {
      // A pending seat is not for sale to anyone else: buyers see it as held.
      states.set(seat, v === 'A' ? 'available' : v.startsWith('S') ? 'sold' : 'held')
    }
    return states
  }

  async seatStockStates(saleId: string): Promise<Map<string, SeatStockState>> {
    const all = await this.#client.hGetAll(this.#keys.sale(saleId).seats)
    const states = new Map<string, SeatStockState>()
    for (const [seat, v] of Object.entries(all)) states.set(seat, SEAT_STOCK[v.charAt(0)] ?? 'held')
    return states
  }

  async setStatus(saleId: string, status: SaleStatus): Promise<void> {
    await this.#client.hSet(this.#keys.sale(saleId).meta, 'status', status)
  }

  async holdSeat(a: {
    saleId: string
    userId: string
    seatId: string
    holdId: string
    idem?: IdempotencyScope
    response: (expiresAt: number) => StoredResponse
  }): Promise<InventoryResult<{ holdId: string; expiresAt: number }>> {
    const k = this.#keys.sale(a.saleId)
    const idem = this.#idem(a.saleId, a.idem, a.response(0))
    const reply = await this.#scripts.run(
      'hold-seat',
      [
        k.meta,
        k.seats,
        k.units,
        k.expiry,
        k.users,
        k.active,
        k.ledger,
        idem.key,
        k.atLimit,
        k.rowFree,
        this.#keys.access(a.saleId).rules
      ],
      [a.userId, a.seatId, a.holdId, ...idem.args, this.#refusalTtlSec]
    )
    return result(reply, (r) => ({ holdId: String(r[2]), expiresAt: Number(r[1]) }))
  }

  async holdSeats(a: HoldSeatsRequest): Promise<InventoryResult<HeldSeats>> {
    const k = this.#keys.sale(a.saleId)
    const idem = this.#idem(a.saleId, a.idem, a.response)
    const pick =
      a.pick.mode === 'ids'
        ? [JSON.stringify(a.pick.seatIds), 0, 0]
        : [a.pick.section, a.pick.rows, a.pick.seatsPerRow]
    const reply = await this.#scripts.run(
      'hold-seats',
      [
        k.meta,
        k.seats,
        k.units,
        k.expiry,
        k.users,
        k.active,
        k.ledger,
        idem.key,
        k.atLimit,
        k.rowFree,
        this.#keys.access(a.saleId).rules
      ],
      [a.userId, JSON.stringify(a.unitIds), a.pick.mode, ...pick, ...idem.args, this.#refusalTtlSec]
    )
    return result(reply, (r) => ({
      holdId: String(r[2]),
      expiresAt: Number(r[1]),
      seatIds: JSON.parse(String(r[3])) as string[]
    }))
  }

  async claim(a: {
    saleId: string
    userId: string
    claimId: string
    idem?: IdempotencyScope
    response: StoredResponse
  }): Promise<InventoryResult<{ replay?: StoredResponse }>> {
    const k = this.#keys.sale(a.saleId)
    const q = this.#keys.queue(a.saleId)
    const idem = this.#idem(a.saleId, a.idem, a.response)
    const reply = await this.#scripts.run(
      'claim-unit',
      [
        k.meta,
        k.units,
        k.users,
        k.active,
        k.ledger,
        idem.key,
        q.admitted,
        q.state,
        this.#keys.access(a.saleId).rules
      ],
      [a.userId, a.claimId, ...idem.args, this.#refusalTtlSec]
    )
    if (Number(reply[0]) === REPLAY)
      return { ok: true, value: { replay: decodeIdempotencyRecord(String(reply[1])) } }
    return result(reply, () => ({}))
  }

  async extendHold(a: {
    saleId: string
    userId: string
    holdId: string
    idem?: IdempotencyScope
    response: (expiresAt: number) => StoredResponse
  }): Promise<InventoryResult<{ expiresAt: number }>> {
    const k = this.#keys.sale(a.saleId)
    const idem = this.#idem(a.saleId, a.idem, a.response(0))
    const reply = await this.#scripts.run(
      'extend-hold',
      [k.meta, k.units, k.expiry, k.ledger, idem.key],
      [a.userId, a.holdId, ...idem.args]
    )
    return result(reply, (r) => ({ expiresAt: Number(r[1]) }))
  }

  async releaseHold(a: {
    saleId: string
    userId: string
    holdId: string
    idem?: IdempotencyScope
    response: StoredResponse
  }): Promise<InventoryResult<void>> {
    const k = this.#keys.sale(a.saleId)
    const idem = this.#idem(a.saleId, a.idem, a.response)
    const reply = await this.#scripts.run(
      'release-hold',
      [k.meta, k.seats, k.units, k.expiry, k.users, k.ledger, idem.key, k.rowFree],
      [a.userId, a.holdId, ...idem.args]
    )
    return result(reply, none)
  }

  async toPending(a: {
    saleId: string
    userId: string
    holdId: string
    reservationId: string
    idem?: IdempotencyScope
    response: StoredResponse
  }): Promise<InventoryResult<Hold>> {
    const k = this.#keys.sale(a.saleId)
    const q = this.#keys.queue(a.saleId)
    const idem = this.#idem(a.saleId, a.idem, a.response)
    const reply = await this.#scripts.run(
      'hold-to-pending',
      [k.meta, k.seats, k.units, k.expiry, k.ledger, idem.key, k.users, k.active, q.admitted, q.state],
      [a.userId, a.holdId, a.reservationId, ...idem.args]
    )
    return result(reply, (r) => toHold(a.saleId, a.holdId, JSON.parse(String(r[1])) as UnitRecord))
  }

  async adoptPending(a: {
    saleId: string
    userId: string
    acceptedAt: number
    units: ReadonlyArray<{ holdId: string; reservationId: string }>
  }): Promise<InventoryResult<'adopted' | 'lost'>> {
    const k = this.#keys.sale(a.saleId)
    const reply = await this.#scripts.run(
      'adopt-pending',
      [k.meta, k.seats, k.units, k.expiry, k.ledger],
      [a.userId, String(a.acceptedAt), JSON.stringify(a.units.map((u) => [u.holdId, u.reservationId]))]
    )
    return result(reply, (r) => (Number(r[0]) === OK ? 'adopted' : 'lost'))
  }

  async revertPending(a: { saleId: string; holdId: string }): Promise<InventoryResult<void>> {
    const k = this.#keys.sale(a.saleId)
    const q = this.#keys.queue(a.saleId)
    const reply = await this.#scripts.run(
      'revert-pending',
      [k.meta, k.seats, k.units, k.expiry, k.ledger, k.active, q.admitted, q.state],
      [a.holdId]
    )
    return result(reply, none)
  }

  async revertClaim(a: { saleId: string; userId: string; claimId: string }): Promise<InventoryResult<void>> {
    const k = this.#keys.sale(a.saleId)
    const q = this.#keys.queue(a.saleId)
    const reply = await this.#scripts.run(
      'revert-claim',
      [k.meta, k.units, k.users, k.ledger, k.active, q.admitted, q.state],
      [a.claimId]
    )
    return result(reply, none)
  }

  async pendingToSold(a: { saleId: string; holdId: string }): Promise<InventoryResult<void>> {
    const k = this.#keys.sale(a.saleId)
    const reply = await this.#scripts.run('pending-to-sold', [k.meta, k.seats, k.units, k.ledger], [a.holdId])
    return result(reply, none)
  }

  async pendingToSoldMany(saleId: string, unitIds: readonly string[]): Promise<InventoryResult<number>> {
    const k = this.#keys.sale(saleId)
    let sold = 0
    // At most FINISH_CHUNK units per call: a long script holds Redis for every other client.
    for (let i = 0; i < unitIds.length; i += FINISH_CHUNK) {
      const reply = await this.#scripts.run(
        'pending-to-sold-many',
        [k.meta, k.seats, k.units, k.ledger],
        unitIds.slice(i, i + FINISH_CHUNK)
      )
      if (Number(reply[0]) === -1) return { ok: false, refusal: 'not_warm' }
      sold += Number(reply[1])
    }
    return { ok: true, value: sold }
  }

  async pendingToReleased(a: {
    saleId: string
    holdId: string
    reason: string
  }): Promise<InventoryResult<void>> {
    const k = this.#keys.sale(a.saleId)
    const reply = await this.#scripts.run(
      'pending-to-released',
      [k.meta, k.seats, k.units, k.users, k.ledger, k.rowFree],
      [a.holdId, a.reason]
    )
    return result(reply, none)
  }

  async cancelSold(a: { saleId: string; unitId: string; reason: string }): Promise<InventoryResult<void>> {
    const k = this.#keys.sale(a.saleId)
    const reply = await this.#scripts.run(
      'cancel-unit',
      [k.meta, k.seats, k.units, k.users, k.ledger, k.rowFree],
      [a.unitId, a.reason]
    )
    return result(reply, none)
  }

  /** An operator's edit, atomic with holds and claims (edit-sale): applied whole, or refused unchanged. */
  async editSale(edit: InventoryEdit): Promise<InventoryEditResult> {
    const k = this.#keys.sale(edit.saleId)
    const reply = await this.#scripts.run(
      'edit-sale',
      [k.meta, k.seats, k.units, k.users, k.atLimit, k.rowFree, k.ledger],
      [
        JSON.stringify({
          limit: edit.limit,
          holdTtlMs: edit.holdTtlMs,
          capacity: edit.capacity,
          // cjson reads [] as an empty object; a missing list is read as none.
          ...(edit.addSeats?.length ? { add: edit.addSeats } : {}),
          ...(edit.withdrawSeats?.length ? { withdraw: edit.withdrawSeats } : {})
        }),
        edit.actor
      ]
    )
    const code = Number(reply[0])
    switch (code) {
      case OK:
        return {
          ok: true,
          ledgerId: String(reply[1]),
          withdrawnNow: Number(reply[2]),
          withdrawnLater: Number(reply[3])
        }
      case -1:
        return { ok: false, refusal: 'not_warm' }
      case EDIT_LIMIT_BELOW_OWNED:
        return { ok: false, refusal: 'limit_below_owned', owned: Number(reply[1]) }
      case EDIT_CAPACITY_BELOW_TAKEN:
        return { ok: false, refusal: 'capacity_below_taken', taken: Number(reply[1]) }
      case EDIT_SEAT_SOLD:
        return { ok: false, refusal: 'seat_sold', seatId: String(reply[1]) }
      case EDIT_SEAT_UNKNOWN:
        return { ok: false, refusal: 'seat_unknown', seatId: String(reply[1]) }
      case EDIT_SEAT_EXISTS:
        return { ok: false, refusal: 'seat_exists', seatId: String(reply[1]) }
      default:
        throw new Error(`edit-sale answered ${code}`)
    }
  }

  async expireDue(saleId: string, limit: number): Promise<number> {
    const k = this.#keys.sale(saleId)
    const reply = await this.#scripts.run(
      'expire-holds',
      [k.meta, k.seats, k.units, k.expiry, k.users, k.ledger, k.rowFree],
      [limit]
    )
    // A cold sale (-1) has nothing to sweep.
    return Math.max(0, Number(reply[0]))
  }

  async getHold(saleId: string, holdId: string): Promise<Hold | undefined> {
    const raw = await this.#client.hGet(this.#keys.sale(saleId).units, holdId)
    return raw ? toHold(saleId, holdId, JSON.parse(raw) as UnitRecord) : undefined
  }

  async getHolds(saleId: string, holdIds: readonly string[]): Promise<Array<Hold | undefined>> {
    if (holdIds.length === 0) return []
    const raws = await this.#client.hmGet(this.#keys.sale(saleId).units, [...holdIds])
    return raws.map((raw, i) =>
      raw ? toHold(saleId, holdIds[i] as string, JSON.parse(raw) as UnitRecord) : undefined
    )
  }

  async idempotencyBegin(scope: IdempotencyScope): Promise<IdempotencyBegin> {
    const key = this.#keys.idempotency(scope.saleId, scope.userId, scope.key)
    const reply = await this.#scripts.run('idempotency-begin', [key], [scope.fingerprint, IN_FLIGHT_TTL_SEC])
    switch (Number(reply[0])) {
      case 1:
        return { state: 'new' }
      case 2:
        return { state: 'in_flight' }
      case 3:
        return { state: 'done', response: decodeIdempotencyRecord(String(reply[1])) }
      default:
        return { state: 'mismatch' }
    }
  }

  async idempotencyRefused(scope: IdempotencyScope, response: StoredResponse): Promise<void> {
    const key = this.#keys.idempotency(scope.saleId, scope.userId, scope.key)
    const record: IdempotencyRecord = {
      f: scope.fingerprint,
      s: response.statusCode,
      b: JSON.stringify(response.body)
    }
    await this.#client.set(key, JSON.stringify(record), {
      expiration: { type: 'EX', value: this.#refusalTtlSec }
    })
  }

  async idempotencyAbandon(scope: IdempotencyScope): Promise<void> {
    await this.#client.del(this.#keys.idempotency(scope.saleId, scope.userId, scope.key))
  }

  /** Admits users until `untilMs` (the waiting room's job; tests use it directly). */
  async admit(saleId: string, userIds: readonly string[], untilMs: number): Promise<void> {
    if (userIds.length === 0) return
    await this.#client.zAdd(
      this.#keys.sale(saleId).active,
      userIds.map((value) => ({ score: untilMs, value }))
    )
  }

  async activeCount(saleId: string): Promise<number> {
    const t = await this.#client.time()
    const now = Number(t[0]) * 1000 + Math.floor(Number(t[1]) / 1000)
    return this.#client.zCount(this.#keys.sale(saleId).active, now + 1, '+inf')
  }

  /** Up to `count` ledger entries after `afterId` (exclusive), oldest first. */
  async readLedger(saleId: string, afterId: string, count: number): Promise<LedgerEntry[]> {
    const entries = await this.#client.xRange(
      this.#keys.sale(saleId).ledger,
      afterId === '0' ? '-' : `(${afterId}`,
      '+',
      {
        COUNT: count
      }
    )
    return (entries ?? []).map(({ id, message: m }) => {
      const entry: LedgerEntry = {
        sourceId: id,
        saleId,
        kind: m.k ?? '',
        unitId: m.u ?? '',
        seatId: m.s ? m.s : null,
        userId: m.usr ?? '',
        delta: Number(m.d ?? 0),
        state: (m.st ?? 'held') as HoldState,
        expiresAt: m.x && m.x !== '0' ? Number(m.x) : null,
        reservationId: m.r ? m.r : null,
        at: Number(id.split('-')[0])
      }
      if (m.e) entry.extensions = Number(m.e)
      return entry
    })
  }

  /** Drops ledger entries up to and including `upToId` once they are safe in PostgreSQL. */
  async trimLedger(saleId: string, upToId: string): Promise<void> {
    const [ms, seq] = upToId.split('-')
    await this.#client.xTrim(this.#keys.sale(saleId).ledger, 'MINID', `${ms}-${Number(seq) + 1}`)
  }

  async ledgerLength(saleId: string): Promise<number> {
    return this.#client.xLen(this.#keys.sale(saleId).ledger)
  }

  /** Takes a per-sale lease for `ttlMs` if nobody holds it (or we do). */
  async tryLease(saleId: string, job: string, owner: string, ttlMs: number): Promise<boolean> {
    const key = this.#keys.lease(saleId, job)
    const ok = await this.#client.set(key, owner, {
      condition: 'NX',
      expiration: { type: 'PX', value: ttlMs }
    })
    if (ok === 'OK') return true
    if ((await this.#client.get(key)) !== owner) return false
    await this.#client.pExpire(key, ttlMs)
    return true
  }

  async knownSales(): Promise<string[]> {
    return this.#client.sMembers(this.#keys.salesIndex())
  }
}
