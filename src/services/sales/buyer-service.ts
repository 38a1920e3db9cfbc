import { newChildId, newGroupIds, saleOf } from '../../domain/ids.ts'
import type { IdempotencyScope, InventoryStore, StoredResponse } from '../../domain/inventory-ports.ts'
import type { BookingHandoff } from '../../domain/pipeline-ports.ts'
import type { Hold } from '../../domain/sale.ts'
import { FcError } from '../../errors.ts'
import type { AccessTokens } from './access-tokens.ts'
import { fingerprint, runIdempotent } from './idempotency.ts'
import { refusalError } from './refusals.ts'
import type { SaleService } from './sale-service.ts'

/**
 * A hold of several seats (`POST /v1/events/:id/holds`, docs/api.md): the seats named, or the best
 * `quantity` seats of a section, side by side in one row unless `adjacent` is false.
 */
export type HoldManyRequest =
  | { seatIds: string[] }
  | { section: string; quantity: number; adjacent?: boolean }

export interface BuyerCall {
  userId: string
  accessToken: string | undefined
  idempotencyKey: string | undefined
}

/** A reservation id is its hold id with another letter: one hold books at most one reservation. */
export function reservationIdOf(holdId: string): string {
  return holdId.replace(/\.h/, '.r')
}

export function holdIdOf(reservationId: string): string {
  return reservationId.replace(/\.r/, '.h')
}

/**
 * What a buyer does in a sale: hold, extend, release, confirm, claim. Every mutating call is
 * idempotent per Idempotency-Key, and every inventory decision is one atomic script.
 */
export class BuyerService {
  readonly #inventory: InventoryStore
  readonly #sales: SaleService
  readonly #tokens: AccessTokens
  readonly #handoff: BookingHandoff

  constructor(deps: {
    inventory: InventoryStore
    sales: SaleService
    tokens: AccessTokens
    handoff: BookingHandoff
  }) {
    this.#inventory = deps.inventory
    this.#sales = deps.sales
    this.#tokens = deps.tokens
    this.#handoff = deps.handoff
  }

  /**
   * Checks the access token's signature, owner and sale. `live` also requires it unexpired: taking
   * stock needs a live admission, while finishing a hold one already has does not.
   */
  #checkAccess(call: BuyerCall, saleId: string, live: boolean): void {
    if (!call.accessToken)
      throw new FcError('FC_NOT_ADMITTED', 'An access token (X-Access-Token) is required')
    const claims = this.#tokens.verify(call.accessToken)
    if (!claims || claims.saleId !== saleId)
      throw new FcError('FC_NOT_ADMITTED', 'This access token is not valid for this sale')
    if (claims.userId !== call.userId)
      throw new FcError('FC_FORBIDDEN', 'This access token belongs to another user')
    if (live && claims.exp <= Date.now())
      throw new FcError('FC_NOT_ADMITTED', 'Your access token has expired')
  }

  async #idempotent(
    call: BuyerCall,
    saleId: string,
    operation: string,
    body: unknown,
    run: (scope: IdempotencyScope | undefined) => Promise<StoredResponse>,
    onReplay?: (stored: StoredResponse) => Promise<void>
  ): Promise<StoredResponse> {
    if (call.idempotencyKey === undefined) return run(undefined)
    const scope: IdempotencyScope = {
      saleId,
      userId: call.userId,
      key: call.idempotencyKey,
      fingerprint: fingerprint(operation, call.userId, body)
    }
    return runIdempotent(this.#inventory, scope, () => run(scope), onReplay)
  }

  /**
   * A retried confirm or claim whose first attempt was accepted (the 202 is stored in the same
   * script that moved the unit to pending) may have died before its publish: an API process
   * killed, or Redis failing over, between the two. The retry publishes the request again while
   * the unit is still pending with it; the pipeline is idempotent (a request already processed, or
   * one whose unit is no longer pending with it, changes nothing), so at worst it is a duplicate.
   * Without this, such a request would wait for the reconciler to settle it as failed. A publish
   * that fails here changes nothing: the stored 202 stands, and the reconciler settles the unit.
   * What is published comes from the unit in Redis (its owner above all), never from the caller.
   */
  async #republish(saleId: string, unitId: string, publish: (hold: Hold) => Promise<void>): Promise<void> {
    const unit = await this.#inventory.getHold(saleId, unitId)
    if (unit?.state !== 'pending') return
    await publish(unit).catch(() => undefined)
  }

  async hold(call: BuyerCall, saleId: string, seatId: string): Promise<StoredResponse> {
    this.#checkAccess(call, saleId, true)
    if (call.idempotencyKey === undefined)
      throw new FcError('FC_VALIDATION', 'The Idempotency-Key header is required')
    // The hold script checks and records the Idempotency-Key itself, in the same atomic step as
    // the hold: one Redis round trip, where a separate reservation of the key would take two.
    const idem: IdempotencyScope = {
      saleId,
      userId: call.userId,
      key: call.idempotencyKey,
      fingerprint: fingerprint(`hold ${saleId}`, call.userId, { seatId })
    }
    const response = (holdId: string, expiresAt: number): StoredResponse => ({
      statusCode: 201,
      body: { holdId, seatId, expiresAt: new Date(expiresAt).toISOString() }
    })
    const holdId = newChildId(saleId, 'h')
    const r = await this.#inventory.holdSeat({
      saleId,
      userId: call.userId,
      seatId,
      holdId,
      idem,
      response: (expiresAt) => response(holdId, expiresAt)
    })
    if (!r.ok) throw refusalError(r.refusal)
    const { sale, prices } = await this.#sales.get(saleId)
    return holdResponse(r.value.holdId, r.value.expiresAt, [seatId], prices, sale.currency)
  }

  /**
   * Holds several seats as one hold, all or nothing, in one atomic script (hold-seats): the seats
   * named, or the best ones of a section, picked inside the script. Refused before the script
   * (400, nothing changed): more seats than the per-user limit, an unknown section.
   */
  async holdSeats(call: BuyerCall, saleId: string, request: HoldManyRequest): Promise<StoredResponse> {
    this.#checkAccess(call, saleId, true)
    if (call.idempotencyKey === undefined)
      throw new FcError('FC_VALIDATION', 'The Idempotency-Key header is required')
    const { sale, prices } = await this.#sales.get(saleId)
    const quantity = 'seatIds' in request ? request.seatIds.length : request.quantity
    if (quantity > sale.perUserLimit)
      throw new FcError('FC_VALIDATION', `A hold takes at most ${sale.perUserLimit} seats in this sale`)
    if ('seatIds' in request && new Set(request.seatIds).size !== quantity)
      throw new FcError('FC_VALIDATION', '`seatIds` names a seat twice')
    let pick: Parameters<InventoryStore['holdSeats']>[0]['pick']
    if ('seatIds' in request) pick = { mode: 'ids', seatIds: request.seatIds }
    else {
      const section = sale.sections.find((s) => s.name === request.section)
      if (!section) throw new FcError('FC_VALIDATION', `This sale has no section ${request.section}`)
      pick = {
        mode: request.adjacent === false ? 'best' : 'block',
        section: section.name,
        rows: section.rows,
        seatsPerRow: section.seatsPerRow
      }
    }
    const body =
      'seatIds' in request
        ? { seatIds: request.seatIds }
        : { section: request.section, quantity: request.quantity, adjacent: request.adjacent !== false }
    const idem: IdempotencyScope = {
      saleId,
      userId: call.userId,
      key: call.idempotencyKey,
      fingerprint: fingerprint(`hold ${saleId}`, call.userId, body)
    }
    const unitIds = newGroupIds(saleId, quantity)
    const r = await this.#inventory.holdSeats({
      saleId,
      userId: call.userId,
      unitIds,
      pick,
      idem,
      // The seats and the expiry are kept beside the record by the script (a retry answers them).
      response: { statusCode: 201, body: { holdId: unitIds[0] } }
    })
    if (!r.ok) throw refusalError(r.refusal)
    return holdResponse(r.value.holdId, r.value.expiresAt, r.value.seatIds, prices, sale.currency)
  }

  async extend(call: BuyerCall, holdId: string): Promise<StoredResponse> {
    const saleId = this.#saleOfHold(holdId)
    this.#checkAccess(call, saleId, false)
    return this.#idempotent(call, saleId, `extend ${holdId}`, {}, async (idem) => {
      const response = (expiresAt: number): StoredResponse => ({
        statusCode: 200,
        body: { holdId, expiresAt: new Date(expiresAt).toISOString() }
      })
      const r = await this.#inventory.extendHold({ saleId, userId: call.userId, holdId, idem, response })
      if (!r.ok) throw refusalError(r.refusal)
      return response(r.value.expiresAt)
    })
  }

  async release(call: BuyerCall, holdId: string): Promise<StoredResponse> {
    const saleId = this.#saleOfHold(holdId)
    this.#checkAccess(call, saleId, false)
    return this.#idempotent(call, saleId, `release ${holdId}`, {}, async (idem) => {
      const response: StoredResponse = { statusCode: 200, body: { holdId, status: 'released' } }
      const r = await this.#inventory.releaseHold({ saleId, userId: call.userId, holdId, idem, response })
      if (!r.ok) throw refusalError(r.refusal)
      return response
    })
  }

  async confirm(
    call: BuyerCall,
    holdId: string,
    payment: { simulate?: 'approve' | 'decline' | 'timeout'; key?: string }
  ): Promise<StoredResponse> {
    const saleId = this.#saleOfHold(holdId)
    this.#checkAccess(call, saleId, false)
    if (call.idempotencyKey === undefined)
      throw new FcError('FC_VALIDATION', 'The Idempotency-Key header is required')
    const { prices, sale } = await this.#sales.get(saleId)
    const reservationId = reservationIdOf(holdId)
    const publish = (hold: Hold) =>
      this.#handoff.publishBooking({
        v: 1,
        reservationId,
        holdId,
        saleId,
        seatId: hold.seatId,
        // The hold's owner as Redis records it: on a first confirm the script has just checked it
        // is the caller; on a replay the caller is never trusted for it.
        userId: hold.userId,
        // One payment for the whole hold: the sum of its seats' prices.
        amount: hold.seatIds.reduce((sum, seat) => sum + (prices.get(seat) ?? 0), 0),
        currency: sale.currency,
        // The hold's other seats (a hold of several seats), booked with it or not at all.
        ...(hold.unitIds.length > 1
          ? {
              seats: hold.unitIds.slice(1).map((unitId, i) => ({
                holdId: unitId,
                reservationId: reservationIdOf(unitId),
                seatId: hold.seatIds[i + 1] as string
              }))
            }
          : {}),
        payment,
        acceptedAt: Date.now()
      })
    const onReplay = async (stored: StoredResponse) => {
      if (stored.statusCode === 202) await this.#republish(saleId, holdId, publish)
    }
    return this.#idempotent(
      call,
      saleId,
      `confirm ${holdId}`,
      { payment },
      async (idem) => {
        const response: StoredResponse = { statusCode: 202, body: { reservationId, status: 'pending' } }
        const r = await this.#inventory.toPending({
          saleId,
          userId: call.userId,
          holdId,
          reservationId,
          idem,
          response
        })
        if (!r.ok) throw refusalError(r.refusal)
        try {
          await publish(r.value)
        } catch (cause) {
          // Nothing may be half-applied: the hold goes back to HELD before the client hears anything.
          await this.#inventory.revertPending({ saleId, holdId })
          throw new FcError('FC_UNAVAILABLE', 'The booking could not be accepted: try again', {
            cause,
            retryAfterSec: 1
          })
        }
        return response
      },
      onReplay
    )
  }

  async claim(call: BuyerCall, saleId: string): Promise<StoredResponse> {
    this.#checkAccess(call, saleId, true)
    if (call.idempotencyKey === undefined)
      throw new FcError('FC_VALIDATION', 'The Idempotency-Key header is required')
    const publish = (claimId: string, userId: string) =>
      this.#handoff.publishClaim({ v: 1, claimId, saleId, userId, acceptedAt: Date.now() })
    // The claim script checks and records the Idempotency-Key itself, in the same atomic step as
    // the claim (as the hold script does): one Redis round trip, where a separate reservation of
    // the key took two. A retry gets the stored answer, or the same refusal.
    const scope: IdempotencyScope = {
      saleId,
      userId: call.userId,
      key: call.idempotencyKey,
      fingerprint: fingerprint(`claim ${saleId}`, call.userId, {})
    }
    const claimId = newChildId(saleId, 'c')
    const response: StoredResponse = { statusCode: 202, body: { claimId, status: 'pending' } }
    const r = await this.#inventory.claim({ saleId, userId: call.userId, claimId, idem: scope, response })
    if (!r.ok) throw refusalError(r.refusal)
    const { replay } = r.value
    if (replay) {
      // Accepted before: published again while its unit is pending (the first publish may have
      // died with its process); the pipeline takes a claim once.
      const stored = (replay.body as { claimId?: unknown } | undefined)?.claimId
      if (replay.statusCode === 202 && typeof stored === 'string')
        await this.#republish(saleId, stored, (unit) => publish(stored, unit.userId))
      return replay
    }
    try {
      await publish(claimId, call.userId)
    } catch (cause) {
      // Nothing may be half-applied: the unit goes back and the key is free for the retry.
      await this.#inventory.revertClaim({ saleId, userId: call.userId, claimId })
      await this.#inventory.idempotencyAbandon(scope).catch(() => undefined)
      throw new FcError('FC_UNAVAILABLE', 'The claim could not be accepted: try again', {
        cause,
        retryAfterSec: 1
      })
    }
    return response
  }

  #saleOfHold(holdId: string): string {
    const saleId = saleOf(holdId, 'h')
    if (!saleId) throw new FcError('FC_NOT_FOUND', 'No such hold')
    return saleId
  }
}

/**
 * The 201 of a hold: `seatId` (its first seat, for clients of the one-seat form), every seat, the
 * sum of their prices in the sale's currency.
 */
function holdResponse(
  holdId: string,
  expiresAt: number,
  seatIds: string[],
  prices: ReadonlyMap<string, number>,
  currency: string
): StoredResponse {
  return {
    statusCode: 201,
    body: {
      holdId,
      seatId: seatIds[0],
      seatIds,
      expiresAt: new Date(expiresAt).toISOString(),
      amount: seatIds.reduce((sum, seat) => sum + (prices.get(seat) ?? 0), 0),
      currency
    }
  }
}
