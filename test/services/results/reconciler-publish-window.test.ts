/**
 * The reconciler's grace period for a pending unit with no booking row: two minutes while nothing
 * is known, the publish window once the pipeline has provably handled everything published.
 * Ports are fakes here (the reconciler against real Redis and PostgreSQL: reconciler.test.ts);
 * what is checked is which grace period the database is asked with, and what gets settled.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { InventorySnapshot } from '../../../src/domain/inventory-ports.ts'
import type { InventoryImage, StaleUnit } from '../../../src/domain/result-ports.ts'
import { Reconciler, type ReconcilerOptions } from '../../../src/services/results/reconciler.ts'

const saleId = 'e0000000000000001'

/** Units pending since `ageMs` ago; the fake database answers like the real query does. */
function world(units: Array<{ id: string; ageMs: number }>, caughtUp?: () => Promise<boolean>) {
  const asked: number[] = []
  const failed: string[] = []
  let questions = 0
  const image: InventoryImage = {
    warm: true,
    counts: { capacity: 0, available: 0, held: 0, pending: 0, confirmed: 0 },
    seats: new Map(),
    units: new Map(),
    users: new Map(),
    ledgerId: '0-0',
    readFrom: '0-0'
  }
  const snapshot = { sale: { capacity: 0 }, seats: [], units: [] } as unknown as InventorySnapshot
  const options: ReconcilerOptions = {
    repo: {
      getSale: async () => ({ id: saleId }) as never,
      loadSnapshot: async () => snapshot,
      ledgerChangesSince: async () => ({ seats: new Set(), units: new Set(), users: new Set() })
    },
    inventory: { pendingToReleased: async () => ({ ok: true, value: undefined }) },
    audit: { image: async () => image, ledgerHoldsUpTo: async () => false },
    stale: {
      stalePending: async (_sale: string, graceMs: number): Promise<StaleUnit[]> => {
        asked.push(graceMs)
        return units
          .filter((u) => u.ageMs > graceMs && !failed.includes(u.id))
          .map((u) => ({ unitId: u.id, seatId: null, userId: 'u', bookingId: `r-${u.id}` }))
      },
      failStale: async (_sale: string, unit: StaleUnit) => {
        failed.push(unit.unitId)
        return true
      }
    },
    sales: { rewarmIfUnchanged: async () => true },
    sink: { drain: async () => 0 } as unknown as ReconcilerOptions['sink'],
    ...(caughtUp
      ? {
          pipelineCaughtUp: async () => {
            questions++
            return caughtUp()
          }
        }
      : {})
  }
  return { reconciler: new Reconciler(options), asked, failed, questions: () => questions }
}

describe('reconciler grace period for pending units without a booking row', () => {
  it('waits the full grace period when the pipeline cannot say it has caught up', async () => {
    const w = world([{ id: 'h1', ageMs: 45_000 }])
    expect((await w.reconciler.reconcile(saleId)).stale).toEqual([])
    expect(w.asked).toEqual([120_000])
  })

  it('settles after the publish window once the pipeline handled everything published', async () => {
    const w = world(
      [
        { id: 'h1', ageMs: 45_000 },
        { id: 'h2', ageMs: 10_000 }
      ],
      async () => true
    )
    const report = await w.reconciler.reconcile(saleId)
    expect(report.stale).toEqual(['r-h1'])
    expect(w.failed).toEqual(['h1'])
    expect(w.questions()).toBe(1)
  })

  it('keeps the full grace period when the pipeline is behind or its answer fails', async () => {
    const behind = world([{ id: 'h1', ageMs: 45_000 }], async () => false)
    expect((await behind.reconciler.reconcile(saleId)).stale).toEqual([])
    const failing = world([{ id: 'h1', ageMs: 45_000 }], async () => {
      throw new Error('no broker')
    })
    expect((await failing.reconciler.reconcile(saleId)).stale).toEqual([])
    expect(failing.failed).toEqual([])
  })

  it('does not ask the pipeline when no unit is older than the publish window', async () => {
    const w = world([{ id: 'h1', ageMs: 5_000 }], async () => true)
    expect((await w.reconciler.reconcile(saleId)).stale).toEqual([])
    expect(w.questions()).toBe(0)
  })

  it('a reused answer counts from when it was asked: the grace period grows by its age', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    const units = [{ id: 'h1', ageMs: 45_000 }]
    const w = world(units, async () => true)
    expect((await w.reconciler.reconcile(saleId)).stale).toEqual(['r-h1'])
    // 8 s later the answer is reused (younger than a third of the window): a unit that went
    // pending 35 s ago may have been published after it was given, so it waits; one 39 s old not.
    vi.setSystemTime(Date.now() + 8000)
    units.push({ id: 'h2', ageMs: 35_000 }, { id: 'h3', ageMs: 39_000 })
    expect((await w.reconciler.reconcile(saleId)).stale).toEqual(['r-h3'])
    expect(w.questions()).toBe(1)
    expect(w.asked.at(-1)).toBe(38_000)
  })
})

afterEach(() => {
  vi.useRealTimers()
})
