/**
 * The buyer page's seat model (web/src/buyer/venue.ts): layout indexes, deltas applied only in
 * sequence, live counts per section, and money through Intl in the sale's minor unit.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { SeatLayout } from '../../src/http/api-types.ts'
import { applyDelta, availableBySection, fromSeatList, indexOf, seatId } from '../../web/src/buyer/venue.ts'
import { money, toMinor } from '../../web/src/format.ts'

const layout: SeatLayout = {
  saleId: 's',
  currency: 'KRW',
  seatCount: 2 * 3 + 4 * 5,
  sections: [
    { name: 'VIP', price: 150000, rows: 2, seatsPerRow: 3, offset: 0 },
    { name: 'R', price: 60000, rows: 4, seatsPerRow: 5, offset: 6 }
  ]
}

describe('venue seat model', () => {
  it('numbers every seat once, in layout order', () => {
    const seen: number[] = []
    for (const s of layout.sections)
      for (let r = 1; r <= s.rows; r++)
        for (let n = 1; n <= s.seatsPerRow; n++) seen.push(indexOf(layout, seatId(s.name, r, n)))
    expect(seen).toEqual([...Array(layout.seatCount).keys()])
    expect(indexOf(layout, 'R-5-1')).toBe(-1)
    expect(indexOf(layout, 'X-1-1')).toBe(-1)
    expect(indexOf(layout, 'VIP-1-4')).toBe(-1)
  })

  it('applies a delta only when it continues from the version held', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(layout.seatCount - 1), fc.constantFrom('a', 'h', 's' as const)), {
          maxLength: 40
        }),
        (changes) => {
          const start = 'a'.repeat(layout.seatCount)
          const next = applyDelta(start, 'v1', { from: 'v1', version: 'v2', changes })
          expect(next).not.toBeNull()
          expect(next).toHaveLength(start.length)
          const expected = start.split('')
          for (const [i, c] of changes) expected[i] = c
          expect(next).toBe(expected.join(''))
          expect(applyDelta(start, 'v0', { from: 'v1', version: 'v2', changes })).toBeNull()
        }
      )
    )
  })

  it('counts available seats per section', () => {
    const states = `${'a'.repeat(6)}${'s'.repeat(20)}`
    expect(availableBySection(layout, states)).toEqual([6, 0])
    const after = applyDelta(states, 'x', {
      from: 'x',
      version: 'y',
      changes: [
        [0, 'h'],
        [7, 'a']
      ]
    })
    expect(availableBySection(layout, after ?? '')).toEqual([5, 1])
  })

  it('builds a layout from the old seat list, sections in the order listed', () => {
    const { layout: l, states } = fromSeatList('s', 'KRW', [
      { id: 'B-1-1', section: 'B', row: 1, number: 1, price: 5, state: 'sold' },
      { id: 'B-1-2', section: 'B', row: 1, number: 2, price: 5, state: 'available' },
      { id: 'A-1-1', section: 'A', row: 1, number: 1, price: 9, state: 'held' }
    ])
    expect(l.sections.map((s) => [s.name, s.offset])).toEqual([
      ['B', 0],
      ['A', 2]
    ])
    expect(states).toBe('sah')
  })

  it('formats money in the currency minor unit through Intl', () => {
    const won = new Intl.NumberFormat('ko-KR', { style: 'currency', currency: 'KRW' })
    expect(won.resolvedOptions().maximumFractionDigits).toBe(0)
    expect(won.format(60000)).toMatch(/₩\s?60,000/)
    // The app's own formatter, in English here (Node has no page language).
    expect(money(60000, 'KRW')).toBe('₩60,000')
    expect(money(6000, 'USD')).toBe('$60.00')
    expect(money(1234, 'JPY')).toBe('¥1,234')
    expect(toMinor('60000', 'KRW')).toBe(60000)
    expect(toMinor('12.5', 'USD')).toBe(1250)
    expect(toMinor('abc', 'USD')).toBeNull()
  })
})
