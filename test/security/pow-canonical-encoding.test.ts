/**
 * Finding 7 (medium): a proof-of-work challenge id with one more base64url character still
 * verified (decoders drop spare bits and skip characters outside the alphabet) and counted as new,
 * because its single-use mark was keyed on the id's text: about 65 uses per solution. Only the
 * exact text the server signed verifies now, and the used-mark is keyed on the decoded salt. Access
 * and queue tokens had the same weakness (a `.` inserted into the signature still verified).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { solveChallenge } from '../../src/services/traffic/challenge-service.ts'
import { createHarness, type Harness, liftUserLimits, seatedSale } from '../support/harness.ts'

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

let h: Harness

beforeAll(async () => {
  h = await createHarness()
  // One user sends about seventy requests here: the rate limits and the bot detector would stop
  // them first. They are lifted, so the encoding check alone is what is tested.
  await liftUserLimits(h, ['queue-join', 'hold', 'challenge'])
})
afterAll(async () => {
  await h?.close()
})

/** Strings that decode like `token` but are not its text: one more character, or a `.` inside. */
function lookalikes(token: string): string[] {
  const dot = token.lastIndexOf('.')
  const mac = token.slice(dot + 1)
  return [
    ...[...ALPHABET].map((c) => `${token}${c}`),
    `${token}.`,
    `${token.slice(0, dot + 1)}.${mac}`,
    `${token.slice(0, dot + 3)}.${mac.slice(2)}`
  ]
}

describe('proof-of-work challenges are single use, whatever their spelling', () => {
  it('refuses every lookalike of a used challenge id, and never marks one used', async () => {
    const saleId = await h.createSale(seatedSale(1, 1, { challenge: { difficulty: 4 } }))
    const solve = async (userId: string) => {
      const res = await h.rt.app.inject({
        method: 'POST',
        url: `/v1/events/${saleId}/challenge`,
        headers: { authorization: `Bearer ${await h.userToken(userId)}` }
      })
      const c = res.json() as { challengeId: string; salt: string; difficulty: number }
      return { challengeId: c.challengeId, nonce: solveChallenge(c.salt, c.difficulty) }
    }
    const join = async (userId: string, challenge: { challengeId: string; nonce: string }) =>
      h.rt.app.inject({
        method: 'POST',
        url: `/v1/events/${saleId}/queue`,
        headers: { authorization: `Bearer ${await h.userToken(userId)}` },
        payload: { challenge }
      })

    const solution = await solve('solver')
    const first = await join('solver', solution)
    expect(first.statusCode, first.body).toBe(200)
    const variants = lookalikes(solution.challengeId).filter((v) => /^[A-Za-z0-9_.-]+$/.test(v))
    expect(variants.length).toBeGreaterThanOrEqual(64)
    const accepted: string[] = []
    for (const challengeId of variants) {
      const res = await join('solver', { challengeId, nonce: solution.nonce })
      if (res.statusCode !== 403) accepted.push(challengeId)
      else expect(res.json()).toMatchObject({ code: 'FC_CHALLENGE_INVALID' })
    }
    expect(accepted).toEqual([])
    const used = await h.redis.keys(`${h.keys.base(saleId)}:pow:*`)
    expect(used).toHaveLength(1)

    // A lookalike first does not burn the real one, nor count as a use of its own.
    const fresh = await solve('second')
    const lookalike = await join('second', { challengeId: `${fresh.challengeId}A`, nonce: fresh.nonce })
    expect(lookalike.json()).toMatchObject({ code: 'FC_CHALLENGE_INVALID', details: { reason: 'unknown' } })
    expect((await join('second', fresh)).statusCode).toBe(200)
    expect((await join('second', fresh)).json()).toMatchObject({ details: { reason: 'reused' } })
    expect(await h.redis.keys(`${h.keys.base(saleId)}:pow:*`)).toHaveLength(2)
  })
})

describe('access and queue tokens verify only as the server wrote them', () => {
  it('refuses a lookalike access token: no hold, no stock taken', async () => {
    const saleId = await h.createSale(seatedSale(1, 2))
    const access = (await h.admit(saleId, ['ana'])).get('ana') as string
    const bearer = `Bearer ${await h.userToken('ana')}`
    let n = 0
    const hold = (token: string) =>
      h.rt.app.inject({
        method: 'POST',
        url: `/v1/events/${saleId}/holds`,
        headers: { authorization: bearer, 'x-access-token': token, 'idempotency-key': `k${n++}` },
        payload: { seatId: 'A-1-1' }
      })
    for (const variant of lookalikes(access)) {
      expect(h.rt.tokens.verify(variant)).toBeUndefined()
      const res = await hold(variant)
      expect(res.statusCode).toBe(403)
      expect(res.json()).toMatchObject({ code: 'FC_NOT_ADMITTED' })
    }
    expect(await h.inventory.counts(saleId)).toMatchObject({ available: 2, held: 0 })
    expect((await hold(access)).statusCode).toBe(201)
  })

  it('refuses a lookalike queue token', async () => {
    const saleId = await h.createSale(seatedSale(1, 1))
    const joined = await h.rt.app.inject({
      method: 'POST',
      url: `/v1/events/${saleId}/queue`,
      headers: { authorization: `Bearer ${await h.userToken('qa')}` }
    })
    const { queueToken } = joined.json() as { queueToken: string }
    const room = h.rt.waitingRoom.room
    expect(room.userOfQueueToken(queueToken, saleId)).toBe('qa')
    for (const variant of lookalikes(queueToken)) {
      expect(() => room.userOfQueueToken(variant, saleId)).toThrow(/not valid/)
    }
  })
})
