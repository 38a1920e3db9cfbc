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
  /** Stream: every stock change, appended atomically with the change, drained into PostgreSQL. */
  ledger: string
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
      ledger: `${b}:ledger`
    }
  }

  /** One remembered Idempotency-Key of one user in one sale. */
  idempotency(saleId: string, userId: string, key: string): string {
    return `${this.base(saleId)}:idem:${userId}:${key}`
  }

  /** A lease that lets one process at a time do a per-sale job (drain the ledger, run the scheduler). */
  lease(saleId: string, job: string): string {
    return `${this.base(saleId)}:lease:${job}`
  }

  /** Set of sale ids known to this Redis, so workers can find them without SCAN. */
  salesIndex(): string {
    return `${this.prefix}:sales`
  }
}
