/**
 * Low: what extend and confirm do on a paused or closed sale was never decided. Decided:
 * - paused: pausing stops admission and new holds, not checkout. A buyer who holds a seat may
 *   still extend it (within the usual cap), pay for it, or release it.
 * - closed: the sale is over. Extend and confirm are refused with 409 FC_SALE_CLOSED and change
 *   nothing (the hold, its expiry, the stock and the ledger stay as they were); releasing is still
 *   allowed (it only gives the seat back); unpaid holds expire as usual.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHarness, type Harness, seatedSale } from '../support/harness.ts'

let h: Harness

beforeAll(async () => {
  h = await createHarness()
})
afterAll(async () => {
  await h?.close()
})

async function setup(seats: number) {
  const saleId = await h.createSale(seatedSale(1, seats, { perUserLimit: seats }))
  const access = (await h.admit(saleId, ['ana'])).get('ana') as string
  const headers = async (key: string) => ({
    authorization: `Bearer ${await h.userToken('ana')}`,
    'x-access-token': access,
    'idempotency-key': key
  })
  const holds: string[] = []
  for (let i = 1; i <= seats; i++) {
    const res = await h.rt.app.inject({
      method: 'POST',
      url: `/v1/events/${saleId}/holds`,
      headers: await headers(`hold-${i}`),
      payload: { seatId: `A-1-${i}` }
    })
    expect(res.statusCode, res.body).toBe(201)
    holds.push((res.json() as { holdId: string }).holdId)
  }
  const status = async (value: 'open' | 'paused' | 'closed') => {
    const res = await h.rt.app.inject({
      method: 'PATCH',
      url: `/v1/admin/events/${saleId}/status`,
      headers: { authorization: `Bearer ${h.adminToken}` },
      payload: { status: value }
    })
    expect(res.statusCode, res.body).toBe(200)
  }
  const act = async (what: 'extend' | 'confirm' | 'release', holdId: string, key: string) =>
    h.rt.app.inject({
      method: what === 'release' ? 'DELETE' : 'POST',
      url: what === 'release' ? `/v1/holds/${holdId}` : `/v1/holds/${holdId}/${what}`,
      headers: await headers(key),
      ...(what === 'release' ? {} : { payload: {} })
    })
  const newHold = async (seatId: string) =>
    h.rt.app.inject({
      method: 'POST',
      url: `/v1/events/${saleId}/holds`,
      headers: await headers(`new-${seatId}`),
      payload: { seatId }
    })
  return { saleId, holds, status, act, newHold }
}

describe('checkout on a paused sale', () => {
  it('refuses new holds but lets a buyer extend, pay for and release what they hold', async () => {
    const { saleId, holds, status, act } = await setup(3)
    await status('paused')
    const refused = await h.rt.app.inject({
      method: 'POST',
      url: `/v1/events/${saleId}/holds`,
      headers: {
        authorization: `Bearer ${await h.userToken('ana')}`,
        'x-access-token': (await h.admit(saleId, ['ana'])).get('ana') as string,
        'idempotency-key': 'during-pause'
      },
      payload: { seatId: 'A-1-1' }
    })
    expect(refused.json()).toMatchObject({ code: 'FC_NOT_OPEN' })
    const [a = '', b = '', c = ''] = holds
    expect((await act('extend', a, 'e1')).statusCode).toBe(200)
    expect((await act('confirm', b, 'c1')).statusCode).toBe(202)
    expect((await act('release', c, 'r1')).statusCode).toBe(200)
    await h.rt.handoff.drain?.()
    expect(await h.inventory.counts(saleId)).toMatchObject({ held: 1, confirmed: 1, available: 1 })
  })
})

describe('checkout on a closed sale', () => {
  it('refuses extend and confirm with FC_SALE_CLOSED and changes nothing; release still works', async () => {
    const { saleId, holds, status, act, newHold } = await setup(2)
    const [a = '', b = ''] = holds
    await status('closed')
    const before = {
      hold: await h.inventory.getHold(saleId, a),
      counts: await h.inventory.counts(saleId),
      ledger: await h.inventory.ledgerLength(saleId)
    }
    for (const what of ['extend', 'confirm'] as const) {
      const res = await act(what, a, `${what}-closed`)
      expect(res.statusCode, res.body).toBe(409)
      expect(res.json()).toMatchObject({ code: 'FC_SALE_CLOSED' })
      // A retry with the same key hears the same answer.
      expect((await act(what, a, `${what}-closed`)).json()).toMatchObject({ code: 'FC_SALE_CLOSED' })
    }
    expect((await newHold('A-1-1')).json()).toMatchObject({ code: 'FC_NOT_OPEN' })
    expect(await h.inventory.getHold(saleId, a)).toEqual(before.hold)
    expect(await h.inventory.counts(saleId)).toEqual(before.counts)
    expect(await h.inventory.ledgerLength(saleId)).toBe(before.ledger)

    expect((await act('release', b, 'release-closed')).statusCode).toBe(200)
    expect(await h.inventory.counts(saleId)).toMatchObject({ held: 1, available: 1 })

    // Reopened, checkout works again.
    await status('open')
    expect((await act('confirm', a, 'confirm-reopened')).statusCode).toBe(202)
  })
})
