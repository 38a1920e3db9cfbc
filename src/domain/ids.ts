import { randomFillSync } from 'node:crypto'

/**
 * Identifier formats. A hold, claim or reservation id embeds its sale's id, so any process can
 * route a request on it to the right Redis slot and PostgreSQL rows without a look-up.
 *
 *   sale         e + 15 base36 chars          e3k9x0c1q7m2z8a
 *   hold         <sale>.h + 16 base36 chars   e3k9x0c1q7m2z8a.h0123456789abcdef
 *   claim        <sale>.c + 16
 *   reservation  <sale>.r + 16
 *   seat         <section>-<row>-<number>     A-3-12
 *
 * A hold of several seats is one unit per seat (docs/inventory.md), whose ids share a group:
 * `<sale>.h` + 12 random chars + the unit's index (2 base36 chars) + the group's size (2), so any
 * unit's id names all of its group's ids without a look-up (in Redis, in PostgreSQL and in the
 * pipeline). Index 00 is the hold's own id, the one its buyer is given; a reservation id keeps the
 * same suffix. Only the inventory core decides whether an id is a group's (a single hold's random
 * id may end like one): a group id with no such siblings is a single unit.
 */
const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz'

// Random bytes are drawn from the CSPRNG 4 KiB at a time: one call per id cost more than the rest
// of the id (a system call and a buffer per draw on the busiest path, one per hold and claim).
const pool = Buffer.alloc(4096)
let poolAt = pool.length

function randomByte(): number {
  if (poolAt === pool.length) {
    randomFillSync(pool)
    poolAt = 0
  }
  return pool[poolAt++] as number
}

function random(length: number): string {
  let out = ''
  while (out.length < length) {
    // 252 is the largest multiple of 36 below 256: rejecting larger bytes keeps the draw uniform.
    const b = randomByte()
    if (b < 252) out += ALPHABET[b % 36]
  }
  return out
}

export type ChildKind = 'h' | 'c' | 'r'

export const SALE_ID = /^e[0-9a-z]{15}$/
export const CHILD_ID = /^(e[0-9a-z]{15})\.([hcr])[0-9a-z]{16}$/
export const SECTION_NAME = /^[A-Za-z0-9]{1,16}$/
export const SEAT_ID = /^[A-Za-z0-9]{1,16}-[1-9][0-9]{0,3}-[1-9][0-9]{0,3}$/

export const SALE_ID_PATTERN = SALE_ID.source
export const SEAT_ID_PATTERN = SEAT_ID.source
export const childIdPattern = (kind: ChildKind): string => `^e[0-9a-z]{15}\\.${kind}[0-9a-z]{16}$`

export function newSaleId(): string {
  return `e${random(15)}`
}

export function newChildId(saleId: string, kind: ChildKind): string {
  return `${saleId}.${kind}${random(16)}`
}

/** Most units one group id can name (two base36 digits). */
export const MAX_GROUP_SIZE = 36 * 36 - 1

const base36x2 = (n: number): string => n.toString(36).padStart(2, '0')

/**
 * The unit ids of a new hold of `size` seats, the hold's own id first: `size` 1 is a plain hold
 * id, more share one group prefix (see the header).
 */
export function newGroupIds(saleId: string, size: number): string[] {
  if (size <= 1) return [newChildId(saleId, 'h')]
  if (size > MAX_GROUP_SIZE) throw new RangeError(`a hold takes at most ${MAX_GROUP_SIZE} seats`)
  const prefix = `${saleId}.h${random(12)}`
  return Array.from({ length: size }, (_, i) => prefix + base36x2(i) + base36x2(size))
}

/**
 * Every id of the group a hold or reservation id would belong to (index 00 first, same kind as
 * the id), or undefined when the id cannot be a group's. Whether the group exists is for the
 * caller to tell (see the header).
 */
export function groupIdsOf(childId: string): string[] | undefined {
  if (!CHILD_ID.test(childId)) return undefined
  const index = Number.parseInt(childId.slice(-4, -2), 36)
  const size = Number.parseInt(childId.slice(-2), 36)
  if (!(size >= 2 && index < size)) return undefined
  const prefix = childId.slice(0, -4)
  return Array.from({ length: size }, (_, i) => prefix + base36x2(i) + base36x2(size))
}

/** The sale a hold, claim or reservation id belongs to, or undefined when the id is malformed. */
export function saleOf(childId: string, kind: ChildKind): string | undefined {
  const m = CHILD_ID.exec(childId)
  return m && m[2] === kind ? m[1] : undefined
}

export function seatId(section: string, row: number, number: number): string {
  return `${section}-${row}-${number}`
}
