import type { LayoutSection, SeatCode, SeatDelta, SeatLayout, SeatView } from '../../../src/http/api-types.ts'

/**
 * The seat map's model, pure: the layout (sections in creation order, rows, seats, prices) and
 * the state string (one code per seat in layout order: `a` available, `h` held or paying, `s`
 * sold). Seat `${section}-${row}-${number}` is at `offset + (row-1)*seatsPerRow + (number-1)`.
 */
export interface SeatRef {
  section: string
  row: number
  number: number
}

export const seatId = (section: string, row: number, number: number) => `${section}-${row}-${number}`

export function parseSeatId(id: string): SeatRef | null {
  const m = /^(.+)-(\d+)-(\d+)$/.exec(id)
  if (!m?.[1] || !m[2] || !m[3]) return null
  return { section: m[1], row: Number(m[2]), number: Number(m[3]) }
}

export function sectionOf(layout: SeatLayout, name: string): LayoutSection | undefined {
  return layout.sections.find((s) => s.name === name)
}

/** The index of a seat in layout order, or -1 when the layout has no such seat. */
export function indexOf(layout: SeatLayout, id: string): number {
  const ref = parseSeatId(id)
  const sec = ref && sectionOf(layout, ref.section)
  if (!ref || !sec || ref.row < 1 || ref.row > sec.rows || ref.number < 1 || ref.number > sec.seatsPerRow)
    return -1
  return sec.offset + (ref.row - 1) * sec.seatsPerRow + (ref.number - 1)
}

export function codeOf(layout: SeatLayout, states: string, id: string): SeatCode | undefined {
  const i = indexOf(layout, id)
  const c = i < 0 ? undefined : states[i]
  return c === 'a' || c === 'h' || c === 's' ? c : undefined
}

export function priceOf(layout: SeatLayout, id: string): number {
  const ref = parseSeatId(id)
  return (ref && sectionOf(layout, ref.section)?.price) ?? 0
}

/**
 * The state after a delta, or null when the delta does not continue from `version` (the client
 * missed one and must reconnect for a fresh snapshot). Indexes outside the map are ignored.
 */
export function applyDelta(states: string, version: string, delta: SeatDelta): string | null {
  if (delta.from !== version) return null
  if (delta.changes.length === 0) return states
  const chars = states.split('')
  for (const [i, code] of delta.changes) {
    if (Number.isInteger(i) && i >= 0 && i < chars.length && (code === 'a' || code === 'h' || code === 's'))
      chars[i] = code
  }
  return chars.join('')
}

/** Available seats per section, in layout order. */
export function availableBySection(layout: SeatLayout, states: string): number[] {
  return layout.sections.map((s) => {
    let n = 0
    const end = s.offset + s.rows * s.seatsPerRow
    for (let i = s.offset; i < end; i++) if (states.charCodeAt(i) === 97) n++
    return n
  })
}

/**
 * A layout and state built from `GET /v1/events/:id/seats`, for a server that has no layout route:
 * sections in the order the list first names them.
 */
export function fromSeatList(saleId: string, currency: string, seats: SeatView[]) {
  const secs = new Map<string, { price: number; rows: number; seatsPerRow: number }>()
  for (const s of seats) {
    const sec = secs.get(s.section) ?? { price: s.price, rows: 0, seatsPerRow: 0 }
    sec.rows = Math.max(sec.rows, s.row)
    sec.seatsPerRow = Math.max(sec.seatsPerRow, s.number)
    secs.set(s.section, sec)
  }
  let offset = 0
  const sections: LayoutSection[] = []
  for (const [name, s] of secs) {
    sections.push({ name, ...s, offset })
    offset += s.rows * s.seatsPerRow
  }
  const layout: SeatLayout = { saleId, currency, seatCount: offset, sections }
  const chars = new Array<string>(offset).fill('s')
  for (const s of seats) {
    const i = indexOf(layout, s.id)
    if (i >= 0) chars[i] = s.state === 'available' ? 'a' : s.state === 'sold' ? 's' : 'h'
  }
  return { layout, states: chars.join('') }
}
