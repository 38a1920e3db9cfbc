import type {
  BlockEntry,
  BlockKind,
  BlocklistStore,
  ChallengeLedger,
  ControlStore,
  RateLimitStore,
  RateSync,
  RateSyncResult,
  SharedSubjectState
} from '../../domain/traffic-ports.ts'
import type { KeyBuilder } from './keys.ts'
import type { RedisClient } from './redis-client.ts'
import type { ScriptRunner } from './scripts.ts'

const BLOCK_KINDS: readonly BlockKind[] = ['ip', 'user', 'fp']

/**
 * Traffic control in Redis: the rate-limit sync script, the blocklist, the runtime overrides and the
 * single-use marks of proof-of-work challenges.
 */
export class RedisTrafficStore implements RateLimitStore, ControlStore, BlocklistStore, ChallengeLedger {
  readonly #client: RedisClient
  readonly #scripts: ScriptRunner
  readonly #keys: KeyBuilder

  constructor(client: RedisClient, scripts: ScriptRunner, keys: KeyBuilder) {
    this.#client = client
    this.#scripts = scripts
    this.#keys = keys
  }

  async sync(batch: RateSync): Promise<RateSyncResult> {
    const keys: string[] = []
    const args: Array<string | number> = [batch.subjects.length, batch.paces.length]
    for (const s of batch.subjects) {
      keys.push(this.#keys.rateSubject(batch.saleId, s.policy, s.kind, s.id))
      args.push(s.limit.burst, s.limit.perSec, s.limit.windowLimit, s.limit.windowSec * 1000, s.count)
    }
    for (const p of batch.paces) {
      keys.push(this.#keys.pace(batch.saleId, p.userId))
      args.push(p.count)
    }
    if (keys.length === 0) return { subjects: [], paces: [] }
    const out = ((await this.#scripts.run('rate-sync', keys, args)) as unknown[]).map(Number)
    const at = out[0] ?? 0
    const subjects: SharedSubjectState[] = batch.subjects.map((_, i) => ({
      at,
      tokens: (out[1 + i * 4] ?? 0) / 1000,
      windowStart: out[2 + i * 4] ?? 0,
      current: out[3 + i * 4] ?? 0,
      previous: out[4 + i * 4] ?? 0
    }))
    const paces = batch.paces.map((_, j) => out[1 + batch.subjects.length * 4 + j] ?? 0)
    return { subjects, paces }
  }

  async readOverrides(): Promise<string | null> {
    return this.#client.get(this.#keys.rateLimitOverrides())
  }

  async writeOverrides(json: string): Promise<void> {
    await this.#client.set(this.#keys.rateLimitOverrides(), json)
  }

  async add(entry: BlockEntry): Promise<void> {
    const ttlMs = Math.max(1, entry.expiresAt - Date.now())
    await this.#scripts.run(
      'block-add',
      [this.#keys.blocked(entry.kind, entry.value), this.#keys.blockIndex(), this.#keys.blockVersion()],
      [`${entry.kind}:${entry.value}`, JSON.stringify(entry), ttlMs, entry.expiresAt]
    )
  }

  async remove(kind: BlockKind, value: string): Promise<boolean> {
    const removed = (await this.#scripts.run(
      'block-remove',
      [this.#keys.blocked(kind, value), this.#keys.blockIndex(), this.#keys.blockVersion()],
      [`${kind}:${value}`]
    )) as unknown as number
    return Number(removed) === 1
  }

  async list(): Promise<BlockEntry[]> {
    const members = await this.#client.zRangeByScore(this.#keys.blockIndex(), Date.now(), '+inf')
    const parsed = members
      .map((m) => {
        const i = m.indexOf(':')
        return { kind: m.slice(0, i) as BlockKind, value: m.slice(i + 1) }
      })
      .filter((m) => BLOCK_KINDS.includes(m.kind))
    if (parsed.length === 0) return []
    // The entry keys hold the reason and are the truth about expiry (their TTL); the index only lists.
    const raw = await this.#client.mGet(parsed.map((m) => this.#keys.blocked(m.kind, m.value)))
    const out: BlockEntry[] = []
    for (const text of raw) {
      if (text === null) continue
      try {
        out.push(JSON.parse(text) as BlockEntry)
      } catch {
        // An entry someone wrote by hand in another shape is not ours to enforce.
      }
    }
    return out
  }

  async version(): Promise<string> {
    return (await this.#client.get(this.#keys.blockVersion())) ?? '0'
  }

  async consumeOnce(saleId: string, mark: string, ttlMs: number): Promise<boolean> {
    const set = await this.#client.set(this.#keys.challengeUsed(saleId, mark), '1', {
      NX: true,
      PX: Math.max(1, Math.ceil(ttlMs))
    })
    return set === 'OK'
  }
}
