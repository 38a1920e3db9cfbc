/**
 * The one place Redis key names are built. Every key of a sale carries the sale id as a hash tag
 * (`fc:{<saleId>}:...`), so all keys one script touches live in one Redis Cluster slot. Lua scripts
 * never build key names: they receive them in KEYS.
 */
export interface SaleKeys {
  /** Hash: kind, capacity, limit, holdTtlMs, maxExt, status, warm, and the counters available/held/pending/sold. */
  meta: string
  /** Hash: seatId -> "A" (available) or state letter + holdId ("H…", "P…", "S…"). */
  seats: string
  /** Hash: unitId (hold or claim id) -> JSON of the live unit. Released and expired units are removed. */
  units: string
  /** Sorted set: holdId scored by expiry (ms). The sweeper reads it; keyspace events are lossy. */
  expiry: string
  /** Hash: userId -> live units (held + pending + sold) of that user, for the per-user limit. */
  users: string
  /** Sorted set: admitted userId scored by access expiry (ms). */
  active: string
  /**
   * Set: users who reached the per-user limit with a hold (or were admitted already at it). The
   * next admission tick short of slots ends those admissions and takes them out of the set.
   */
  atLimit: string
  /** Stream: every stock change, appended atomically with the change, drained into PostgreSQL. */
  ledger: string
  /**
   * Hash: `<section>-<row>` -> available seats in that row, kept by every script that takes or
   * frees a seat (only while it exists: warm-sale builds it), so best available (hold-seats) reads
   * only the rows that can hold what is asked for.
   */
  rowFree: string
}

/** The waiting room of one sale (same hash tag as its inventory, so one script sees both). */
export interface QueueKeys {
  /** String: the ticket counter (INCR). */
  seq: string
  /** Hash: userId -> ticket. */
  tickets: string
  /** Sorted set: userIds still waiting, scored by ticket; admitted or skipped users are removed. */
  order: string
  /** Sorted set: userId scored by the last sign of life (ms): join, poll, heartbeat, open stream. */
  seen: string
  /** Set: users who joined before opening, ordered by the committed shuffle at opening. */
  pre: string
  /** Hash: userId -> access expiry (ms) of an admitted user; the access token is signed from it. */
  admitted: string
  /** Hash: userId -> when their place was taken (ms); read and deleted at admission (join-to-admission time). */
  joined: string
  /** Hash: frontier, closed, sealed, abandoned, admittedTotal, rate, carry, lastTick. */
  state: string
}

/** The access copy of one sale (same hash tag as its inventory: the hold and claim scripts read the rules). */
export interface AccessKeys {
  /** String: set once the copy was rebuilt from PostgreSQL (missing: rebuild before deciding). */
  loaded: string
  /** Hash: code hash -> JSON {k kind, b batch, m max uses, l own per-user limit, s, e window ms}. */
  codes: string
  /** Hash: code hash -> uses. */
  uses: string
  /** Hash: userId -> the code hash they redeemed (one per sale). */
  bound: string
  /**
   * Hash read by the hold and claim scripts: `lim:<userId>` -> the buyer's own per-user limit (from
   * their code); `phaseUnits`, `phaseUntil` -> the first phase's unit budget and when it ends.
   */
  rules: string
  /** Set: `u:<userId>`, `e:<hex SHA-256 of the e-mail>`. */
  allow: string
}

export class KeyBuilder {
  readonly prefix: string

  constructor(prefix = 'fc') {
    this.prefix = prefix
  }

  /** The hash-tagged base of every key of one sale. */
  base(saleId: string): string {
    return `${this.prefix}:{${saleId}}`
  }

  sale(saleId: string): SaleKeys {
    const b = this.base(saleId)
    return {
      meta: `${b}:meta`,
      seats: `${b}:seats`,
      units: `${b}:units`,
      expiry: `${b}:expiry`,
      users: `${b}:users`,
      active: `${b}:active`,
      atLimit: `${b}:at-limit`,
      ledger: `${b}:ledger`,
      rowFree: `${b}:row-free`
    }
  }

  /** The access rules' keys of one sale. */
  access(saleId: string): AccessKeys {
    const b = `${this.base(saleId)}:acc`
    return {
      loaded: `${b}:loaded`,
      codes: `${b}:codes`,
      uses: `${b}:uses`,
      bound: `${b}:bound`,
      rules: `${b}:rules`,
      allow: `${b}:allow`
    }
  }

  /** Failed code guesses of one user or one address (`kind` user or ip) in a sale, per window. */
  codeGuesses(saleId: string, kind: 'user' | 'ip', id: string): string {
    return `${this.base(saleId)}:acc:guess:${kind}:${id.length}:${id}`
  }

  /** The waiting room's keys of one sale. */
  queue(saleId: string): QueueKeys {
    const b = `${this.base(saleId)}:q`
    return {
      seq: `${b}:seq`,
      tickets: `${b}:tickets`,
      order: `${b}:order`,
      seen: `${b}:seen`,
      pre: `${b}:pre`,
      admitted: `${b}:admitted`,
      joined: `${b}:joined`,
      state: `${b}:state`
    }
  }

  /** Pub/sub channel carrying a sale's frontier and queue state after every admission tick. */
  queueChannel(saleId: string): string {
    return `${this.base(saleId)}:q:feed`
  }

  /**
   * One remembered Idempotency-Key of one user in one sale. The user id is length-prefixed: both it
   * and the key may contain `:`, and user `a:b` with key `k` must never share a record with user
   * `a` and key `b:k`.
   */
  idempotency(saleId: string, userId: string, key: string): string {
    return `${this.base(saleId)}:idem:${userId.length}:${userId}:${key}`
  }

  /** A lease that lets one process at a time do a per-sale job (drain the ledger, run the scheduler). */
  lease(saleId: string, job: string): string {
    return `${this.base(saleId)}:lease:${job}`
  }

  /**
   * One rate-limit subject (a hash: token bucket and sliding window) of one route policy. Every
   * subject of one sale shares the tag `{rl.<saleId>}` (`{rl.}` for requests about no sale): one
   * script checks them together, and the accounting stays out of the sale's own slot and keys.
   */
  rateSubject(saleId: string, policy: string, kind: string, id: string): string {
    return `${this.prefix}:{rl.${saleId}}:${policy}:${kind}:${id}`
  }

  /** Counter of one user's mutating requests in the current second (same slot as the rate subjects). */
  pace(saleId: string, userId: string): string {
    return `${this.prefix}:{rl.${saleId}}:pace:${userId}`
  }

  /** The runtime overrides of the rate-limit policies (one JSON document every process reads). */
  rateLimitOverrides(): string {
    return `${this.prefix}:{ctl}:rate-limits`
  }

  /** One blocklist entry (`blocked:{ip}`, per user, per fingerprint), with its own TTL. */
  blocked(kind: string, value: string): string {
    return `${this.prefix}:{blocked}:${kind}:${value}`
  }

  /** Sorted set of blocklist entries (`kind:value`) scored by expiry, to list them without SCAN. */
  blockIndex(): string {
    return `${this.prefix}:{blocked}:index`
  }

  /** Counter bumped on every blocklist change, so processes reload the list only when it changed. */
  blockVersion(): string {
    return `${this.prefix}:{blocked}:version`
  }

  /** Marks one proof-of-work challenge, by its salt, as used (single use). */
  challengeUsed(saleId: string, mark: string): string {
    return `${this.base(saleId)}:pow:${mark}`
  }

  /** Set of sale ids known to this Redis, so workers can find them without SCAN. */
  salesIndex(): string {
    return `${this.prefix}:sales`
  }
}
