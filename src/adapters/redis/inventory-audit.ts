import type { ImageUnit, InventoryAudit, InventoryImage } from '../../domain/result-ports.ts'
import type { KeyBuilder } from './keys.ts'
import type { RedisClient } from './redis-client.ts'
import type { ScriptRunner } from './scripts.ts'

interface UnitRecord {
  s: string
  u: string
  st: ImageUnit['state']
}

/** A flat [field, value, field, value, ...] reply as pairs. */
function pairs(flat: unknown): Array<[string, string]> {
  const list = (flat ?? []) as string[]
  const out: Array<[string, string]> = []
  for (let i = 0; i + 1 < list.length; i += 2) out.push([String(list[i]), String(list[i + 1])])
  return out
}

/** Entries per HSCAN page: each page holds Redis for about a millisecond. */
const PAGE = 500

/**
 * The reconciler's view of Redis. Seats, units and users are read in HSCAN pages, so a 100,000-seat
 * sale never holds its Redis shard for one long read (one read of everything at once took 200-360 ms
 * there); the version around them (see inventory-version) says which entries may have changed
 * while they were read.
 */
export class RedisInventoryAudit implements InventoryAudit {
  readonly #client: RedisClient
  readonly #scripts: ScriptRunner
  readonly #keys: KeyBuilder

  constructor(client: RedisClient, scripts: ScriptRunner, keys: KeyBuilder) {
    this.#client = client
    this.#scripts = scripts
    this.#keys = keys
  }

  async image(saleId: string): Promise<InventoryImage> {
    const k = this.#keys.sale(saleId)
    const before = await this.#version(k.meta, k.ledger)
    const seats = await this.#scan(k.seats)
    const units = await this.#scan(k.units)
    const users = await this.#scan(k.users)
    const after = await this.#version(k.meta, k.ledger)
    const m = after.meta
    return {
      warm: m.warm === '1',
      counts: {
        capacity: Number(m.capacity ?? 0),
        available: Number(m.available ?? 0),
        held: Number(m.held ?? 0),
        pending: Number(m.pending ?? 0),
        confirmed: Number(m.sold ?? 0)
      },
      seats,
      units: new Map(
        [...units].map(([id, raw]) => {
          const u = JSON.parse(raw) as UnitRecord
          return [id, { seatId: u.s === '' ? null : u.s, userId: u.u, state: u.st }]
        })
      ),
      users: new Map([...users].map(([user, n]) => [user, Number(n)])),
      ledgerId: after.ledgerId,
      readFrom: before.meta.gen === m.gen ? before.ledgerId : '0-0'
    }
  }

  async #version(meta: string, ledger: string): Promise<{ meta: Record<string, string>; ledgerId: string }> {
    const [flat, ledgerId] = await this.#scripts.run('inventory-version', [meta, ledger], [])
    return { meta: Object.fromEntries(pairs(flat)), ledgerId: String(ledgerId) }
  }

  /** Every field of a hash, page by page (a field present throughout is returned at least once). */
  async #scan(key: string): Promise<Map<string, string>> {
    const out = new Map<string, string>()
    let cursor = '0'
    do {
      const page = await this.#client.hScan(key, cursor, { COUNT: PAGE })
      for (const { field, value } of page.entries) out.set(field, value)
      cursor = page.cursor
    } while (cursor !== '0')
    return out
  }

  async ledgerHoldsUpTo(saleId: string, ledgerId: string): Promise<boolean> {
    if (ledgerId === '0-0') return false
    const first = await this.#client.xRange(this.#keys.sale(saleId).ledger, '-', ledgerId, { COUNT: 1 })
    return (first?.length ?? 0) > 0
  }
}
