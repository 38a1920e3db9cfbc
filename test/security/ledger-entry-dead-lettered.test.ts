/**
 * A stock-ledger entry PostgreSQL refuses is set aside with its reason, and never blocks the
 * entries behind it. The refusal reproduced here is the one a lost hold left behind: a live hold
 * row in PostgreSQL for a seat Redis then gave to another buyer (holds_one_live_per_seat). Before,
 * that one entry failed its batch on every drain, so nothing of the sale reached PostgreSQL any
 * more, and the reconciler, which drains first, failed too. Real Redis and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SaleRepository } from '../../src/domain/sale-ports.ts'
import { LedgerSink } from '../../src/services/pipeline/ledger-sink.ts'
import { createHarness, type Harness, seatedSale } from '../support/harness.ts'
import { holdDirect } from '../support/pipeline.ts'

let h: Harness

beforeAll(async () => {
  h = await createHarness({}, { kafka: false })
})
afterAll(async () => {
  await h?.close()
})

const admin = () => ({ authorization: `Bearer ${h.adminToken}` })

interface Letter {
  id: string
  saleId: string
  sourceId: string
  entry: { unitId: string; seatId: string; kind: string }
  reason: string
  resolution: string | null
}

describe('a ledger entry the sink cannot apply', () => {
  it('is dead-lettered with its reason; the entries behind it reach PostgreSQL; an operator sees and replays it', async () => {
    const saleId = await h.createSale(seatedSale(1, 10, { perUserLimit: 4 }))
    await h.admit(saleId, ['ghost', 'buyer', 'other'])
    // The phantom: PostgreSQL has a live hold of A-1-1 that Redis does not have.
    const ghost = await holdDirect(h, saleId, 'ghost', 'A-1-1')
    await h.rt.drainLedger()
    const k = h.keys.sale(saleId)
    await h.redis.hSet(k.seats, 'A-1-1', 'A')
    await h.redis.hDel(k.units, ghost)
    await h.redis.zRem(k.expiry, ghost)
    await h.redis.hIncrBy(k.meta, 'available', 1)
    await h.redis.hIncrBy(k.meta, 'held', -1)
    await h.redis.hDel(k.users, 'ghost')

    // Redis gives the seat to a buyer; changes of other seats follow in the same ledger.
    const taken = await holdDirect(h, saleId, 'buyer', 'A-1-1')
    const behind = [
      await holdDirect(h, saleId, 'other', 'A-1-2'),
      await holdDirect(h, saleId, 'other', 'A-1-3')
    ]
    expect(await h.inventory.ledgerLength(saleId)).toBe(3)

    await h.rt.drainLedger()
    expect(await h.inventory.ledgerLength(saleId)).toBe(0)
    const { rows } = await h.pool.query<{ id: string }>(
      "SELECT id FROM holds WHERE sale_id = $1 AND state = 'held' ORDER BY id",
      [saleId]
    )
    expect(rows.map((r) => r.id).sort()).toEqual([ghost, ...behind].sort())

    // The operator sees it, with PostgreSQL's reason, in the listing and the sale's stats.
    const list = await h.rt.app.inject({
      method: 'GET',
      url: `/v1/admin/ledger-dead-letters?saleId=${saleId}`,
      headers: admin()
    })
    expect(list.statusCode).toBe(200)
    const { depth, items } = list.json() as { depth: number; items: Letter[] }
    expect(depth).toBe(1)
    expect(items).toHaveLength(1)
    expect(items[0]).toMatchObject({
      saleId,
      entry: { unitId: taken, seatId: 'A-1-1', kind: 'hold' },
      resolution: null
    })
    expect(items[0]?.reason).toMatch(/holds_one_live_per_seat/)
    const stats = await h.rt.app.inject({
      method: 'GET',
      url: `/v1/admin/events/${saleId}/stats`,
      headers: admin()
    })
    expect(stats.json()).toMatchObject({ ledgerDeadLetters: 1, ledgerBacklog: 0 })

    // The reconciler is not blocked, and does not rebuild Redis from the PostgreSQL that lacks the hold.
    const report = await h.rt.results.reconciler.reconcile(saleId)
    expect(report).toMatchObject({ repaired: false, busy: false, ledgerDeadLetters: 1 })
    expect(report.drift.length).toBeGreaterThan(0)
    expect((await h.inventory.getHold(saleId, taken))?.userId).toBe('buyer')

    // Replaying while the phantom is still there is refused, and changes nothing.
    const id = items[0]?.id ?? ''
    const early = await h.rt.app.inject({
      method: 'POST',
      url: `/v1/admin/ledger-dead-letters/${id}/replay`,
      headers: admin()
    })
    expect(early.statusCode).toBe(409)
    expect((early.json() as { code: string }).code).toBe('FC_INVALID_STATE')

    // The operator ends the phantom row; the replay now applies the entry.
    await h.pool.query("UPDATE holds SET state = 'released' WHERE id = $1", [ghost])
    const replay = await h.rt.app.inject({
      method: 'POST',
      url: `/v1/admin/ledger-dead-letters/${id}/replay`,
      headers: admin()
    })
    expect(replay.statusCode).toBe(200)
    expect(replay.json()).toMatchObject({ resolution: 'replayed' })
    expect(await h.rt.results.reconciler.reconcile(saleId)).toMatchObject({ drift: [], repaired: false })
    const after = await h.rt.app.inject({
      method: 'GET',
      url: `/v1/admin/ledger-dead-letters?saleId=${saleId}`,
      headers: admin()
    })
    expect(after.json()).toMatchObject({ depth: 0, items: [] })
  })

  it('a failure that may pass (PostgreSQL unreachable) leaves the ledger as it was for the next drain', async () => {
    const saleId = await h.createSale(seatedSale(1, 4))
    await h.admit(saleId, ['late'])
    await holdDirect(h, saleId, 'late', 'A-1-4')
    const recorded: string[] = []
    const unreachable = {
      applyLedger: async () => {
        throw new Error('connection terminated unexpectedly')
      }
    } as unknown as SaleRepository
    const sink = new LedgerSink({
      source: h.inventory,
      repo: unreachable,
      owner: 'another-process',
      deadLetters: {
        record: async (entry) => {
          recorded.push(entry.sourceId)
        },
        list: async () => [],
        get: async () => undefined,
        resolve: async () => false,
        depth: async () => 0
      }
    })
    await expect(sink.drain(saleId)).rejects.toThrow(/connection terminated/)
    expect(recorded).toEqual([])
    expect(await h.inventory.ledgerLength(saleId)).toBe(1)
  })
})
