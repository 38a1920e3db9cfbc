/**
 * Warming a live sale must never discard what Redis holds. The sequence that went wrong: a buyer's
 * hold answered 201, an operator warmed the sale (Redis reloaded from PostgreSQL, which did not
 * have the hold yet), another buyer held the same seat, the first buyer's confirm got 404, and the
 * first hold's row in PostgreSQL then blocked every ledger drain of the sale (the reconciler's too).
 * Real Redis and PostgreSQL, the real ledger sink (run by hand: the workers are off).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHarness, type Harness, seatedSale } from '../support/harness.ts'

let h: Harness

beforeAll(async () => {
  h = await createHarness({}, { kafka: false })
})
afterAll(async () => {
  await h?.close()
})

async function as(userId: string, method: 'GET' | 'POST', url: string, extra: Record<string, string> = {}) {
  return {
    method,
    url,
    headers: { authorization: `Bearer ${await h.userToken(userId)}`, ...extra }
  }
}

describe('POST /v1/admin/events/:id/warm on a live sale', () => {
  it('is refused while Redis holds the sale: the hold survives, the seat stays taken, the ledger drains', async () => {
    const saleId = await h.createSale(seatedSale(1, 4))
    const access = await h.admit(saleId, ['first', 'second'])
    const seatId = 'A-1-1'

    // 1. The first buyer holds the seat; the ledger has not reached PostgreSQL yet.
    const held = await h.rt.app.inject({
      ...(await as('first', 'POST', `/v1/events/${saleId}/holds`, {
        'x-access-token': access.get('first') ?? '',
        'idempotency-key': 'first-hold'
      })),
      payload: { seatId }
    })
    expect(held.statusCode).toBe(201)
    const { holdId } = held.json() as { holdId: string }
    expect(await h.inventory.ledgerLength(saleId)).toBeGreaterThan(0)

    // 2. The operator warms the sale: refused, with a code and a way forward.
    const warm = await h.rt.app.inject({
      method: 'POST',
      url: `/v1/admin/events/${saleId}/warm`,
      headers: { authorization: `Bearer ${h.adminToken}` }
    })
    expect(warm.statusCode).toBe(409)
    const body = warm.json() as { code: string; message: string }
    expect(body.code).toBe('FC_SALE_LIVE')
    expect(body.message).toMatch(/reconcile/)
    expect(body.message).toMatch(/pause/)
    expect((await h.inventory.getHold(saleId, holdId))?.state).toBe('held')

    // 3. Another buyer cannot take the same seat.
    const second = await h.rt.app.inject({
      ...(await as('second', 'POST', `/v1/events/${saleId}/holds`, {
        'x-access-token': access.get('second') ?? '',
        'idempotency-key': 'second-hold'
      })),
      payload: { seatId }
    })
    expect(second.statusCode).toBe(409)
    expect((second.json() as { code: string }).code).toBe('FC_SEAT_TAKEN')

    // 4. The first buyer's confirm goes through.
    const confirm = await h.rt.app.inject({
      ...(await as('first', 'POST', `/v1/holds/${holdId}/confirm`, {
        'x-access-token': access.get('first') ?? '',
        'idempotency-key': 'first-confirm'
      })),
      payload: {}
    })
    expect(confirm.statusCode).toBe(202)

    // 5. The ledger drains into PostgreSQL, and the reconciler finds Redis and PostgreSQL agreeing.
    await h.rt.handoff.drain?.()
    await h.rt.drainLedger()
    expect(await h.inventory.ledgerLength(saleId)).toBe(0)
    const { rows } = await h.pool.query<{ id: string; state: string }>(
      "SELECT id, state FROM holds WHERE sale_id = $1 AND state IN ('held', 'pending', 'sold')",
      [saleId]
    )
    expect(rows).toEqual([{ id: holdId, state: expect.stringMatching(/^(pending|sold)$/) }])
    const report = await h.rt.results.reconciler.reconcile(saleId)
    expect(report).toMatchObject({ drift: [], busy: false })
    const counts = await h.inventory.counts(saleId)
    expect(counts.available + counts.held + counts.pending + counts.confirmed).toBe(counts.capacity)
    expect(counts.available).toBe(3)
  })

  it('still loads a sale Redis does not hold (a rebuild after Redis lost it)', async () => {
    const saleId = await h.createSale(seatedSale(1, 4))
    await h.admit(saleId, ['third'])
    const holdId = `${saleId}.h0123456789abcdef`
    const r = await h.inventory.holdSeat({
      saleId,
      userId: 'third',
      seatId: 'A-1-2',
      holdId,
      response: () => ({ statusCode: 201, body: {} })
    })
    expect(r.ok).toBe(true)
    await h.rt.drainLedger()
    // Redis loses the sale's inventory (a restart without persistence).
    const k = h.keys.sale(saleId)
    await h.redis.del([k.meta, k.seats, k.units, k.expiry, k.users, k.atLimit])
    expect(await h.inventory.isWarm(saleId)).toBe(false)

    const warm = await h.rt.app.inject({
      method: 'POST',
      url: `/v1/admin/events/${saleId}/warm`,
      headers: { authorization: `Bearer ${h.adminToken}` }
    })
    expect(warm.statusCode).toBe(200)
    expect((await h.inventory.getHold(saleId, holdId))?.state).toBe('held')
    expect((await h.inventory.counts(saleId)).available).toBe(3)
  })
})
