/**
 * The one place the lab builds Redis key names (its strategies' Lua never does). Every key of one
 * lab sale shares a hash tag, like the product's keys, so a script could touch them together.
 */
export interface LabSaleKeys {
  /** String: the Redis-lock strategy's lock (SET NX PX, value = holder's token). */
  lock: string
  /** String: fencing-token counter (INCR per acquired lock). */
  fence: string
  /** String: the INCR+SADD strategy's issue counter. */
  counter: string
  /** Set: the INCR+SADD strategy's buyers who already applied. */
  applied: string
}

/** Builds the lab's keys under one random prefix, deleted at the end of the lab run. */
export class LabKeys {
  readonly prefix: string

  constructor(prefix: string) {
    this.prefix = prefix
  }

  sale(saleId: string): LabSaleKeys {
    const b = `${this.prefix}:{${saleId}}`
    return { lock: `${b}:lock`, fence: `${b}:fence`, counter: `${b}:counter`, applied: `${b}:applied` }
  }

  /** Pattern matching every key of this lab run (for cleanup). */
  pattern(): string {
    return `${this.prefix}:*`
  }
}
