import { describe, expect, it } from 'vitest'
import type { ChallengeLedger } from '../../../src/domain/traffic-ports.ts'
import { isFcError } from '../../../src/errors.ts'
import {
  ChallengeService,
  challengeHash,
  leadingZeroBits,
  solveChallenge
} from '../../../src/services/traffic/challenge-service.ts'
import { TEST_TOKEN_SECRET } from '../../support/secrets.ts'

function ledger(): ChallengeLedger & { used: Set<string> } {
  const used = new Set<string>()
  return {
    used,
    async consumeOnce(saleId, challengeId) {
      const k = `${saleId}/${challengeId}`
      if (used.has(k)) return false
      used.add(k)
      return true
    }
  }
}

function service(difficulty: number, now = { t: 1_700_000_000_000 }) {
  const l = ledger()
  const s = new ChallengeService({
    ledger: l,
    secrets: { secret: TEST_TOKEN_SECRET },
    difficultyOf: async () => difficulty,
    ttlSec: 60,
    now: () => now.t
  })
  return { s, l, now }
}

async function reason(p: Promise<unknown>): Promise<string> {
  try {
    await p
  } catch (err) {
    if (isFcError(err, 'FC_CHALLENGE_INVALID')) return (err.details as { reason: string }).reason
    throw err
  }
  return 'accepted'
}

describe('proof-of-work challenges', () => {
  it('counts leading zero bits', () => {
    expect(leadingZeroBits(Buffer.from([0, 0, 0xff]))).toBe(16)
    expect(leadingZeroBits(Buffer.from([0x0f]))).toBe(4)
    expect(leadingZeroBits(Buffer.from([0x80]))).toBe(0)
    expect(leadingZeroBits(Buffer.from([0, 1]))).toBe(15)
  })

  it('accepts a valid solution once, and refuses replays', async () => {
    const { s } = service(8)
    const c = await s.issue('e000000000000001', 'alice')
    expect(c.difficulty).toBe(8)
    const nonce = solveChallenge(c.salt, c.difficulty)
    expect(leadingZeroBits(challengeHash(c.salt, nonce))).toBeGreaterThanOrEqual(8)
    expect(
      await reason(s.verifyAndConsume('e000000000000001', 'alice', { challengeId: c.challengeId, nonce }))
    ).toBe('accepted')
    expect(
      await reason(s.verifyAndConsume('e000000000000001', 'alice', { challengeId: c.challengeId, nonce }))
    ).toBe('reused')
  })

  it('refuses missing, wrong, expired, forged and borrowed solutions without using them up', async () => {
    const { s, l, now } = service(8)
    const sale = 'e000000000000001'
    const c = await s.issue(sale, 'alice')
    const nonce = solveChallenge(c.salt, c.difficulty)
    let wrong = '0'
    while (leadingZeroBits(challengeHash(c.salt, wrong)) >= 8) wrong += '0'
    expect(await reason(s.verifyAndConsume(sale, 'alice', undefined))).toBe('missing')
    expect(
      await reason(s.verifyAndConsume(sale, 'alice', { challengeId: c.challengeId, nonce: wrong }))
    ).toBe('wrong')
    expect(await reason(s.verifyAndConsume(sale, 'bob', { challengeId: c.challengeId, nonce }))).toBe(
      'unknown'
    )
    expect(
      await reason(s.verifyAndConsume('e000000000000002', 'alice', { challengeId: c.challengeId, nonce }))
    ).toBe('unknown')
    const tampered = c.challengeId.replace(/\.8\./, '.1.')
    expect(await reason(s.verifyAndConsume(sale, 'alice', { challengeId: tampered, nonce }))).toBe('unknown')
    expect(await reason(s.verifyAndConsume(sale, 'alice', { challengeId: 'nonsense', nonce }))).toBe(
      'unknown'
    )
    expect(l.used.size).toBe(0)
    now.t += 61_000
    expect(await reason(s.verifyAndConsume(sale, 'alice', { challengeId: c.challengeId, nonce }))).toBe(
      'expired'
    )
    expect(l.used.size).toBe(0)
  })

  it('asks nothing when the difficulty is 0', async () => {
    const { s } = service(0)
    expect(await reason(s.verifyAndConsume('e000000000000001', 'alice', undefined))).toBe('accepted')
    expect((await s.issue('e000000000000001', 'alice')).difficulty).toBe(0)
  })
})
