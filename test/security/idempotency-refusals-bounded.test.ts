/**
 * Low: every refused request with a new Idempotency-Key was remembered for the whole idempotency
 * TTL (a day by default), so Redis grew with the number of refused requests. Refusals are now kept
 * for a minute (REFUSAL_TTL_SEC): a client's retries still hear the same answer, and what Redis
 * holds is bounded by the refusals of the last minute. Successes keep the full TTL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REFUSAL_TTL_SEC } from '../../src/adapters/redis/inventory-store.ts'
import { createHarness, type Harness, liftUserLimits, seatedSale } from '../support/harness.ts'

let h: Harness

beforeAll(async () => {
  h = await createHarness()
  // Many requests from few users: the limits would refuse them with 429 (never stored) first.
  await liftUserLimits(h, ['hold', 'hold-change'])
})
afterAll(async () => {
  await h?.close()
})

describe('stored idempotency refusals', () => {
  it('live a minute, successes the whole TTL; a retry within the minute hears the same refusal', async () => {
    expect(REFUSAL_TTL_SEC).toBeLessThanOrEqual(60)
    const saleId = await h.createSale(seatedSale(1, 1))
    const access = await h.admit(saleId, ['winner', 'loser'])
    const send = async (userId: string, key: string, seatId = 'A-1-1') =>
      h.rt.app.inject({
        method: 'POST',
        url: `/v1/events/${saleId}/holds`,
        headers: {
          authorization: `Bearer ${await h.userToken(userId)}`,
          'x-access-token': access.get(userId) as string,
          'idempotency-key': key
        },
        payload: { seatId }
      })
    const won = await send('winner', 'w1')
    expect(won.statusCode).toBe(201)
    const { holdId } = won.json() as { holdId: string }
    const ttl = (userId: string, key: string) => h.redis.ttl(h.keys.idempotency(saleId, userId, key))
    expect(await ttl('winner', 'w1')).toBeGreaterThan(h.config.idempotencyTtlSec - 60)

    // 200 refused holds (the seat is taken), each with a new key: refused in the hold script.
    const N = 200
    for (let i = 0; i < N; i++) {
      const res = await send('loser', `l${i}`)
      expect(res.json()).toMatchObject({ code: 'FC_SEAT_TAKEN' })
    }
    // ...and 200 refused extends of someone else's hold: refused through the idempotency runner.
    for (let i = 0; i < N; i++) {
      const res = await h.rt.app.inject({
        method: 'POST',
        url: `/v1/holds/${holdId}/extend`,
        headers: {
          authorization: `Bearer ${await h.userToken('loser')}`,
          'x-access-token': access.get('loser') as string,
          'idempotency-key': `x${i}`
        }
      })
      expect(res.json()).toMatchObject({ code: 'FC_FORBIDDEN' })
    }
    const ttls = await Promise.all(
      Array.from({ length: N }, (_, i) => [ttl('loser', `l${i}`), ttl('loser', `x${i}`)]).flat()
    )
    for (const t of ttls) {
      expect(t).toBeGreaterThan(0)
      expect(t).toBeLessThanOrEqual(REFUSAL_TTL_SEC)
    }

    // Within the minute, a retry hears the same answer; the seat's owner is untouched.
    expect((await send('loser', 'l0')).json()).toMatchObject({ code: 'FC_SEAT_TAKEN' })
    expect((await send('loser', 'l0', 'A-9-9')).json()).toMatchObject({ code: 'FC_IDEMPOTENCY_MISMATCH' })
    expect((await h.inventory.getHold(saleId, holdId))?.userId).toBe('winner')
  })
})
