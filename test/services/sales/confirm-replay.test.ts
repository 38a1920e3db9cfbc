/**
 * A confirm (or claim) whose first attempt died between the script that accepted it (and stored
 * its 202) and the publish: the process is gone, the unit is pending, nothing is on its way. The
 * buyer's retry with the same Idempotency-Key gets the stored 202 and publishes the request again,
 * so the booking completes instead of waiting for the reconciler to fail it. The "dead" process
 * is a BuyerService whose publish never returns; the retry goes through another one, as it would
 * through another API process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { StoredResponse } from '../../../src/domain/inventory-ports.ts'
import type { BookingHandoff, BookingRequest, ClaimRequest } from '../../../src/domain/pipeline-ports.ts'
import { type BuyerCall, BuyerService } from '../../../src/services/sales/buyer-service.ts'
import { couponSale, createHarness, type Harness, seatedSale } from '../../support/harness.ts'
import { until } from '../../support/wait.ts'

let h: Harness

beforeAll(async () => {
  h = await createHarness()
})
afterAll(async () => {
  await h?.close()
})

/** A process that dies inside its publish: the call never returns. */
function dyingProcess(): BuyerService {
  const never = () => new Promise<void>(() => {})
  return new BuyerService({
    inventory: h.inventory,
    sales: h.rt.sales,
    tokens: h.rt.tokens,
    handoff: { publishBooking: never, publishClaim: never }
  })
}

/** Another process, whose publishes are recorded and then handed to the runtime's pipeline. */
function livingProcess(): { buyers: BuyerService; bookings: BookingRequest[]; claims: ClaimRequest[] } {
  const bookings: BookingRequest[] = []
  const claims: ClaimRequest[] = []
  const queue: BookingHandoff = {
    publishBooking: async (r) => {
      bookings.push(r)
      await h.rt.handoff.publishBooking(r)
    },
    publishClaim: async (r) => {
      claims.push(r)
      await h.rt.handoff.publishClaim(r)
    }
  }
  const buyers = new BuyerService({
    inventory: h.inventory,
    sales: h.rt.sales,
    tokens: h.rt.tokens,
    handoff: queue
  })
  return { buyers, bookings, claims }
}

describe('a retried confirm whose first attempt died before its publish', () => {
  it('is published again and completes; once the unit is final a replay publishes nothing', async () => {
    const saleId = await h.createSale(seatedSale(1, 2, { perUserLimit: 2 }))
    const access = await h.admit(saleId, ['ana'])
    const call: BuyerCall = { userId: 'ana', accessToken: access.get('ana'), idempotencyKey: 'hold-1' }
    const held = await h.rt.buyers.hold(call, saleId, 'A-1-2')
    const holdId = (held.body as { holdId: string }).holdId

    const confirmCall = { ...call, idempotencyKey: 'confirm-1' }
    void dyingProcess().confirm(confirmCall, holdId, { simulate: 'approve' })
    await until(async () => (await h.inventory.getHold(saleId, holdId))?.state === 'pending')

    const retry = livingProcess()
    const replayed: StoredResponse = await retry.buyers.confirm(confirmCall, holdId, { simulate: 'approve' })
    expect(replayed.statusCode).toBe(202)
    const { reservationId } = replayed.body as { reservationId: string }
    expect(retry.bookings).toEqual([
      expect.objectContaining({ reservationId, holdId, saleId, seatId: 'A-1-2', userId: 'ana' })
    ])
    expect(retry.bookings[0]?.payment).toEqual({ simulate: 'approve' })

    await h.rt.handoff.drain?.()
    expect((await h.inventory.getHold(saleId, holdId))?.state).toBe('sold')
    const status = await h.rt.app.inject({
      method: 'GET',
      url: `/v1/reservations/${reservationId}`,
      headers: { authorization: `Bearer ${await h.userToken('ana')}` }
    })
    expect(status.json()).toMatchObject({ status: 'confirmed' })

    // The unit is sold: a further retry answers the same 202 and publishes nothing.
    const again = await retry.buyers.confirm(confirmCall, holdId, { simulate: 'approve' })
    expect(again).toEqual(replayed)
    expect(retry.bookings).toHaveLength(1)
    expect((await h.inventory.counts(saleId)).confirmed).toBe(1)
  })

  it('a claim likewise: the retry publishes the same claim id and the coupon is issued once', async () => {
    const saleId = await h.createSale(couponSale(5, { perUserLimit: 1 }))
    const access = await h.admit(saleId, ['bo'])
    const call: BuyerCall = { userId: 'bo', accessToken: access.get('bo'), idempotencyKey: 'claim-1' }
    void dyingProcess().claim(call, saleId)
    await until(async () => (await h.inventory.counts(saleId)).pending === 1)

    const retry = livingProcess()
    const replayed = await retry.buyers.claim(call, saleId)
    expect(replayed.statusCode).toBe(202)
    const { claimId } = replayed.body as { claimId: string }
    expect(retry.claims).toEqual([expect.objectContaining({ claimId, saleId, userId: 'bo' })])

    await h.rt.handoff.drain?.()
    expect((await h.inventory.getHold(saleId, claimId))?.state).toBe('sold')
    await retry.buyers.claim(call, saleId)
    expect(retry.claims).toHaveLength(1)
    const counts = await h.inventory.counts(saleId)
    expect(counts).toMatchObject({ available: 4, pending: 0, confirmed: 1 })
  })
})
