import type { ImageUnit, InventoryAudit, InventoryImage } from '../../domain/result-ports.ts'
import type { RedisClient } from './client.ts'
import type { KeyBuilder } from './keys.ts'
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

/** The reconciler's view of Redis: a sale's whole inventory, read by one script (one point in time). */
export class RedisInventoryAudit implements InventoryAudit {
  readonly #client: RedisClient
  readonly #scripts: ScriptRunner
  readonly #keys: KeyBuilder

  constructor(client: RedisClient, scripts: ScriptRunner, keys: KeyBuilder) {
    this.#client = client
    this.#scripts = scripts
    this.#keys = keys
  }

  /**
   * Reads meta, seats, units, per-user counts and the ledger's last id atomically. O(seats + units):
   * for a 100,000-seat sale a few MB, which is why the reconciler runs every 30 s on one process,
   * not per request.
   */
  async image(saleId: string): Promise<InventoryImage> {
    const k = this.#keys.sale(saleId)
    const [meta, seats, units, users, ledgerId] = await this.#scripts.run(
      'inventory-image',
      [k.meta, k.seats, k.units, k.users, k.ledger],
      []
    )
    const m = Object.fromEntries(pairs(meta))
    return {
      warm: m.warm === '1',
      counts: {
        capacity: Number(m.capacity ?? 0),
        available: Number(m.available ?? 0),
        held: Number(m.held ?? 0),
        pending: Number(m.pending ?? 0),
        confirmed: Number(m.sold ?? 0)
      },
      seats: new Map(pairs(seats)),
      units: new Map(
        pairs(units).map(([id, raw]) => {
          const u = JSON.parse(raw) as UnitRecord
          return [id, { seatId: u.s === '' ? null : u.s, userId: u.u, state: u.st }]
        })
      ),
      users: new Map(pairs(users).map(([user, n]) => [user, Number(n)])),
      ledgerId: String(ledgerId)
    }
  }

  async ledgerHoldsUpTo(saleId: string, ledgerId: string): Promise<boolean> {
    if (ledgerId === '0-0') return false
    const first = await this.#client.xRange(this.#keys.sale(saleId).ledger, '-', ledgerId, { COUNT: 1 })
    return (first?.length ?? 0) > 0
  }
}
