/**
 * Finding 6 (medium): Idempotency-Key records were named `idem:<user>:<key>`, and both may contain
 * `:`. User `a:b` with key `k9` replayed user `a`'s 201 for key `b:k9` (someone else's hold id and
 * seat). The user id is now length-prefixed in the record's name, the user is part of the
 * fingerprint, and a replayed confirm publishes the booking for the hold's owner as Redis records
 * it, never for the caller.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BookingHandoff, BookingRequest } from '../../src/domain/pipeline-ports.ts'
import { BuyerService } from '../../src/services/sales/buyer-service.ts'
import { fingerprint } from '../../src/services/sales/idempotency.ts'
import { createHarness, type Harness, seatedSale } from '../support/harness.ts'
import { until } from '../support/wait.ts'

let h: Harness

beforeAll(async () => {
  h = await createHarness()
})
afterAll(async () => {
  await h?.close()
})

async function hold(saleId: string, userId: string, access: string, key: string, seatId: string) {
  return h.rt.app.inject({
    method: 'POST',
    url: `/v1/events/${saleId}/holds`,
    headers: {
      authorization: `Bearer ${await h.userToken(userId)}`,
      'x-access-token': access,
      'idempotency-key': key
    },
    payload: { seatId }
  })
}

describe('Idempotency-Keys of different users never meet', () => {
  it('user "a:b" with key "k9" does not replay user "a"\'s answer for key "b:k9"', async () => {
    const saleId = await h.createSale(seatedSale(1, 3, { perUserLimit: 2 }))
    const access = await h.admit(saleId, ['a', 'a:b'])
    const first = await hold(saleId, 'a', access.get('a') as string, 'b:k9', 'A-1-1')
    expect(first.statusCode, first.body).toBe(201)
    const { holdId } = first.json() as { holdId: string }

    // Same Redis name before the fix, and the same request: a replay of a's 201.
    const other = await hold(saleId, 'a:b', access.get('a:b') as string, 'k9', 'A-1-1')
    expect(other.statusCode).toBe(409)
    expect(other.json()).toMatchObject({ code: 'FC_SEAT_TAKEN' })
    expect(other.body).not.toContain(holdId)

    // User a, retrying its own key, still gets its own answer.
    const retry = await hold(saleId, 'a', access.get('a') as string, 'b:k9', 'A-1-1')
    expect(retry.statusCode).toBe(201)
    expect(retry.json()).toMatchObject({ holdId })
    // And user a:b's key of the colliding name serves a:b's own requests.
    const own = await hold(saleId, 'a:b', access.get('a:b') as string, 'b', 'A-1-2')
    expect(own.statusCode, own.body).toBe(201)
    expect(await h.inventory.counts(saleId)).toMatchObject({ held: 2, available: 1 })
    expect((await h.inventory.getHold(saleId, holdId))?.userId).toBe('a')
  })

  it('names records injectively and fingerprints the user', () => {
    const k = h.keys
    expect(k.idempotency('e1', 'a:b', 'k9')).not.toBe(k.idempotency('e1', 'a', 'b:k9'))
    expect(k.idempotency('e1', 'a', 'b:k9')).not.toBe(k.idempotency('e1', 'a:b:', 'k9'))
    expect(fingerprint('hold e1', 'a', { seatId: 'A-1-1' })).not.toBe(
      fingerprint('hold e1', 'a:b', { seatId: 'A-1-1' })
    )
    const long = { seatId: 'A-1-1', pad: 'x'.repeat(200) }
    expect(fingerprint('hold e1', 'a', long)).not.toBe(fingerprint('hold e1', 'b', long))
  })
})

describe('a replayed confirm', () => {
  it("publishes the booking for the hold's owner in Redis, never for the caller", async () => {
    const saleId = await h.createSale(seatedSale(1, 1))
    const access = await h.admit(saleId, ['owner', 'mallory'])
    const held = await hold(saleId, 'owner', access.get('owner') as string, 'h1', 'A-1-1')
    const { holdId } = held.json() as { holdId: string }

    // The owner's confirm is accepted (202 stored with the move to pending) by a process that
    // dies inside its publish.
    const never = () => new Promise<void>(() => {})
    const dying = new BuyerService({
      inventory: h.inventory,
      sales: h.rt.sales,
      tokens: h.rt.tokens,
      handoff: { publishBooking: never, publishClaim: never }
    })
    void dying.confirm(
      { userId: 'owner', accessToken: access.get('owner'), idempotencyKey: 'c1' },
      holdId,
      {}
    )
    await until(async () => (await h.inventory.getHold(saleId, holdId))?.state === 'pending')

    // Should two users' records ever share a name (as they did), the replay must still book for
    // the owner: the stored 202 is found under mallory's name here.
    const ownerRecord = h.keys.idempotency(saleId, 'owner', 'c1')
    const malloryRecord = h.keys.idempotency(saleId, 'mallory', 'c1')
    await h.redis.set(malloryRecord, (await h.redis.get(ownerRecord)) as string)
    const record = JSON.parse((await h.redis.get(malloryRecord)) as string) as { f: string }
    record.f = fingerprint(`confirm ${holdId}`, 'mallory', { payment: {} })
    await h.redis.set(malloryRecord, JSON.stringify(record))

    const published: BookingRequest[] = []
    const queue: BookingHandoff = {
      publishBooking: async (r) => {
        published.push(r)
      },
      publishClaim: async () => {}
    }
    const retry = new BuyerService({
      inventory: h.inventory,
      sales: h.rt.sales,
      tokens: h.rt.tokens,
      handoff: queue
    })
    const replayed = await retry.confirm(
      { userId: 'mallory', accessToken: access.get('mallory'), idempotencyKey: 'c1' },
      holdId,
      {}
    )
    expect(replayed.statusCode).toBe(202)
    expect(published).toHaveLength(1)
    expect(published[0]).toMatchObject({ holdId, userId: 'owner' })
  })
})
