import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { ChallengeLedger } from '../domain/traffic-ports.ts'
import { FcError } from '../errors.ts'

/** What `POST /v1/events/:id/challenge` answers. */
export interface IssuedChallenge {
  challengeId: string
  /** Find a nonce such that SHA-256(salt + nonce) starts with `difficulty` zero bits. */
  salt: string
  difficulty: number
  expiresAt: string
}

/** A solved challenge, as the queue join body carries it. */
export interface ChallengeSolution {
  challengeId: string
  nonce: string
}

/** Why a solution was refused (`details.reason` of FC_CHALLENGE_INVALID). */
export type ChallengeRefusal = 'missing' | 'unknown' | 'expired' | 'reused' | 'wrong'

/** How long a challenge may be solved: enough for a slow phone at difficulty 20, not for stockpiling. */
export const CHALLENGE_TTL_SEC = 120
/** Longest accepted nonce. */
export const MAX_NONCE_LENGTH = 64

const MESSAGES: Record<ChallengeRefusal, string> = {
  missing: 'This sale asks for a solved challenge: POST /v1/events/:id/challenge, solve it, then join',
  unknown: 'This challenge was not issued to you for this sale',
  expired: 'This challenge has expired: ask for a new one',
  reused: 'This challenge has been used already: ask for a new one',
  wrong: 'This nonce does not solve the challenge'
}

/** The number of leading zero bits of `hash`. */
export function leadingZeroBits(hash: Buffer): number {
  let bits = 0
  for (const byte of hash) {
    if (byte === 0) {
      bits += 8
      continue
    }
    return bits + Math.clz32(byte) - 24
  }
  return bits
}

/** SHA-256(salt + nonce), as clients compute it (UTF-8 text concatenation). */
export function challengeHash(salt: string, nonce: string): Buffer {
  return createHash('sha256')
    .update(salt + nonce, 'utf8')
    .digest()
}

/** Finds a nonce for a challenge by brute force (tests, the load lab and the CLI use it). */
export function solveChallenge(salt: string, difficulty: number): string {
  for (let n = 0; ; n++) {
    const nonce = n.toString(36)
    if (leadingZeroBits(challengeHash(salt, nonce)) >= difficulty) return nonce
  }
}

/**
 * Proof-of-work before joining a queue, when the sale's `challenge.difficulty` is above 0.
 *
 * Issuing is stateless: the challenge id carries its expiry, salt and difficulty, sealed with an
 * HMAC over the sale and user it was issued to, so asking for challenges writes nothing anywhere
 * (a flood of requests for them can't fill Redis) and a forged or borrowed id is "unknown".
 * Checking costs one SHA-256 and, only for a correct solution, one atomic SET NX in Redis that makes
 * it single-use: wrong solutions never burn the challenge, and never touch Redis.
 */
export class ChallengeService {
  readonly #ledger: ChallengeLedger
  readonly #key: Buffer
  readonly #difficultyOf: (saleId: string) => Promise<number>
  readonly #ttlMs: number
  readonly #now: () => number

  constructor(deps: {
    ledger: ChallengeLedger
    /** The server secret the challenge ids are sealed with (a key is derived from it). */
    secret: string
    /** The sale's current `challenge.difficulty` (0 = off); throws FC_NOT_FOUND for unknown sales. */
    difficultyOf: (saleId: string) => Promise<number>
    ttlSec?: number
    now?: () => number
  }) {
    this.#ledger = deps.ledger
    this.#key = createHmac('sha256', deps.secret).update('firstcome challenge v1').digest()
    this.#difficultyOf = deps.difficultyOf
    this.#ttlMs = (deps.ttlSec ?? CHALLENGE_TTL_SEC) * 1000
    this.#now = deps.now ?? Date.now
  }

  /** A new challenge for this user and sale, at the sale's current difficulty (0: nothing to solve). */
  async issue(saleId: string, userId: string): Promise<IssuedChallenge> {
    const difficulty = await this.#difficultyOf(saleId)
    const exp = this.#now() + this.#ttlMs
    const salt = randomBytes(16).toString('base64url')
    const body = `${exp.toString(36)}.${salt}.${difficulty}`
    const challengeId = `${body}.${this.#mac(saleId, userId, body)}`
    return { challengeId, salt, difficulty, expiresAt: new Date(exp).toISOString() }
  }

  /**
   * Checks a solution and marks it used, or throws 403 FC_CHALLENGE_INVALID naming why
   * (`details.reason`: missing, unknown, expired, reused, wrong). Does nothing when the sale's
   * difficulty is 0.
   */
  async verifyAndConsume(
    saleId: string,
    userId: string,
    solution: ChallengeSolution | undefined
  ): Promise<void> {
    const required = await this.#difficultyOf(saleId)
    if (required <= 0) return
    if (!solution) throw refuse('missing')
    const parts = solution.challengeId.split('.')
    if (parts.length !== 4) throw refuse('unknown')
    const [expText = '', salt = '', difficultyText = '', mac = ''] = parts
    const body = `${expText}.${salt}.${difficultyText}`
    const expected = Buffer.from(this.#mac(saleId, userId, body), 'base64url')
    const given = Buffer.from(mac, 'base64url')
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw refuse('unknown')
    const exp = Number.parseInt(expText, 36)
    const remaining = exp - this.#now()
    if (!(remaining > 0)) throw refuse('expired')
    const difficulty = Number(difficultyText)
    // Issued before the operator raised the difficulty: it proves less work than now asked.
    if (difficulty < required) throw refuse('expired')
    if (solution.nonce.length === 0 || solution.nonce.length > MAX_NONCE_LENGTH) throw refuse('wrong')
    if (leadingZeroBits(challengeHash(salt, solution.nonce)) < difficulty) throw refuse('wrong')
    if (!(await this.#ledger.consumeOnce(saleId, solution.challengeId, remaining))) throw refuse('reused')
  }

  #mac(saleId: string, userId: string, body: string): string {
    return createHmac('sha256', this.#key)
      .update(`${saleId}|${userId}|${body}`)
      .digest()
      .subarray(0, 18)
      .toString('base64url')
  }
}

function refuse(reason: ChallengeRefusal): FcError {
  return new FcError('FC_CHALLENGE_INVALID', MESSAGES[reason], { details: { reason } })
}
