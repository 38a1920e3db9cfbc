/** I7 as the chaos run checks it: admission times, taken from what each buyer was told, in ticket order. */
import { describe, expect, it } from 'vitest'
import { admissionOrder } from '../../tools/invariants.ts'

describe('admissionOrder', () => {
  it('accepts admissions in ticket order, several buyers per tick', () => {
    const report = admissionOrder([
      { ticket: 3, until: 2000 },
      { ticket: 1, until: 1000 },
      { ticket: 2, until: 1000 },
      { ticket: 5, until: 3000 }
    ])
    expect(report).toEqual({ admitted: 4, ticks: 3, outOfOrder: 0, unknown: 0 })
  })

  it('counts a buyer admitted in an earlier tick than a lower ticket', () => {
    const report = admissionOrder([
      { ticket: 1, until: 1000 },
      { ticket: 2, until: 3000 },
      { ticket: 3, until: 2000 },
      { ticket: 4, until: 2500 },
      { ticket: 5, until: 4000 }
    ])
    expect(report.outOfOrder).toBe(2)
    expect(report.example).toBe('ticket 3 admitted 1000 ms before ticket 2')
  })

  it('counts admissions without a readable time apart, and skipped tickets are allowed', () => {
    const report = admissionOrder([
      { ticket: 1, until: 1000 },
      { ticket: 4, until: 2000 },
      { ticket: 6, until: Number.NaN }
    ])
    expect(report).toEqual({ admitted: 2, ticks: 2, outOfOrder: 0, unknown: 1 })
  })
})
