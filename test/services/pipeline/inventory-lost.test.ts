/**
 * Redis loses a sale after confirms were accepted and before the pipeline processed them: the
 * re-warm rebuilds it from PostgreSQL, whose copy of the holds trails Redis by a ledger flush. A
 * hold the copy still shows held is booked as the buyer was promised; a hold the copy never saw is
 * settled failed with its reason, never left without an outcome. A request the API refused and
 * compensated (its hold back to held, no reload since) is still discarded: the buyer may confirm
 * again and that confirm is the one booked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { StoredResponse } from '../../../src/domain/inventory-ports.ts'
import { type BookingRequest, type ClaimRequest, HOLD_LOST } from '../../../src/domain/pipeline-ports.ts'
import { type BuyerCall, BuyerService } from '../../../src/services/sales/buyer-service.ts'
import { clearRedisPrefix } from '../../../tools/sut.ts'
import { couponSale, createHarness, type Harness, seatedSale } from '../../support/harness.ts'

let h: Harness

beforeAll(async () => {
  h = await createHarness()
})
afterAll(async () => {
  await h?.close()
})

/** A process whose publishes reach the broker but are not consumed yet (kept in `sent`, `claims`). */
function apiProcess(options: { refuse?: boolean } = {}): {
  buyers: BuyerService
  sent: BookingRequest[]
  claims: ClaimRequest[]
} {
  const sent: BookingRequest[] = []
  const claims: ClaimRequest[] = []
  const buyers = new BuyerService({
    inventory: h.inventory,
    sales: h.rt.sales,
    tokens: h.rt.tokens,
    handoff: {
      publishBooking: async (r) => {
        sent.push(r)
        // Reported failed though the broker has it: the API compensates and refuses.
        if (options.refuse) throw new Error('no acknowledgement from the broker')
      },
      publishClaim: async (r) => {
        claims.push(r)
      }
    }
  })
  return { buyers, sent, claims }
}

async function statusOf(
  reservationId: string
): Promise<{ status: string; reason: string | null } | undefined> {
  const { rows } = await h.pool.query<{ status: string; reason: string | null }>(
    'SELECT status, failure_reason AS reason FROM reservations WHERE id = $1',
    [reservationId]
  )
  return rows[0]
}

describe('bookings accepted before Redis lost their sale', () => {
  it('are booked from the reloaded holds or settled failed when the hold is gone; none is left without an outcome', async () => {
    const saleId = await h.createSale(seatedSale(1, 6, { perUserLimit: 2 }))
    const access = await h.admit(saleId, ['ana', 'bo', 'cy'])
    const call = (userId: string, key: string): BuyerCall => ({
      userId,
      accessToken: access.get(userId),
      idempotencyKey: key
    })
    const holdOf = (r: StoredResponse) => (r.body as { holdId: string }).holdId

    // ana holds one seat and bo two; the ledger reaches PostgreSQL (its copy: held).
    const ana = holdOf(await h.rt.buyers.hold(call('ana', 'h-ana'), saleId, 'A-1-1'))
    const bo = holdOf(
      await h.rt.buyers.holdSeats(call('bo', 'h-bo'), saleId, { seatIds: ['A-1-2', 'A-1-3'] })
    )
    await h.rt.drainLedger()
    // cy's hold is made after the flush: PostgreSQL never sees it.
    const cy = holdOf(await h.rt.buyers.hold(call('cy', 'h-cy'), saleId, 'A-1-4'))

    const api = apiProcess()
    for (const [user, holdId] of [
      ['ana', ana],
      ['bo', bo],
      ['cy', cy]
    ] as const) {
      const answer = await api.buyers.confirm(call(user, `c-${user}`), holdId, { simulate: 'approve' })
      expect(answer.statusCode).toBe(202)
    }
    expect(api.sent).toHaveLength(3)

    // Redis loses everything; the re-warm rebuilds the sale from PostgreSQL's copy.
    await clearRedisPrefix(h.config.redis.url, h.config.redis.prefix)
    expect(await h.rt.sales.rewarmCold()).toContain(saleId)
    expect((await h.inventory.getHold(saleId, ana))?.state).toBe('held')
    expect(await h.inventory.getHold(saleId, cy)).toBeUndefined()

    // The consumer gets the three requests now.
    const failures = await h.rt.pipeline.processBookings(api.sent)
    expect([...failures.keys()]).toEqual([])
    const [anaR, boR, cyR] = api.sent.map((r) => r.reservationId) as [string, string, string]
    const boSecond = api.sent[1]?.seats?.[0]?.reservationId as string
    expect(await statusOf(anaR)).toEqual({ status: 'confirmed', reason: null })
    expect(await statusOf(boR)).toEqual({ status: 'confirmed', reason: null })
    expect(await statusOf(boSecond)).toEqual({ status: 'confirmed', reason: null })
    expect(await statusOf(cyR)).toEqual({ status: 'failed', reason: HOLD_LOST })

    // Redis agrees: three seats sold, nothing pending, the other three available.
    expect((await h.inventory.getHold(saleId, ana))?.state).toBe('sold')
    expect((await h.inventory.getHold(saleId, bo))?.state).toBe('sold')
    expect(await h.inventory.counts(saleId)).toMatchObject({
      held: 0,
      pending: 0,
      confirmed: 3,
      available: 3
    })
    const charged = await h.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM payments p JOIN reservations r ON r.id = p.reservation_id WHERE r.sale_id = $1',
      [saleId]
    )
    expect(charged.rows[0]?.n).toBe(2)

    // The same requests delivered again change nothing.
    await h.rt.pipeline.processBookings(api.sent)
    expect(await h.inventory.counts(saleId)).toMatchObject({
      held: 0,
      pending: 0,
      confirmed: 3,
      available: 3
    })
    expect(await statusOf(cyR)).toEqual({ status: 'failed', reason: HOLD_LOST })
  })

  it('a coupon claim the reload does not know is settled failed; one PostgreSQL had is issued', async () => {
    const saleId = await h.createSale(couponSale(5, { perUserLimit: 1 }))
    const access = await h.admit(saleId, ['eli', 'fay'])
    const call = (userId: string): BuyerCall => ({
      userId,
      accessToken: access.get(userId),
      idempotencyKey: `claim-${userId}`
    })
    const api = apiProcess()
    expect((await api.buyers.claim(call('eli'), saleId)).statusCode).toBe(202)
    await h.rt.drainLedger()
    expect((await api.buyers.claim(call('fay'), saleId)).statusCode).toBe(202)
    const [eli, fay] = api.claims.map((c) => c.claimId) as [string, string]

    await clearRedisPrefix(h.config.redis.url, h.config.redis.prefix)
    expect(await h.rt.sales.rewarmCold()).toContain(saleId)
    await h.rt.pipeline.processClaims(api.claims)

    const { rows } = await h.pool.query<{ id: string; status: string; reason: string | null }>(
      'SELECT id, status, failure_reason AS reason FROM claims WHERE sale_id = $1 ORDER BY id',
      [saleId]
    )
    expect(new Map(rows.map((r) => [r.id, { status: r.status, reason: r.reason }]))).toEqual(
      new Map([
        [eli, { status: 'confirmed', reason: null }],
        [fay, { status: 'failed', reason: HOLD_LOST }]
      ])
    )
    expect(await h.inventory.counts(saleId)).toMatchObject({ pending: 0, confirmed: 1, available: 4 })
  })

  it('requests of a sale Redis does not hold yet are retried on their own; the rest of the batch goes on', async () => {
    const lostSale = await h.createSale(seatedSale(1, 2, { perUserLimit: 1 }))
    const kept = await h.createSale(couponSale(5, { perUserLimit: 1 }))
    const lostAccess = await h.admit(lostSale, ['gus'])
    const keptAccess = await h.admit(kept, ['hal'])
    const api = apiProcess()
    const holdId = (
      (
        await h.rt.buyers.hold(
          { userId: 'gus', accessToken: lostAccess.get('gus'), idempotencyKey: 'h-gus' },
          lostSale,
          'A-1-1'
        )
      ).body as { holdId: string }
    ).holdId
    await h.rt.drainLedger()
    await api.buyers.confirm(
      { userId: 'gus', accessToken: lostAccess.get('gus'), idempotencyKey: 'c-gus' },
      holdId,
      {
        simulate: 'approve'
      }
    )
    await api.buyers.claim(
      { userId: 'hal', accessToken: keptAccess.get('hal'), idempotencyKey: 'k-hal' },
      kept
    )
    // Only the seated sale's keys go (as if its Redis node lost them); no re-warm has run yet.
    for (const key of await h.redis.keys(`${h.keys.base(lostSale)}*`)) await h.redis.del(key)

    const failures = await h.rt.pipeline.processBookings(api.sent)
    const [booking] = api.sent
    expect([...failures.keys()]).toEqual([booking?.reservationId])
    expect((failures.get(booking?.reservationId as string) as Error).name).toBe('InventoryNotReadyError')
    expect(await h.rt.pipeline.processClaims(api.claims)).toEqual(new Map())
    expect(await h.inventory.counts(kept)).toMatchObject({ pending: 0, confirmed: 1 })

    // Once the sale is loaded again, the retry books it.
    expect(await h.rt.sales.rewarmCold()).toContain(lostSale)
    expect([...(await h.rt.pipeline.processBookings(api.sent)).keys()]).toEqual([])
    expect(await statusOf(booking?.reservationId as string)).toEqual({ status: 'confirmed', reason: null })
    expect(await h.inventory.counts(lostSale)).toMatchObject({ held: 0, pending: 0, confirmed: 1 })
  })

  it('a refused confirm whose request reached the broker anyway is still discarded without a reload', async () => {
    const saleId = await h.createSale(seatedSale(1, 2, { perUserLimit: 1 }))
    const access = await h.admit(saleId, ['dee'])
    const call = (key: string): BuyerCall => ({
      userId: 'dee',
      accessToken: access.get('dee'),
      idempotencyKey: key
    })
    const holdId = (
      (await h.rt.buyers.hold(call('h-dee'), saleId, 'A-1-1')).body as {
        holdId: string
      }
    ).holdId
    const refusing = apiProcess({ refuse: true })
    await expect(
      refusing.buyers.confirm(call('c-dee'), holdId, { simulate: 'approve' })
    ).rejects.toMatchObject({
      code: 'FC_UNAVAILABLE'
    })
    expect((await h.inventory.getHold(saleId, holdId))?.state).toBe('held')

    // The stale request: not booked, the hold stays the buyer's to confirm.
    await h.rt.pipeline.processBookings(refusing.sent)
    const [stale] = refusing.sent.map((r) => r.reservationId)
    expect(await statusOf(stale as string)).toBeUndefined()
    expect((await h.inventory.getHold(saleId, holdId))?.state).toBe('held')

    // The buyer's retry is the one booked.
    const retry = apiProcess()
    expect((await retry.buyers.confirm(call('c-dee-2'), holdId, { simulate: 'approve' })).statusCode).toBe(
      202
    )
    await h.rt.pipeline.processBookings(retry.sent)
    expect(await statusOf(stale as string)).toEqual({ status: 'confirmed', reason: null })
    expect(await h.inventory.counts(saleId)).toMatchObject({
      held: 0,
      pending: 0,
      confirmed: 1,
      available: 1
    })
  })
})
