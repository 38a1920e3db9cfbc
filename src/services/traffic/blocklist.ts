import type { BlockEntry, BlockKind, BlocklistStore } from '../../domain/traffic-ports.ts'
import { FcError } from '../../errors.ts'

/** What an operator or the bot detector asks to block. */
export interface BlockInput {
  kind: BlockKind
  value: string
  ttlSec: number
  reason: string
  auto: boolean
}

// Reload the whole list this often even if the version did not move (a Redis restart resets it).
const FULL_RELOAD_EVERY = 30

/**
 * The blocklist: entries with a TTL in Redis, shared by every process, and a copy in memory that
 * every request is checked against, so a block check never costs a round trip. The copy follows
 * Redis within a refresh (one second); entries this process adds apply here at once, and expiry is
 * checked at each look-up, so a block ends on time even between refreshes.
 */
export class Blocklist {
  readonly #store: BlocklistStore
  readonly #now: () => number
  #entries = new Map<string, BlockEntry>()
  #version: string | undefined
  #refreshes = 0

  constructor(deps: { store: BlocklistStore; now?: () => number }) {
    this.#store = deps.store
    this.#now = deps.now ?? Date.now
  }

  /** The live block on this address, user or fingerprint, if any. */
  find(kind: BlockKind, value: string): BlockEntry | undefined {
    const key = `${kind}:${value}`
    const entry = this.#entries.get(key)
    if (!entry) return undefined
    if (entry.expiresAt <= this.#now()) {
      this.#entries.delete(key)
      return undefined
    }
    return entry
  }

  /** Throws 403 FC_BLOCKED (with Retry-After) when the address, user or fingerprint is blocked. */
  assertAllowed(kind: BlockKind, value: string | undefined): void {
    if (value === undefined || this.#entries.size === 0) return
    const entry = this.find(kind, value)
    if (entry) throw blockedError(entry, this.#now())
  }

  async add(input: BlockInput): Promise<BlockEntry> {
    const entry: BlockEntry = {
      kind: input.kind,
      value: input.value,
      reason: input.reason,
      expiresAt: this.#now() + input.ttlSec * 1000,
      auto: input.auto
    }
    await this.#store.add(entry)
    this.#entries.set(`${entry.kind}:${entry.value}`, entry)
    return entry
  }

  async remove(kind: BlockKind, value: string): Promise<boolean> {
    const removed = await this.#store.remove(kind, value)
    this.#entries.delete(`${kind}:${value}`)
    return removed
  }

  /** Every live entry, from Redis (the truth, not this process's copy). */
  async list(): Promise<BlockEntry[]> {
    const now = this.#now()
    return (await this.#store.list()).filter((e) => e.expiresAt > now)
  }

  /** Reloads the copy when the shared list changed. */
  async refresh(): Promise<void> {
    const version = await this.#store.version()
    this.#refreshes++
    if (version === this.#version && this.#refreshes % FULL_RELOAD_EVERY !== 0) return
    const entries = await this.list()
    this.#entries = new Map(entries.map((e) => [`${e.kind}:${e.value}`, e]))
    this.#version = version
  }
}

/** The refusal a blocked client gets. */
export function blockedError(entry: BlockEntry, now: number): FcError {
  const retryAfterSec = Math.max(1, Math.ceil((entry.expiresAt - now) / 1000))
  const who =
    entry.kind === 'ip' ? 'This network address' : entry.kind === 'user' ? 'This account' : 'This client'
  return new FcError('FC_BLOCKED', `${who} is blocked for ${retryAfterSec} s`, {
    retryAfterSec,
    details: { kind: entry.kind, expiresAt: new Date(entry.expiresAt).toISOString() }
  })
}
