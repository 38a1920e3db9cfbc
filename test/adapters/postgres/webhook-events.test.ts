/**
 * The webhook outbox on the reconciler's path: a stale pending unit settled as failed records its
 * webhook event in the same statement, once; a settlement that loses the fence records none.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PgBookingStore } from '../../../src/adapters/postgres/booking-store.ts'
import { PgStatusRepository } from '../../../src/adapters/postgres/status-repository.ts'
import { couponSale, createHarness, type Harness, seatedSale } from '../../support/harness.ts'

let h: Harness
let repo: PgStatusRepository

beforeAll(async () => {
  h = await createHarness({}, { kafka: false })
  repo = new PgStatusRepository(h.pool, 'results')
})
afterAll(async () => {
  await h?.close()
})

async function eventsOf(saleId: string) {
  const { rows } = await h.pool.query<{ id: string; type: string; data: Record<string, unknown> }>(
    'SELECT id, type, data FROM webhook_events WHERE sale_id = $1 ORDER BY id',
    [saleId]
  )
  return rows
}

describe('webhook events of stale settlements', () => {
  it('records reservation.failed and claim.failed with the settlement, once', async () => {
    const seated = await h.createSale(seatedSale(1, 2))
    const reservationId = `${seated}.r0000000000000001`
    const unit = {
      unitId: `${seated}.h0000000000000001`,
      seatId: 'A-1-1',
      userId: 'st1',
      bookingId: reservationId
    }
    expect(await repo.failStale(seated, unit, 'stale pending', new Date())).toBe(true)
    expect(await repo.failStale(seated, unit, 'stale pending', new Date())).toBe(false)
    expect(await eventsOf(seated)).toEqual([
      {
        id: `reservation.failed:${reservationId}`,
        type: 'reservation.failed',
        data: {
          saleId: seated,
          userId: 'st1',
          reservationId,
          seatIds: ['A-1-1'],
          amount: 5000,
          currency: 'KRW',
          reason: 'stale pending'
        }
      }
    ])

    const coupons = await h.createSale(couponSale(2))
    const claimId = `${coupons}.c0000000000000001`
    const claim = { unitId: claimId, seatId: null, userId: 'st2', bookingId: claimId }
    expect(await repo.failStale(coupons, claim, 'stale pending', new Date())).toBe(true)
    expect(await repo.failStale(coupons, claim, 'stale pending', new Date())).toBe(false)
    expect(await eventsOf(coupons)).toEqual([
      {
        id: `claim.failed:${claimId}`,
        type: 'claim.failed',
        data: { saleId: coupons, userId: 'st2', claimId, reason: 'stale pending' }
      }
    ])
  })

  it('records one event per booking however often its batch is written', async () => {
    const saleId = await h.createSale(seatedSale(1, 4))
    const store = new PgBookingStore(h.pool, 'results')
    const head = `${saleId}.r0000000000000002`
    const batch = [
      {
        reservationId: head,
        holdId: `${saleId}.h0000000000000002`,
        saleId,
        seatId: 'A-1-1',
        userId: 'rp1',
        amount: 10000,
        status: 'confirmed' as const,
        payment: { status: 'approved' as const, providerRef: 'p1' }
      },
      {
        reservationId: `${saleId}.r0000000000000003`,
        holdId: `${saleId}.h0000000000000003`,
        saleId,
        seatId: 'A-1-2',
        userId: 'rp1',
        amount: 0,
        group: head,
        status: 'confirmed' as const
      }
    ]
    for (let i = 0; i < 3; i++) await store.settle(batch, new Date())
    expect(await eventsOf(saleId)).toEqual([
      {
        id: `reservation.confirmed:${head}`,
        type: 'reservation.confirmed',
        data: {
          saleId,
          userId: 'rp1',
          reservationId: head,
          seatIds: ['A-1-1', 'A-1-2'],
          amount: 10000,
          currency: 'KRW'
        }
      }
    ])
  })
})
