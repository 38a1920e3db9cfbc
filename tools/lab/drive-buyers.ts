import { type BuyerRecord, type BuyOutcome, now } from './types.ts'

/** How buyers arrive: at most `concurrency` in flight, and (capacity runs) only for `durationMs`. */
export interface Pace {
  concurrency: number
  /** Start no buyer later than this many ms after the first; unset: every buyer comes. */
  durationMs?: number | undefined
}

/**
 * Runs `buyers` through `buy` with at most `concurrency` in flight, starting them in list order:
 * a buyer's arrival is the moment its first request leaves, so list order is arrival order. A
 * `buy` that throws counts as an `error` for that buyer, never as a failed run.
 *
 * With `durationMs` (the capacity case) it is a closed loop for a fixed time: each lane starts its
 * next buyer as soon as its last one was answered, until the time is up; buyers already in flight
 * then finish. Only the buyers who came are returned, so a strategy's throughput is what it could
 * serve at this concurrency, not how fast a small stock ran out.
 */
export async function driveBuyers(
  buyers: readonly string[],
  pace: Pace,
  buy: (buyer: string) => Promise<BuyOutcome>
): Promise<BuyerRecord[]> {
  const records: BuyerRecord[] = new Array(buyers.length)
  const { concurrency, durationMs } = pace
  const stopAt = durationMs === undefined ? Number.POSITIVE_INFINITY : now() + durationMs
  let next = 0
  const lane = async (): Promise<void> => {
    while (next < buyers.length && now() < stopAt) {
      const index = next++
      const buyer = buyers[index]!
      const arrivedAt = now()
      let result: BuyOutcome
      try {
        result = await buy(buyer)
      } catch {
        result = { outcome: 'error', attempts: 1 }
      }
      // The record is the strategy's own object, extended: an asynchronous strategy fills in
      // `durableAt` on it later, when the purchase reaches PostgreSQL.
      records[index] = Object.assign(result, { buyer, arrivedAt, answeredAt: now() })
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, buyers.length)) }, lane))
  // Every index below `next` was started and has its record by now.
  records.length = next
  return records
}

/** Buyer ids of a case: `b0`, `b1`, ... in arrival order. */
export function buyerIds(count: number, from = 0): string[] {
  return Array.from({ length: count }, (_, i) => `b${from + i}`)
}

/** Full-jitter exponential backoff (AWS architecture blog): a random wait in [0, min(cap, base * 2^n)). */
export function backoffMs(attempt: number, baseMs: number, capMs: number): number {
  return Math.random() * Math.min(capMs, baseMs * 2 ** attempt)
}
