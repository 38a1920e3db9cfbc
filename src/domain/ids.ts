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

/** The sale a hold, claim or reservation id belongs to, or undefined when the id is malformed. */
export function saleOf(childId: string, kind: ChildKind): string | undefined {
  const m = CHILD_ID.exec(childId)
  return m && m[2] === kind ? m[1] : undefined
}

export function seatId(section: string, row: number, number: number): string {
  return `${section}-${row}-${number}`
}
