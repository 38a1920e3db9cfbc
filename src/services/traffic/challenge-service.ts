import { createHash, createHmac, randomBytes } from 'node:crypto'
import type { ChallengeLedger } from '../../domain/traffic-ports.ts'
import { FcError } from '../../errors.ts'
import { purposeKeys, sameMac, type TokenSecrets } from '../sales/signed-token.ts'

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
// Two API processes' clocks may differ a little: a challenge from one must verify on the other.
const CLOCK_SKEW_MS = 5000
// The parts of a challenge id as this server writes them: base36 expiry, 16 random bytes in
// base64url, the difficulty (0-32) without leading zeros.
const EXP_TEXT = /^[0-9a-z]{1,11}$/
const SALT_TEXT = /^[A-Za-z0-9_-]{22}$/
const DIFFICULTY_TEXT = /^(0|[1-9][0-9]?)$/

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
 * HMAC (keyed by the server's token secret, `FC_TOKEN_SECRET`) over the sale and user it was issued
 * to, so asking for challenges writes nothing anywhere (a flood of requests for them can't fill
 * Redis) and a forged or borrowed id is "unknown". Only the exact text the server wrote verifies,
 * and an expiry further ahead than the TTL is refused: nobody can stockpile one solution.
 * Checking costs one SHA-256 and, only for a correct solution, one atomic SET NX in Redis, keyed by
 * the challenge's random salt, that makes it single-use: wrong solutions never burn the challenge,
 * and never touch Redis.
 */
export class ChallengeService {
  readonly #ledger: ChallengeLedger
  readonly #keys: Buffer[]
  readonly #difficultyOf: (saleId: string) => Promise<number>
  readonly #ttlMs: number
  readonly #now: () => number

  constructor(deps: {
    ledger: ChallengeLedger
    /** The server's token secrets the challenge ids are sealed with (a key is derived from each). */
    secrets: TokenSecrets
    /** The sale's current `challenge.difficulty` (0 = off); throws FC_NOT_FOUND for unknown sales. */
    difficultyOf: (saleId: string) => Promise<number>
    ttlSec?: number
    now?: () => number
  }) {
    this.#ledger = deps.ledger
    this.#keys = purposeKeys(deps.secrets, 'firstcome challenge v2')
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
    const challengeId = `${body}.${mac(this.#keys[0] as Buffer, saleId, userId, body)}`
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
    const [expText = '', salt = '', difficultyText = '', given = ''] = parts
    if (!EXP_TEXT.test(expText) || !SALT_TEXT.test(salt) || !DIFFICULTY_TEXT.test(difficultyText))
      throw refuse('unknown')
    const body = `${expText}.${salt}.${difficultyText}`
    if (!this.#keys.some((key) => sameMac(given, mac(key, saleId, userId, body)))) throw refuse('unknown')
    const exp = Number.parseInt(expText, 36)
    const remaining = exp - this.#now()
    if (!(remaining > 0)) throw refuse('expired')
    // Never issued by this server: it gives no challenge more than the TTL.
    if (remaining > this.#ttlMs + CLOCK_SKEW_MS) throw refuse('unknown')
    const difficulty = Number(difficultyText)
    // Issued before the operator raised the difficulty: it proves less work than now asked.
    if (difficulty < required) throw refuse('expired')
    if (solution.nonce.length === 0 || solution.nonce.length > MAX_NONCE_LENGTH) throw refuse('wrong')
    if (leadingZeroBits(challengeHash(salt, solution.nonce)) < difficulty) throw refuse('wrong')
    // Marked used by what it decodes to: its random salt, unique to this challenge.
    const usedMark = Buffer.from(salt, 'base64url').toString('base64url')
    if (!(await this.#ledger.consumeOnce(saleId, usedMark, remaining))) throw refuse('reused')
  }
}

/**
 * The seal of one challenge: HMAC over sale, user and body, each part JSON-encoded so no two
 * (sale, user, body) triples share an input (a user id may contain any separator one could pick).
 */
function mac(key: Buffer, saleId: string, userId: string, body: string): string {
  return createHmac('sha256', key)
    .update(JSON.stringify([saleId, userId, body]))
    .digest()
    .subarray(0, 18)
    .toString('base64url')
}

function refuse(reason: ChallengeRefusal): FcError {
  return new FcError('FC_CHALLENGE_INVALID', MESSAGES[reason], { details: { reason } })
}
