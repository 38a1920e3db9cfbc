import { createHmac } from 'node:crypto'

/**
 * The pre-queue shuffle. Everyone who joined before opening is ordered by
 * HMAC-SHA256(key = seed, message = userId), ascending as lower-case hex, ties (never seen in
 * practice) broken by userId. The seed is 64 hex characters used as text (its ASCII bytes are the
 * key); its SHA-256 (of the same text) is published before opening and the seed itself after, so
 * anyone can recompute the order and check their own place (docs/queue.md has the recipe).
 */
export function shuffleKey(seed: string, userId: string): string {
  return createHmac('sha256', seed).update(userId, 'utf8').digest('hex')
}

/** The pre-queue in ticket order: ticket i (1-based) goes to the i-th user of the result. */
export function fairOrder(seed: string, userIds: readonly string[]): string[] {
  return userIds
    .map((u) => ({ u, k: shuffleKey(seed, u) }))
    .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.u < b.u ? -1 : a.u > b.u ? 1 : 0))
    .map((e) => e.u)
}
