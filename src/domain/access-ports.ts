/**
 * Access rules of a sale: who may join its waiting room (docs/queue.md, "Access rules"). PostgreSQL
 * is the record ({@link AccessRecord}); Redis keeps the copy the atomic redemption decides on
 * ({@link AccessCache}), rebuilt from the record when it is missing.
 */

/** `open`: anyone; `allowlist`: listed user ids or e-mail hashes; `codes`: a redeemed presale or VIP code. */
export type AccessMode = 'open' | 'allowlist' | 'codes'

/** A phase of a sale: its access from `startsAt` on; `units` are the stock it may sell (null: whatever is left). */
export interface AccessPhase {
  name: string
  access: AccessMode
  /** ms since the epoch. */
  startsAt: number
  /** ms since the epoch; null: until the next phase starts. */
  endsAt: number | null
  units: number | null
}

/** The access rules of one sale. No phases: `mode` applies throughout. */
export interface AccessRules {
  mode: AccessMode
  phases: AccessPhase[]
}

/** A presale code admits through the queue; a VIP code admits at once (but keeps the stock rules). */
export type CodeKind = 'presale' | 'vip'

/** One code as stored: never its text, only its keyed hash. */
export interface CodeSpec {
  hash: string
  batchId: string
  kind: CodeKind
  maxUses: number
  /** The buyer's own per-user limit (below the sale's); null: the sale's. */
  perUserLimit: number | null
  /** ms since the epoch; null: no bound. */
  startsAt: number | null
  endsAt: number | null
}

/** A code and how often it was used (the console's view). */
export interface CodeUsage extends CodeSpec {
  uses: number
  createdAt: number
}

/** Everything of one sale's access the cache holds, as the record has it. */
export interface AccessSnapshot {
  codes: Array<CodeSpec & { uses: number }>
  /** userId -> code hash. */
  bindings: Map<string, string>
  /** `u:<userId>` and `e:<email hash>`. */
  allowed: string[]
  /** The first phase's unit budget, in force until `untilMs` (null: none); the rest waits for the next phase. */
  reserve: { units: number; untilMs: number } | null
}

/** What the redemption script decided. */
export type RedeemOutcome =
  | { kind: 'redeemed' | 'already'; code: CodeSpec }
  /** The caller already holds another code in this sale: the first one binds. */
  | { kind: 'other'; code: CodeSpec }
  | { kind: 'invalid' | 'used' | 'not_now' }
  | { kind: 'rate_limited'; retryAfterMs: number }
  | { kind: 'not_loaded' }

/** The Redis side: atomic decisions over a copy of the record. */
export interface AccessCache {
  /**
   * Redeems a code for a user atomically: bound to the first user(s) up to its uses, a user holds
   * one code per sale. Unknown codes count toward the guess limit of the user and of the address.
   */
  redeem(input: {
    saleId: string
    userId: string
    hash: string
    /** The caller's address ('' when addresses are not counted). */
    ip: string
    /** Unknown codes allowed per user and per address (0: not counted) in one window. */
    guesses: { perUser: number; perAddress: number; windowMs: number }
  }): Promise<RedeemOutcome>
  /** Undoes a redemption the record refused (nothing else changed in between: the binding is the caller's). */
  unredeem(saleId: string, userId: string, hash: string): Promise<void>
  /** Whether the user (or their e-mail hash) is listed, and the code they hold; loaded false: rebuild first. */
  lookup(
    saleId: string,
    userId: string,
    emailHash: string | null
  ): Promise<{ loaded: boolean; listed: boolean; code: CodeSpec | null }>
  /** Replaces the copy by the record's snapshot unless another process just did. */
  load(saleId: string, snapshot: AccessSnapshot): Promise<void>
  /** Adds codes or allowlist entries to a loaded copy (an unloaded one picks them up at its load). */
  addCodes(saleId: string, codes: readonly CodeSpec[]): Promise<void>
  addAllowed(saleId: string, members: readonly string[]): Promise<void>
  setReserve(saleId: string, reserve: AccessSnapshot['reserve']): Promise<void>
}

/** The PostgreSQL side: the record. */
export interface AccessRecord {
  rules(saleId: string): Promise<AccessRules | undefined>
  putRules(saleId: string, rules: AccessRules): Promise<void>
  /** Adds entries; answers how many were new. */
  addAllowed(
    saleId: string,
    entries: ReadonlyArray<{ kind: 'user' | 'email'; value: string }>
  ): Promise<number>
  insertCodes(saleId: string, codes: readonly CodeSpec[]): Promise<void>
  /**
   * Records a redemption the cache accepted: `recorded`, `replay` (already recorded), `other` (the
   * user is bound to another code) or `used_up` (the record has no use left: nothing recorded).
   */
  recordRedemption(
    saleId: string,
    userId: string,
    hash: string
  ): Promise<'recorded' | 'replay' | 'other' | 'used_up'>
  codes(saleId: string): Promise<CodeUsage[]>
  snapshot(saleId: string): Promise<Omit<AccessSnapshot, 'reserve'>>
}
