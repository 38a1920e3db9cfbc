import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto'
import type {
  AccessCache,
  AccessMode,
  AccessPhase,
  AccessRecord,
  AccessRules,
  AccessSnapshot,
  CodeKind,
  CodeSpec,
  CodeUsage
} from '../../domain/access-ports.ts'
import { FcError } from '../../errors.ts'

/** The caller as the access rules see them: the bearer token's `sub`, and its `email` claim if any. */
export interface AccessCaller {
  id: string
  email?: string | undefined
}

/** What a sale contributes to its access decisions. */
export interface AccessSale {
  perUserLimit: number
  accessTtlSec: number
}

/** Guesses of unknown codes allowed per window (a person mistypes a few times; a script tries thousands). */
export interface GuessLimits {
  perUser: number
  /** 0: addresses are not counted (the development profile, where everyone arrives from loopback). */
  perAddress: number
  windowSec: number
}

/** What a redemption answers. */
export interface RedeemView {
  status: 'redeemed' | 'already'
  kind: CodeKind
  /** The buyer's own per-user limit, when their code sets one. */
  perUserLimit: number | null
  /** A VIP code admits at once: the access token, to send as X-Access-Token. */
  accessToken?: string
  expiresAt?: string
}

/** A batch of fresh codes: the only time their text exists outside the buyers' hands. */
export interface GeneratedCodes {
  batchId: string
  kind: CodeKind
  maxUses: number
  perUserLimit: number | null
  startsAt: string | null
  endsAt: string | null
  codes: string[]
}

// Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand survives.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
const CODE_LENGTH = 12
const RULES_CACHE_MS = 1000

/** A code as typed: upper case, without spaces or dashes. */
export function normaliseCode(code: string): string {
  return code.replace(/[\s-]/g, '').toUpperCase()
}

/** The allowlist's e-mail hash: hex SHA-256 of the trimmed, lower-cased address. */
export function emailHash(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex')
}

function newCode(): string {
  const bytes = randomBytes(CODE_LENGTH)
  let s = ''
  // 256 is a multiple of 32: every character is uniform.
  for (const b of bytes) s += ALPHABET[b % 32]
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`
}

/** The access mode at `now`: the last phase started, or the first before any has; `mode` without phases. */
export function modeAt(rules: AccessRules, now: number): AccessMode {
  let current: AccessPhase | undefined
  for (const p of rules.phases) if (p.startsAt <= now) current = p
  return (current ?? rules.phases[0])?.access ?? rules.mode
}

/**
 * The first phase's unit budget while it runs: it sells at most `units`, until the next phase
 * starts; then whatever it left unsold rolls into the next phase with the rest of the stock.
 */
export function reserveOf(rules: AccessRules): AccessSnapshot['reserve'] {
  const [first, next] = rules.phases
  if (!first || first.units === null || !next) return null
  return { units: first.units, untilMs: next.startsAt }
}

/**
 * Who may enter a sale: its access mode (or phases), the allowlist and the presale and VIP codes.
 * Codes are stored only as keyed hashes; a redemption is decided atomically in Redis
 * (`redeem-code`) and recorded in PostgreSQL before the buyer hears of it; PostgreSQL is the source
 * of truth and rebuilds the Redis copy when it is missing.
 */
export class AccessService {
  readonly #cache: AccessCache
  readonly #record: AccessRecord
  readonly #key: Buffer
  readonly #guesses: GuessLimits
  readonly #sale: (saleId: string) => Promise<AccessSale>
  readonly #admit: (saleId: string, userId: string, untilMs: number) => Promise<string>
  readonly #rules = new Map<string, { rules: AccessRules; at: number }>()

  constructor(deps: {
    cache: AccessCache
    record: AccessRecord
    /** The server secret the code hashes are keyed with (FC_TOKEN_SECRET, required in production). */
    secret: string
    guesses: GuessLimits
    sale: (saleId: string) => Promise<AccessSale>
    /** Admits a VIP at once until `untilMs`; answers the access token. */
    admit: (saleId: string, userId: string, untilMs: number) => Promise<string>
  }) {
    this.#cache = deps.cache
    this.#record = deps.record
    // A key of its own, derived from the server secret: a code hash never doubles as a token MAC.
    this.#key = createHmac('sha256', deps.secret).update('firstcome access codes v1').digest()
    this.#guesses = deps.guesses
    this.#sale = deps.sale
    this.#admit = deps.admit
  }

  /** The keyed hash of a code of a sale (HMAC-SHA256 over the sale id and the normalised code). */
  hashCode(saleId: string, code: string): string {
    return createHmac('sha256', this.#key)
      .update(`${saleId}:${normaliseCode(code)}`)
      .digest('hex')
  }

  /** The sale's access rules (open when none were set), cached for a second per process. */
  async rules(saleId: string): Promise<AccessRules> {
    const hit = this.#rules.get(saleId)
    if (hit && Date.now() - hit.at < RULES_CACHE_MS) return hit.rules
    await this.#sale(saleId)
    const rules = (await this.#record.rules(saleId)) ?? { mode: 'open', phases: [] }
    this.#rules.set(saleId, { rules, at: Date.now() })
    return rules
  }

  /** Replaces the rules. Phases must start in order; only the first may carry a unit budget. */
  async setRules(saleId: string, rules: AccessRules): Promise<AccessRules> {
    await this.#sale(saleId)
    const phases = [...rules.phases]
    for (let i = 0; i < phases.length; i++) {
      const p = phases[i] as AccessPhase
      const prev = phases[i - 1]
      if (prev && p.startsAt <= prev.startsAt)
        throw new FcError('FC_VALIDATION', 'Phases must start in order, each after the one before')
      if (p.endsAt !== null && p.endsAt <= p.startsAt)
        throw new FcError('FC_VALIDATION', `Phase ${p.name} ends before it starts`)
      if (i > 0 && p.units !== null)
        throw new FcError(
          'FC_VALIDATION',
          'Only the first phase takes a unit budget; later ones sell what is left'
        )
    }
    const next: AccessRules = { mode: rules.mode, phases }
    await this.#record.putRules(saleId, next)
    await this.#cache.setReserve(saleId, reserveOf(next))
    this.#rules.set(saleId, { rules: next, at: Date.now() })
    return next
  }

  /** Adds user ids and e-mail addresses (or their hashes) to the allowlist; answers how many were new. */
  async allow(
    saleId: string,
    input: { userIds?: string[]; emails?: string[]; emailHashes?: string[] }
  ): Promise<number> {
    await this.#sale(saleId)
    const entries = [
      ...(input.userIds ?? []).map((value) => ({ kind: 'user' as const, value })),
      ...(input.emails ?? []).map((e) => ({ kind: 'email' as const, value: emailHash(e) })),
      ...(input.emailHashes ?? []).map((h) => ({ kind: 'email' as const, value: h.toLowerCase() }))
    ]
    if (entries.length === 0) return 0
    const added = await this.#record.addAllowed(saleId, entries)
    await this.#cache.addAllowed(
      saleId,
      entries.map((e) => `${e.kind === 'user' ? 'u' : 'e'}:${e.value}`)
    )
    return added
  }

  /**
   * Generates `count` codes: stored hashed, answered in plain text this once (there is no way to
   * read them again: export them now).
   */
  async generate(
    saleId: string,
    input: {
      count: number
      kind: CodeKind
      maxUses: number
      perUserLimit?: number | undefined
      startsAt?: number | undefined
      endsAt?: number | undefined
    }
  ): Promise<GeneratedCodes> {
    const sale = await this.#sale(saleId)
    if (input.perUserLimit !== undefined && input.perUserLimit > sale.perUserLimit)
      throw new FcError('FC_VALIDATION', `perUserLimit may not exceed the sale's (${sale.perUserLimit})`)
    if (input.startsAt !== undefined && input.endsAt !== undefined && input.endsAt <= input.startsAt)
      throw new FcError('FC_VALIDATION', 'endsAt must come after startsAt')
    const batchId = randomUUID()
    const codes = Array.from({ length: input.count }, newCode)
    const specs: CodeSpec[] = codes.map((c) => ({
      hash: this.hashCode(saleId, c),
      batchId,
      kind: input.kind,
      maxUses: input.maxUses,
      perUserLimit: input.perUserLimit ?? null,
      startsAt: input.startsAt ?? null,
      endsAt: input.endsAt ?? null
    }))
    await this.#record.insertCodes(saleId, specs)
    await this.#cache.addCodes(saleId, specs)
    const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString())
    return {
      batchId,
      kind: input.kind,
      maxUses: input.maxUses,
      perUserLimit: input.perUserLimit ?? null,
      startsAt: iso(input.startsAt),
      endsAt: iso(input.endsAt),
      codes
    }
  }

  /** The codes of a sale (hashed) and their uses, as the record has them. */
  async usage(saleId: string): Promise<CodeUsage[]> {
    await this.#sale(saleId)
    return this.#record.codes(saleId)
  }

  /**
   * Redeems a code: binds it to the caller (one code per buyer per sale), atomically in Redis,
   * then in the record; a VIP code also admits the caller at once. Refusals change nothing:
   * FC_CODE_INVALID (unknown, or outside its time window), FC_CODE_USED, FC_CODE_RATE_LIMITED.
   */
  async redeem(saleId: string, caller: AccessCaller, code: string, ip: string): Promise<RedeemView> {
    const sale = await this.#sale(saleId)
    const hash = this.hashCode(saleId, code)
    const input = {
      saleId,
      userId: caller.id,
      hash,
      ip,
      guesses: {
        perUser: this.#guesses.perUser,
        perAddress: ip === '' ? 0 : this.#guesses.perAddress,
        windowMs: this.#guesses.windowSec * 1000
      }
    }
    let outcome = await this.#cache.redeem(input)
    if (outcome.kind === 'not_loaded') {
      await this.rebuild(saleId)
      outcome = await this.#cache.redeem(input)
    }
    switch (outcome.kind) {
      case 'not_loaded':
        throw new FcError('FC_UNAVAILABLE', 'The access rules are being loaded: try again', {
          retryAfterSec: 1
        })
      case 'invalid':
        throw new FcError('FC_CODE_INVALID')
      case 'not_now':
        throw new FcError('FC_CODE_INVALID', 'This code is not valid at this time')
      case 'used':
        throw new FcError('FC_CODE_USED')
      case 'rate_limited': {
        const retryAfterSec = Math.max(1, Math.ceil(outcome.retryAfterMs / 1000))
        throw new FcError('FC_CODE_RATE_LIMITED', undefined, { retryAfterSec })
      }
      case 'redeemed': {
        const recorded = await this.#record.recordRedemption(saleId, caller.id, hash).catch(async (err) => {
          // Nothing may be half-applied: the binding goes before the buyer hears anything.
          await this.#cache.unredeem(saleId, caller.id, hash)
          throw new FcError('FC_UNAVAILABLE', 'The code could not be redeemed: try again', {
            cause: err,
            retryAfterSec: 1
          })
        })
        if (recorded === 'used_up' || recorded === 'other') {
          // The copy ran ahead of the record (a redemption lost with Redis): the record wins.
          await this.#cache.unredeem(saleId, caller.id, hash)
          if (recorded === 'used_up') throw new FcError('FC_CODE_USED')
          throw new FcError('FC_CODE_USED', 'You already redeemed another code for this sale')
        }
        return this.#view(saleId, caller.id, 'redeemed', outcome.code, sale)
      }
      case 'already':
        return this.#view(saleId, caller.id, 'already', outcome.code, sale)
      case 'other':
        // One code per buyer per sale: the first one binds, and answers for the second.
        return this.#view(saleId, caller.id, 'already', outcome.code, sale)
    }
  }

  /**
   * The join check: open sales (or phases) let everyone in; an allowlist sale its listed user ids
   * and e-mail hashes; a code sale whoever holds a redeemed code (`code` redeems one on the way).
   * FC_ACCESS_DENIED otherwise, before any place is taken.
   */
  async checkJoin(saleId: string, caller: AccessCaller, code: string | undefined, ip: string): Promise<void> {
    const mode = modeAt(await this.rules(saleId), Date.now())
    if (mode === 'open') return
    if (code !== undefined) {
      await this.redeem(saleId, caller, code, ip)
      return
    }
    const email = caller.email === undefined ? null : emailHash(caller.email)
    let seen = await this.#cache.lookup(saleId, caller.id, email)
    if (!seen.loaded) {
      await this.rebuild(saleId)
      seen = await this.#cache.lookup(saleId, caller.id, email)
    }
    if (mode === 'allowlist' && (seen.listed || seen.code)) return
    if (mode === 'codes' && seen.code) return
    throw new FcError(
      'FC_ACCESS_DENIED',
      mode === 'codes'
        ? 'This sale needs a presale code: enter yours to join'
        : 'This sale is open to invited buyers only'
    )
  }

  /**
   * Rebuilds the Redis copy from the record (after Redis lost it, or the first time): the codes
   * with their uses, who holds which, the allowlist, the phase budget. A no-op when another process
   * was first. Nothing can be redeemed meanwhile: the script refuses until the copy is loaded.
   */
  async rebuild(saleId: string): Promise<void> {
    const rules = await this.rules(saleId)
    const snapshot = await this.#record.snapshot(saleId)
    await this.#cache.load(saleId, { ...snapshot, reserve: reserveOf(rules) })
  }

  async #view(
    saleId: string,
    userId: string,
    status: RedeemView['status'],
    code: CodeSpec,
    sale: AccessSale
  ): Promise<RedeemView> {
    const view: RedeemView = { status, kind: code.kind, perUserLimit: code.perUserLimit }
    if (code.kind !== 'vip') return view
    const untilMs = Date.now() + sale.accessTtlSec * 1000
    const accessToken = await this.#admit(saleId, userId, untilMs)
    return { ...view, accessToken, expiresAt: new Date(untilMs).toISOString() }
  }
}
