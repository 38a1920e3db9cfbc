import type { SeatCode, SeatStateRead, SeatStateSource } from '../../domain/seat-map-ports.ts'
import type { KeyBuilder } from './keys.ts'
import type { ScriptRunner } from './scripts.ts'

const GEN = /^(\d{1,12})\.(\d{1,6})$/
const LEDGER_ID = /^(\d{1,15})-(\d{1,15})$/

/**
 * The public version of `gen ~ ledger id` (see seat-states-3.lua), shortened: it travels in every
 * delta, twice, so base 36 saves about a third of a delta stream's bytes. `gen` is `sec.usec` of
 * Redis TIME, the ledger id `ms-seq`. Anything else is passed through (still opaque and URL-safe:
 * digits, `.`, `-`, `~`).
 */
export function publicVersion(raw: string): string {
  const [gen = '', last = ''] = raw.split('~')
  const g = GEN.exec(gen)
  const l = LEDGER_ID.exec(last)
  if (!g || !l) return raw
  const micros = Number(g[1]) * 1_000_000 + Number(g[2])
  return `${micros.toString(36)}.${Number(l[1]).toString(36)}.${Number(l[2]).toString(36)}`
}

/** The raw version behind {@link publicVersion}; '' when `version` is not one of its forms. */
export function rawVersion(version: string): string {
  const parts = version.split('.')
  if (parts.length !== 3 || !parts.every((p) => /^[0-9a-z]{1,12}$/.test(p))) {
    return version.includes('~') ? version : ''
  }
  const [micros, ms, seq] = parts.map((p) => Number.parseInt(p, 36)) as [number, number, number]
  return `${Math.floor(micros / 1_000_000)}.${micros % 1_000_000}~${ms}-${seq}`
}

function codeOf(value: string): SeatCode {
  // A pending seat is not for sale to anyone else: buyers see it as held.
  return value === 'A' ? 'a' : value.startsWith('S') ? 's' : 'h'
}

/** The seat map's reads on Redis: one script call reads the version and, if it moved, the seats. */
export class RedisSeatStateSource implements SeatStateSource {
  readonly #scripts: ScriptRunner
  readonly #keys: KeyBuilder

  constructor(scripts: ScriptRunner, keys: KeyBuilder) {
    this.#scripts = scripts
    this.#keys = keys
  }

  async readSeatStates(saleId: string, knownVersion: string): Promise<SeatStateRead> {
    const k = this.#keys.sale(saleId)
    const reply = await this.#scripts.run(
      'seat-states',
      [k.meta, k.ledger, k.seats],
      [knownVersion === '' ? '' : rawVersion(knownVersion)]
    )
    const version = publicVersion(String(reply[0]))
    const flat = reply[1] as unknown[] | undefined
    if (flat === undefined) return { version }
    const seats: Array<readonly [string, SeatCode]> = new Array(flat.length / 2)
    for (let i = 0, j = 0; i < flat.length; i += 2, j++) {
      seats[j] = [String(flat[i]), codeOf(String(flat[i + 1]))]
    }
    return { version, seats }
  }
}
