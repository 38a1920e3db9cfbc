import type {
  BlockEntry,
  BlockKind,
  BlocklistStore,
  ChallengeLedger,
  ControlStore,
  RateCheck,
  RateLimitStore,
  RateVerdict,
  SubjectKind,
  SubjectLimit
} from '../../domain/traffic-ports.ts'
import type { RedisClient } from './client.ts'
import { RATE_LIMITED } from './codes.ts'
import type { KeyBuilder } from './keys.ts'
import type { ScriptRunner } from './scripts.ts'

const SLOTS: readonly SubjectKind[] = ['user', 'ip', 'event']
const OFF: SubjectLimit = { burst: 0, perSec: 1, windowLimit: 0, windowSec: 1 }
const BLOCK_KINDS: readonly BlockKind[] = ['ip', 'user', 'fp']

/**
 * Traffic control in Redis: the rate-limit script, the blocklist, the runtime overrides and the
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

  async check(check: RateCheck): Promise<RateVerdict> {
    const keys: string[] = []
    const args: Array<string | number> = [check.paceUser === undefined ? '0' : '1']
    for (const kind of SLOTS) {
      const subject = check.subjects.find((s) => s.kind === kind)
      // Unused slots still need a key of the same slot; the script never touches it.
      keys.push(this.#keys.rateSubject(check.saleId, check.policy, kind, subject?.id ?? '-'))
      const l = subject?.limit ?? OFF
      args.push(l.burst, l.perSec, l.windowLimit, l.windowSec * 1000)
    }
    keys.push(this.#keys.pace(check.saleId, check.paceUser ?? '-'))
    const [code, retryAfterMs, index, pace] = (await this.#scripts.run('rate-limit', keys, args)) as number[]
    if (code === RATE_LIMITED) {
      return {
        allowed: false,
        retryAfterMs: Number(retryAfterMs),
        denied: SLOTS[Number(index) - 1] ?? 'user',
        pace: Number(pace)
      }
    }
    return { allowed: true, pace: Number(pace) }
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

  async consumeOnce(saleId: string, challengeId: string, ttlMs: number): Promise<boolean> {
    const set = await this.#client.set(this.#keys.challengeUsed(saleId, challengeId), '1', {
      NX: true,
      PX: Math.max(1, Math.ceil(ttlMs))
    })
    return set === 'OK'
  }
}
