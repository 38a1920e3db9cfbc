import type { SaleDirectory } from '../../domain/traffic-ports.ts'
import { FcError } from '../../errors.ts'

/** Two look-ups of the sale list are at least this far apart, whatever the number of misses. */
export const KNOWN_SALES_GAP_MS = 250

/**
 * The sales this process knows exist, so a request naming any other sale id is refused before
 * the rate limiter or a handler does any work for it. Without it, every made-up id cost an
 * uncached PostgreSQL look-up (a sale snapshot) and opened fresh per-sale rate budgets.
 *
 * The set is loaded whole at start and grows with every sale created here. An id it lacks (a sale
 * another process created a moment ago, or a made-up one) waits for the next look-up of the whole
 * list that starts after the request arrived, so a sale committed before the request is always
 * found; look-ups are at least {@link KNOWN_SALES_GAP_MS} apart and shared by every request
 * waiting, so a flood of made-up ids costs PostgreSQL at most four small queries a second per
 * process, and each of those requests a wait of at most a quarter second. Ids come only from the
 * list, never from requests, so the set is as large as the number of sales. Sales are never deleted.
 */
export class KnownSales {
  readonly #directory: SaleDirectory
  readonly #gapMs: number
  readonly #now: () => number
  readonly #ids = new Set<string>()
  /** The look-up that has not started yet: every caller from now on can join it. */
  #next: Promise<void> | undefined
  #lastStart = Number.NEGATIVE_INFINITY
  /** Look-ups of the whole list made so far (tests, metrics). */
  lookups = 0

  constructor(deps: { directory: SaleDirectory; gapMs?: number; now?: () => number }) {
    this.#directory = deps.directory
    this.#gapMs = deps.gapMs ?? KNOWN_SALES_GAP_MS
    this.#now = deps.now ?? Date.now
  }

  /** True when the sale is known here (no waiting). */
  has(saleId: string): boolean {
    return this.#ids.has(saleId)
  }

  /** Records a sale created in this process. */
  add(saleId: string): void {
    this.#ids.add(saleId)
  }

  /**
   * Whether the sale exists: at once when known, else after the next look-up of the list.
   * Throws 503 FC_UNAVAILABLE when the list cannot be read.
   */
  async exists(saleId: string): Promise<boolean> {
    if (this.#ids.has(saleId)) return true
    await this.refresh()
    return this.#ids.has(saleId)
  }

  /** Reads the whole list, in a look-up that starts after this call (shared with other callers). */
  refresh(): Promise<void> {
    if (this.#next) return this.#next
    const wait = Math.max(0, this.#lastStart + this.#gapMs - this.#now())
    const next = new Promise<void>((resolve) => setTimeout(resolve, wait)).then(async () => {
      // Callers arriving from here on may name a sale committed after this query began.
      this.#next = undefined
      this.#lastStart = this.#now()
      this.lookups++
      let ids: string[]
      try {
        ids = await this.#directory.saleIds()
      } catch (err) {
        throw new FcError('FC_UNAVAILABLE', 'Sales cannot be looked up right now: try again', {
          cause: err,
          retryAfterSec: 1
        })
      }
      for (const id of ids) this.#ids.add(id)
    })
    this.#next = next
    return next
  }
}
