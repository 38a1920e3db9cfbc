import { type BuyerRecord, type BuyOutcome, now } from './types.ts'

/**
 * Runs `buyers` through `buy` with at most `concurrency` in flight, starting them in list order:
 * a buyer's arrival is the moment its first request leaves, so list order is arrival order. A
 * `buy` that throws counts as an `error` for that buyer, never as a failed run.
 */
export async function driveBuyers(
  buyers: readonly string[],
  concurrency: number,
  buy: (buyer: string) => Promise<BuyOutcome>
): Promise<BuyerRecord[]> {
  const records: BuyerRecord[] = new Array(buyers.length)
  let next = 0
  const lane = async (): Promise<void> => {
    while (next < buyers.length) {
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
