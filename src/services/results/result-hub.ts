import type { ResultEvent } from '../../domain/result-ports.ts'

/** Receives the results of one user (one open `/v1/me/stream`). */
export type ResultListener = (event: ResultEvent) => void

// Ids already delivered, remembered to drop the duplicates an at-least-once relay may send. 10,000
// covers far more than one relay batch replayed after a crash, at ~1 MB.
const RECENT = 10_000

/**
 * The per-process fan-out of booking results: every API process consumes the whole results topic
 * (its own consumer group) and hands each result to the streams its own clients opened, found by
 * user id in memory. O(1) per result, whatever the number of open streams.
 */
export class ResultHub {
  readonly #listeners = new Map<string, Set<ResultListener>>()
  readonly #recent = new Set<string>()
  /** Results received from the topic since start (delivered or not). */
  received = 0

  /** Registers a listener for `userId`; returns the function that removes it. */
  subscribe(userId: string, listener: ResultListener): () => void {
    let set = this.#listeners.get(userId)
    if (!set) {
      set = new Set()
      this.#listeners.set(userId, set)
    }
    set.add(listener)
    return () => {
      const current = this.#listeners.get(userId)
      if (!current) return
      current.delete(listener)
      if (current.size === 0) this.#listeners.delete(userId)
    }
  }

  /** Delivers one result to its user's listeners; a repeat of a delivered (id, status) is dropped. */
  publish(event: ResultEvent): void {
    this.received++
    const id = `${event.id}\u0000${event.status}`
    if (this.#recent.has(id)) return
    this.#recent.add(id)
    if (this.#recent.size > RECENT) this.#recent.delete(this.#recent.values().next().value as string)
    const set = this.#listeners.get(event.userId)
    if (!set) return
    for (const listener of set) {
      try {
        listener(event)
      } catch {
        // One broken stream must not keep the result from the user's other streams.
      }
    }
  }

  /** Open streams, over all users. */
  get streams(): number {
    let n = 0
    for (const set of this.#listeners.values()) n += set.size
    return n
  }
}
