import type { AccessCache, AccessSnapshot, CodeSpec, RedeemOutcome } from '../../domain/access-ports.ts'
import type { KeyBuilder } from './keys.ts'
import type { RedisClient } from './redis-client.ts'
import type { ScriptRunner } from './scripts.ts'

/** A code as the scripts keep it (short field names: one JSON per code in one hash). */
interface StoredCode {
  k: CodeSpec['kind']
  b: string
  m: number
  l: number
  s: number
  e: number
}

function stored(code: CodeSpec): string {
  const s: StoredCode = {
    k: code.kind,
    b: code.batchId,
    m: code.maxUses,
    l: code.perUserLimit ?? 0,
    s: code.startsAt ?? 0,
    e: code.endsAt ?? 0
  }
  return JSON.stringify(s)
}

function parsed(hash: string, json: string): CodeSpec {
  const s = JSON.parse(json) as StoredCode
  return {
    hash,
    kind: s.k,
    batchId: s.b,
    maxUses: s.m,
    perUserLimit: s.l > 0 ? s.l : null,
    startsAt: s.s > 0 ? s.s : null,
    endsAt: s.e > 0 ? s.e : null
  }
}

/** The access copy in Redis: the redemption script decides, the record (PostgreSQL) keeps. */
export class RedisAccessStore implements AccessCache {
  readonly #client: RedisClient
  readonly #scripts: ScriptRunner
  readonly #keys: KeyBuilder

  constructor(client: RedisClient, scripts: ScriptRunner, keys: KeyBuilder) {
    this.#client = client
    this.#scripts = scripts
    this.#keys = keys
  }

  async redeem(input: {
    saleId: string
    userId: string
    hash: string
    ip: string
    guesses: { perUser: number; perAddress: number; windowMs: number }
  }): Promise<RedeemOutcome> {
    const k = this.#keys.access(input.saleId)
    const out = await this.#scripts.run(
      'redeem-code',
      [
        k.loaded,
        k.codes,
        k.uses,
        k.bound,
        k.rules,
        this.#keys.codeGuesses(input.saleId, 'user', input.userId),
        this.#keys.codeGuesses(input.saleId, 'ip', input.ip)
      ],
      [input.userId, input.hash, input.guesses.perUser, input.guesses.perAddress, input.guesses.windowMs]
    )
    const code = Number(out[0])
    switch (code) {
      case 1:
        return { kind: 'redeemed', code: parsed(input.hash, String(out[1])) }
      case 2:
        return { kind: 'already', code: parsed(input.hash, String(out[1])) }
      case 3: {
        // The other code's hash is not needed by callers beyond its rules.
        return { kind: 'other', code: parsed('', String(out[1])) }
      }
      case -30:
        return { kind: 'rate_limited', retryAfterMs: Number(out[1]) }
      case -31:
        return { kind: 'invalid' }
      case -32:
        return { kind: 'used' }
      case -33:
        return { kind: 'not_now' }
      case -39:
        return { kind: 'not_loaded' }
      default:
        throw new Error(`unknown redeem-code answer ${code}`)
    }
  }

  async unredeem(saleId: string, userId: string, hash: string): Promise<void> {
    const k = this.#keys.access(saleId)
    await this.#scripts.run('unredeem-code', [k.uses, k.bound, k.rules], [userId, hash])
  }

  async lookup(
    saleId: string,
    userId: string,
    emailHash: string | null
  ): Promise<{ loaded: boolean; listed: boolean; code: CodeSpec | null }> {
    const k = this.#keys.access(saleId)
    const out = await this.#scripts.run(
      'access-lookup',
      [k.loaded, k.allow, k.bound, k.codes],
      [userId, emailHash ?? '']
    )
    const spec = out[2]
    return {
      loaded: Number(out[0]) === 1,
      listed: Number(out[1]) === 1,
      code: typeof spec === 'string' ? parsed('', spec) : null
    }
  }

  async load(saleId: string, snapshot: AccessSnapshot): Promise<void> {
    const k = this.#keys.access(saleId)
    const limits = new Map(snapshot.codes.map((c) => [c.hash, c.perUserLimit ?? 0]))
    const payload = {
      codes: snapshot.codes.map((c) => [c.hash, stored(c), c.uses]),
      bindings: [...snapshot.bindings].map(([user, hash]) => [user, hash, limits.get(hash) ?? 0]),
      allowed: snapshot.allowed,
      reserve: snapshot.reserve ? [snapshot.reserve.units, snapshot.reserve.untilMs] : []
    }
    await this.#scripts.run(
      'load-access',
      [k.loaded, k.codes, k.uses, k.bound, k.rules, k.allow],
      [JSON.stringify(payload)]
    )
  }

  async addCodes(saleId: string, codes: readonly CodeSpec[]): Promise<void> {
    const k = this.#keys.access(saleId)
    // New codes have no uses and no bindings: writing them is idempotent, whether loaded or not
    // (a load replaces everything with the record, which has them already).
    for (let i = 0; i < codes.length; i += 1000) {
      const chunk = codes.slice(i, i + 1000)
      await this.#client.hSet(k.codes, Object.fromEntries(chunk.map((c) => [c.hash, stored(c)])))
    }
  }

  async addAllowed(saleId: string, members: readonly string[]): Promise<void> {
    const k = this.#keys.access(saleId)
    for (let i = 0; i < members.length; i += 1000)
      await this.#client.sAdd(k.allow, members.slice(i, i + 1000))
  }

  async setReserve(saleId: string, reserve: AccessSnapshot['reserve']): Promise<void> {
    const k = this.#keys.access(saleId)
    if (reserve) await this.#client.hSet(k.rules, { phaseUnits: reserve.units, phaseUntil: reserve.untilMs })
    else await this.#client.hDel(k.rules, ['phaseUnits', 'phaseUntil'])
  }
}
